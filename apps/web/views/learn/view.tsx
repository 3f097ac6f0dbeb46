"use client";
import Link from "next/link";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { SideBarContribution } from "../../workbench/contribute";
import { useCommands } from "../../workbench/context";
import type { ChapterEntry } from "./chapters";
import type { TocEntry } from "./markdown";
import { basePath } from "./links";
import { views } from "../registry";
import "./learn.css";

/** A chapter as rendered at build time. */
export interface LearnChapter extends ChapterEntry {
  html: string;
  toc: TocEntry[];
}

function ChapterNav({ chapters, current, toc }: { chapters: readonly ChapterEntry[]; current?: string; toc?: readonly TocEntry[] }) {
  return (
    <>
      <nav className="wb-section learn-nav" aria-label="Chapters">
        {chapters.length === 0 ? (
          <p className="muted">No chapters yet.</p>
        ) : (
          <ol>
            {chapters.map((c) => (
              <li key={c.slug}>
                <Link href={`/learn/${c.slug}/`} aria-current={c.slug === current ? "page" : undefined}>
                  {c.title}
                </Link>
              </li>
            ))}
          </ol>
        )}
      </nav>
      {toc && toc.length > 0 && (
        <nav className="wb-section learn-toc" aria-label="On this page">
          <h3>On this page</h3>
          <ul>
            {toc.map((t) => (
              <li key={t.id} data-depth={t.depth}>
                <a href={`#${t.id}`}>{t.text}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

/** Every chapter as a palette command ("Learn: The mTLS handshake"), while Learn is open. */
function ChapterCommands({ chapters }: { chapters: readonly ChapterEntry[] }) {
  const router = useRouter();
  const commands = useMemo(() => chapters.map((c) => ({ id: `learn.${c.slug}`, title: `Learn: ${c.title}`, run: () => router.push(`/learn/${c.slug}/`) })), [chapters, router]);
  useCommands(commands);
  return null;
}

/** The landing page: the five views, what each is for, in one glance. The chapters are in the side bar and at /learn/. */
function Start({ chapters }: { chapters: readonly ChapterEntry[] }) {
  return (
    <div className="page">
      <h1>mTLS Lab</h1>
      <p>Learn, set up and debug mutual TLS. Everything runs in this page: nothing you open or generate is uploaded.</p>
      <ul className="view-cards" aria-label="What you can do here">
        {views.map((v) => (
          <li key={v.id}>
            <Link href={v.id === "learn" && chapters[0] ? `/learn/${chapters[0].slug}/` : v.href}>
              <strong>{v.id === "learn" ? "Learn: start the tutorial" : v.title}</strong>
              {v.description}.
            </Link>
          </li>
        ))}
      </ul>
      <p>
        <Link href="/learn/">All {chapters.length} chapters of the tutorial</Link>
      </p>
    </div>
  );
}

/** `/learn/`: the tutorial's chapters in order. */
function ChapterIndex({ chapters }: { chapters: readonly ChapterEntry[] }) {
  return (
    <div className="page">
      <h1>Learn mutual TLS</h1>
      <p>The tutorial, one chapter at a time. Each chapter links to the view where you can try it.</p>
      {chapters.length === 0 ? (
        <p className="muted">No chapters yet.</p>
      ) : (
        <ol className="learn-chapters" data-testid="chapter-index">
          {chapters.map((c) => (
            <li key={c.slug}>
              <Link href={`/learn/${c.slug}/`}>{c.title}</Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Learn: the tutorial from docs/learn, one chapter a page, with the chapter list and its contents in the side bar. */
export function LearnView({ chapters, chapter, index: showIndex }: { chapters: readonly ChapterEntry[]; chapter?: LearnChapter; index?: boolean }) {
  const router = useRouter();
  // Links in the rendered Markdown are plain <a>: follow the site's own client-side, like next/link does,
  // so a kit generated or a file inspected in this visit is still there after following a chapter's link.
  const followSiteLink = (e: React.MouseEvent<HTMLElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as HTMLElement).closest("a");
    const href = a?.getAttribute("href");
    if (!a || !href || a.target || !href.startsWith("/") || href.startsWith("//")) return;
    const base = basePath();
    if (base && !href.startsWith(`${base}/`)) return;
    const [path, hash] = href.slice(base.length).split("#", 2) as [string, string | undefined];
    // Same page, another section: let the browser scroll.
    if (path === "" || path === window.location.pathname.slice(base.length)) return;
    e.preventDefault();
    router.push(hash ? `${path}#${hash}` : path);
  };
  const index = chapter ? chapters.findIndex((c) => c.slug === chapter.slug) : -1;
  const previous = index > 0 ? chapters[index - 1] : undefined;
  const next = index >= 0 ? chapters[index + 1] : undefined;
  return (
    <>
      <SideBarContribution>
        <ChapterNav chapters={chapters} current={chapter?.slug} toc={chapter?.toc} />
      </SideBarContribution>
      {chapter ? (
        <div className="page learn-page">
          {/* Rendered from the repository's own Markdown at build time (raw HTML in it is escaped). */}
          <article className="learn" data-testid="chapter" onClick={followSiteLink} dangerouslySetInnerHTML={{ __html: chapter.html }} />
          <nav className="learn-pager" aria-label="Previous and next chapter">
            {previous ? <Link href={`/learn/${previous.slug}/`}>← {previous.title}</Link> : <span />}
            {next ? <Link href={`/learn/${next.slug}/`}>{next.title} →</Link> : <span />}
          </nav>
        </div>
      ) : showIndex ? (
        <ChapterIndex chapters={chapters} />
      ) : (
        <Start chapters={chapters} />
      )}
      <ChapterCommands chapters={chapters} />
    </>
  );
}
