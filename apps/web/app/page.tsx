import { listChapters } from "../views/learn/chapters";
import { LearnView } from "../views/learn/view";

/** `/`: Learn's start with the "three ways to use this" strip and the tutorial's chapters. */
export default function Home() {
  return <LearnView chapters={listChapters()} />;
}
