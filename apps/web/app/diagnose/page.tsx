import { DiagnoseView } from "../../views/diagnose/view";

export const metadata = { title: "Diagnose · mTLS Lab" };

export default function DiagnosePage() {
  return <DiagnoseView />;
}
