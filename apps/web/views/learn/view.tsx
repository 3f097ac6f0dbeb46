"use client";
import Link from "next/link";
import { useMemo } from "react";
import { useRouter } from "next/navigation";
import { Workbench } from "../../workbench/workbench";
import { useCommands } from "../../workbench/context";
import type { ChapterEntry } from "./chapters";
import type { TocEntry } from "./markdown";
import { basePath } from "./links";
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

function Start({ chapters }: { chapters: readonly ChapterEntry[] }) {
  return (
    <div className="page">
      <h1>mTLS Lab</h1>
      <p>Learn, set up and debug mutual TLS. Everything runs in this page: nothing you open or generate is uploaded.</p>
      <div className="strip">
        {chapters[0] ? (
          <Link href={`/learn/${chapters[0].slug}/`}>
            <strong>Learn</strong>
            Start the tutorial: {chapters[0].title}.
          </Link>
        ) : (
          <div className="card">
            <strong>Learn</strong>
            The tutorial explains mutual TLS chapter by chapter; its chapters appear here as they are written.
          </div>
        )}
        <Link href="/inspect/">
          <strong>Inspect</strong>
          Drop a certificate, key, bundle or PKCS#12 file and see what is inside.
        </Link>
        <Link href="/generate/">
          <strong>Generate</strong>
          Make a working mTLS kit: CAs, server and client certificates, nginx and client code.
        </Link>
      </div>
      {chapters.length > 0 && (
        <>
          <h2>Chapters</h2>
          <ol className="learn-chapters">
            {chapters.map((c) => (
              <li key={c.slug}>
                <Link href={`/learn/${c.slug}/`}>{c.title}</Link>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** Learn: the tutorial from docs/learn, one chapter a page, with the chapter list and its contents in the side bar. */
export function LearnView({ chapters, chapter }: { chapters: readonly ChapterEntry[]; chapter?: LearnChapter }) {
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
    <Workbench
      view="learn"
      sideBar={<ChapterNav chapters={chapters} current={chapter?.slug} toc={chapter?.toc} />}
      home={
        chapter ? (
          <div className="page learn-page">
            {/* Rendered from the repository's own Markdown at build time (raw HTML in it is escaped). */}
            <article className="learn" data-testid="chapter" onClick={followSiteLink} dangerouslySetInnerHTML={{ __html: chapter.html }} />
            <nav className="learn-pager" aria-label="Previous and next chapter">
              {previous ? <Link href={`/learn/${previous.slug}/`}>← {previous.title}</Link> : <span />}
              {next ? <Link href={`/learn/${next.slug}/`}>{next.title} →</Link> : <span />}
            </nav>
          </div>
        ) : (
          <Start chapters={chapters} />
        )
      }
    >
      <ChapterCommands chapters={chapters} />
    </Workbench>
  );
}
