/**
 * The tutorial's chapters: docs/learn/NN-slug.md, read at build time (server module). The route of a
 * chapter is /learn/NN-slug/, the same name chapters use to link to each other (./NN-slug.md).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** A chapter as the side bar and the routes list it. */
export interface ChapterEntry {
  /** "03-pki": the file name without .md, and the route segment. */
  slug: string;
  /** The first `# Title` line, or the slug when a chapter has none. */
  title: string;
}

/**
 * Where the chapters are: the repository's docs/learn. `next build` runs in apps/web, vitest at the
 * repository root; both find it.
 */
export function learnDir(cwd: string = process.cwd()): string {
  const atRoot = join(cwd, "docs", "learn");
  return existsSync(join(cwd, "pnpm-workspace.yaml")) && existsSync(atRoot) ? atRoot : join(cwd, "..", "..", "docs", "learn");
}

const CHAPTER_FILE = /^(\d+-[a-z0-9][a-z0-9-]*)\.md$/i;

/** The chapters in file-name order; an absent docs/learn is an empty tutorial, not an error. */
export function listChapters(dir: string = learnDir()): ChapterEntry[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => CHAPTER_FILE.test(name))
    .sort()
    .map((name) => {
      const slug = CHAPTER_FILE.exec(name)![1]!;
      const first = /^#\s+(.+?)\s*#*\s*$/m.exec(readFileSync(join(dir, name), "utf8"));
      // Inline Markdown in a title (`code`, *emphasis*) is shown as plain text in lists and the page title.
      return { slug, title: first?.[1]?.replace(/[`*_]/g, "") ?? slug };
    });
}

/** The Markdown of chapter `slug`, or null when there is no such chapter. */
export function readChapter(slug: string, dir: string = learnDir()): string | null {
  if (!/^\d+-[a-z0-9][a-z0-9-]*$/i.test(slug)) return null;
  const file = join(dir, `${slug}.md`);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}
