/**
 * Learn topics: the short names packages/x509 gives its lint warnings and diagnosis findings (`learn`),
 * which the Problems panel links as /learn/<topic>/. Each resolves at build time to the chapter section
 * whose heading matches, so the links keep working while the chapters change; a topic with no matching
 * heading goes to the troubleshooting chapter, else to the tutorial's start.
 */
import type { ChapterEntry } from "./chapters";
import { createSlugger } from "./slugify";

/** Topic -> heading patterns, most specific first. */
export const TOPICS: Readonly<Record<string, readonly RegExp[]>> = {
  "chains-and-trust": [/does not trust the client/i, /intermediate is missing/i, /two CAs/i],
  validity: [/expired|not yet valid/i],
  names: [/name does not match/i, /subjectAltName|host name/i],
  keys: [/key does not match/i],
  "client-certificates": [/no client certificate/i, /client certificate/i],
  extensions: [/wrong purpose/i, /extended key usage|EKU/i],
  algorithms: [/key type|algorithm/i, /openssl, done right/i],
};

/** Where a topic points: a chapter slug and an anchor ("" for the chapter's top). */
export interface TopicTarget {
  slug: string;
  anchor: string;
  heading: string;
}

/** The headings of a chapter's Markdown with the anchors the renderer gives them (same slugger, same order). */
export function headingsOf(markdown: string): { text: string; id: string }[] {
  const slug = createSlugger();
  const out: { text: string; id: string }[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const h = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      const text = h[2]!
        .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/`([^`]*)`/g, "$1")
        .replace(/\*\*?([^*]+)\*\*?/g, "$1");
      out.push({ text, id: slug(text) });
    }
  }
  return out;
}

/** Resolves `topic` against the chapters (with their Markdown); null for an unknown topic. */
export function resolveTopic(topic: string, chapters: readonly (ChapterEntry & { markdown: string })[]): TopicTarget | null {
  const patterns = TOPICS[topic];
  if (!patterns) return null;
  for (const pattern of patterns) {
    // Troubleshooting chapters first: a Problems link is about an error.
    const ordered = [...chapters].sort((a, b) => Number(/troubleshoot/.test(b.slug)) - Number(/troubleshoot/.test(a.slug)));
    for (const chapter of ordered) {
      const heading = headingsOf(chapter.markdown).find((h) => pattern.test(h.text));
      if (heading) return { slug: chapter.slug, anchor: heading.id, heading: heading.text };
    }
  }
  const fallback = chapters.find((c) => /troubleshoot/.test(c.slug)) ?? chapters[0];
  return fallback ? { slug: fallback.slug, anchor: "", heading: fallback.title } : { slug: "", anchor: "", heading: "" };
}
