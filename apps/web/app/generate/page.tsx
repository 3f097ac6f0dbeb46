import { GenerateView } from "../../views/generate/view";

export const metadata = { title: "Generate · mTLS Lab" };

export default function GeneratePage() {
  return <GenerateView />;
}
