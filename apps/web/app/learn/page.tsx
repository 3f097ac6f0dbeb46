import { listChapters } from "../../views/learn/chapters";
import { LearnView } from "../../views/learn/view";

export const metadata = { title: "Learn · mTLS Lab" };

/** `/learn/`: the tutorial's index, every chapter in order. */
export default function LearnIndexPage() {
  return <LearnView chapters={listChapters()} index />;
}
