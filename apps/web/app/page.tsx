import { listChapters } from "../views/learn/chapters";
import { LearnView } from "../views/learn/view";

/** `/`: the landing page, all five views and what each is for, with the tutorial's chapters in the side bar. */
export default function Home() {
  return <LearnView chapters={listChapters()} />;
}
