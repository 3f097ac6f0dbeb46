/**
 * A chapter's Markdown as HTML, at build time only (a server module: marked and shiki never reach the
 * browser). Code is highlighted with VS Code's Dark+ and Light+ as CSS variables, headings get anchors
 * and a table of contents, and links are rewritten for the site (links.ts).
 */
import { Marked, type Tokens } from "marked";
import { createHighlighter, type Highlighter } from "shiki";
import { isExternal, repositoryFileOfLink, rewriteHref } from "./links";
import { createSlugger } from "./slugify";

/** One entry of a chapter's table of contents. */
export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

export interface RenderedChapter {
  /** The first `# Title`, as text. */
  title: string;
  html: string;
  /** Headings of level 2 and 3, in order. */
  toc: TocEntry[];
}

/** Info-string languages the chapters use, mapped onto shiki grammars. */
const LANGUAGES: Readonly<Record<string, string>> = {
  sh: "shellscript",
  bash: "shellscript",
  shell: "shellscript",
  console: "shellscript",
  nginx: "nginx",
  yaml: "yaml",
  yml: "yaml",
  js: "javascript",
  javascript: "javascript",
  mjs: "javascript",
  ts: "typescript",
  typescript: "typescript",
  python: "python",
  py: "python",
  java: "java",
  go: "go",
  json: "json",
  ini: "ini",
  dockerfile: "dockerfile",
  toml: "toml",
};

let highlighter: Promise<Highlighter> | null = null;

function getHighlighter(): Promise<Highlighter> {
  highlighter ??= createHighlighter({ themes: ["dark-plus", "light-plus"], langs: [...new Set(Object.values(LANGUAGES))] });
  return highlighter;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The first word of an info string ("sh runnable lab" -> "sh"), and whether the doc-test runner runs it. */
function readInfo(lang: string | undefined): { language: string; runnable: boolean; expect: boolean } {
  const words = (lang ?? "").trim().split(/\s+/);
  return { language: (words[0] ?? "").toLowerCase(), runnable: words.includes("runnable"), expect: words[0] === "output" && words.includes("expect") };
}

async function highlightBlock(code: string, lang: string | undefined): Promise<string> {
  const info = readInfo(lang);
  const grammar = LANGUAGES[info.language];
  const body = grammar
    ? (await getHighlighter()).codeToHtml(code, { lang: grammar, themes: { dark: "dark-plus", light: "light-plus" }, defaultColor: false })
    : `<pre class="shiki" tabindex="0"><code>${escapeHtml(code)}</code></pre>`;
  // The label says what readers may rely on: runnable blocks are executed by the doc tests on every build.
  const label = info.runnable ? "tested: runs in CI" : info.expect ? "expected output" : info.language;
  const caption = label ? `<div class="learn-code-label">${escapeHtml(label)}</div>` : "";
  return `<div class="learn-code code" data-language="${escapeHtml(info.language)}">${caption}${body}</div>`;
}

/** Renders one chapter; `base` is the site's base path ("" or "/repo"). */
export async function renderChapter(markdown: string, base: string): Promise<RenderedChapter> {
  const marked = new Marked({ gfm: true });
  const tokens = marked.lexer(markdown);
  const blocks = new Map<Tokens.Code, string>();
  const pending: Promise<void>[] = [];
  marked.walkTokens(tokens, (token) => {
    if (token.type === "code") {
      const code = token as Tokens.Code;
      pending.push(highlightBlock(code.text, code.lang).then((html) => void blocks.set(code, html)));
    }
  });
  await Promise.all(pending);

  const slug = createSlugger();
  const toc: TocEntry[] = [];
  let title = "";
  marked.use({
    renderer: {
      heading(token) {
        const inner = this.parser.parseInline(token.tokens);
        const text = inner.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
        if (token.depth === 1 && !title) title = text;
        const id = slug(text);
        if (token.depth === 2 || token.depth === 3) toc.push({ depth: token.depth, id, text });
        return `<h${token.depth} id="${id}">${inner}</h${token.depth}>\n`;
      },
      code(token) {
        return blocks.get(token) ?? `<pre class="code"><code>${escapeHtml(token.text)}</code></pre>`;
      },
      link(token) {
        const inner = this.parser.parseInline(token.tokens);
        const file = repositoryFileOfLink(token.href);
        if (file) return `${inner} <span class="muted">(${escapeHtml(file)} in the repository)</span>`;
        const href = rewriteHref(token.href, base);
        const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
        const external = isExternal(href) ? ' rel="noopener noreferrer" target="_blank"' : "";
        return `<a href="${escapeHtml(href)}"${title}${external}>${inner}</a>`;
      },
      html(token) {
        // Chapters are ours, but raw HTML is shown as text so a stray tag can never run script in the page.
        return escapeHtml(token.text);
      },
      image(token) {
        const src = rewriteHref(token.href, base);
        return `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}">`;
      },
    },
  });
  const html = marked.parser(tokens);
  return { title, html, toc };
}
