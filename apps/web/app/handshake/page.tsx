import { HandshakeView } from "../../views/handshake/view";

export const metadata = { title: "Handshake · mTLS Lab" };

export default function HandshakePage() {
  return <HandshakeView />;
}
