import { notFound } from "next/navigation";
import { listChapters, readChapter } from "../../../views/learn/chapters";
import { renderChapter } from "../../../views/learn/markdown";
import { LearnView } from "../../../views/learn/view";
import { TopicRedirect } from "../../../views/learn/topic-redirect";
import { resolveTopic, TOPICS } from "../../../views/learn/topics";

/** Only the chapters that exist at build time are pages (static export). */
export const dynamicParams = false;

/** Start page alias: /learn/introduction/ is the tutorial's start (chapter list and the three ways in). */
const START = "introduction";

/** One page per docs/learn/NN-slug.md, at /learn/NN-slug/, plus the start page and the x509 topics' pages. */
export function generateStaticParams(): { chapter: string }[] {
  return [...listChapters().map((c) => c.slug), START, ...Object.keys(TOPICS)].map((chapter) => ({ chapter }));
}

export async function generateMetadata({ params }: { params: Promise<{ chapter: string }> }) {
  const { chapter } = await params;
  const entry = listChapters().find((c) => c.slug === chapter);
  return { title: entry ? `${entry.title} · Learn · mTLS Lab` : "Learn · mTLS Lab" };
}

export default async function ChapterPage({ params }: { params: Promise<{ chapter: string }> }) {
  const { chapter } = await params;
  const chapters = listChapters();
  if (chapter === START) return <LearnView chapters={chapters} />;
  if (Object.prototype.hasOwnProperty.call(TOPICS, chapter)) {
    const target = resolveTopic(chapter, chapters.map((c) => ({ ...c, markdown: readChapter(c.slug) ?? "" })));
    return <TopicRedirect chapters={chapters} topic={chapter} target={target} />;
  }
  const markdown = readChapter(chapter);
  if (markdown === null) notFound();
  const rendered = await renderChapter(markdown, process.env.BASE_PATH ?? "");
  const entry = chapters.find((c) => c.slug === chapter)!;
  return <LearnView chapters={chapters} chapter={{ ...entry, title: rendered.title || entry.title, html: rendered.html, toc: rendered.toc }} />;
}
