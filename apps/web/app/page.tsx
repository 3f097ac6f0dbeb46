import { LearnView } from "../views/learn/view";

/** `/`: Learn's start with the "three ways to use this" strip. */
export default function Home() {
  return <LearnView />;
}
