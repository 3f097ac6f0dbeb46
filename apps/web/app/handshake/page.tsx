import { flows } from "@mtls-lab/handshake";
import { HandshakeView } from "../../views/handshake/view";

export const metadata = { title: "Handshake · mTLS Lab" };

/** The flows are read here, at build time, and reach the page as data: the package stays out of its JavaScript. */
export default function HandshakePage() {
  return <HandshakeView flows={flows} />;
}
