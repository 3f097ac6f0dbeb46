import { readdirSync } from "node:fs";
import { join } from "node:path";
import { LearnView } from "../../../views/learn/view";

/** Chapters are docs/learn/NN-slug.md; the route is /learn/slug. Read at build time (static export). */
export function generateStaticParams(): { chapter: string }[] {
  let names: string[] = [];
  try {
    names = readdirSync(join(process.cwd(), "..", "..", "docs", "learn"));
  } catch {
    names = [];
  }
  const chapters = names.filter((n) => /^\d+-.+\.md$/.test(n)).map((n) => n.replace(/^\d+-/, "").replace(/\.md$/, ""));
  // A static export needs at least one page per dynamic route; "introduction" stands in until chapters exist.
  return (chapters.length ? chapters : ["introduction"]).map((chapter) => ({ chapter }));
}

export default async function ChapterPage({ params }: { params: Promise<{ chapter: string }> }) {
  const { chapter } = await params;
  return <LearnView chapter={chapter} />;
}
