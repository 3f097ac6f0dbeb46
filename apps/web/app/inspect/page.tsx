import { InspectView } from "../../views/inspect/view";

export const metadata = { title: "Inspect · mTLS Lab" };

export default function InspectPage() {
  return <InspectView />;
}
