/**
 * Syntax highlighting, loaded on first use: shiki's fine-grained core, the JavaScript regex engine (no WASM),
 * VS Code's Dark+ and Light+ themes, and only the grammars a kit's files need, each loaded when first seen.
 */
import type { HighlighterCore, LanguageRegistration } from "shiki/core";

type Grammar = () => Promise<{ default: LanguageRegistration[] }>;

/** Grammars by shiki language id; the kit's files map onto these. */
const grammars: Record<string, Grammar> = {
  nginx: () => import("shiki/langs/nginx.mjs"),
  yaml: () => import("shiki/langs/yaml.mjs"),
  shellscript: () => import("shiki/langs/shellscript.mjs"),
  markdown: () => import("shiki/langs/markdown.mjs"),
  javascript: () => import("shiki/langs/javascript.mjs"),
  python: () => import("shiki/langs/python.mjs"),
  java: () => import("shiki/langs/java.mjs"),
  go: () => import("shiki/langs/go.mjs"),
  json: () => import("shiki/langs/json.mjs"),
};

/** The language of a file by its name, or null for plain text (PEM, keys). */
export function languageOf(path: string): string | null {
  if (/nginx|\.conf$/.test(path)) return "nginx";
  if (/\.ya?ml$/.test(path)) return "yaml";
  if (/\.sh$/.test(path)) return "shellscript";
  if (/\.md$/.test(path)) return "markdown";
  if (/\.(mjs|js|cjs)$/.test(path)) return "javascript";
  if (/\.py$/.test(path)) return "python";
  if (/\.java$/.test(path)) return "java";
  if (/\.go$/.test(path)) return "go";
  if (/\.(json)$/.test(path)) return "json";
  return null;
}

let highlighter: Promise<HighlighterCore> | null = null;
const loaded = new Set<string>();

async function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }, dark, light] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
      import("shiki/themes/dark-plus.mjs"),
      import("shiki/themes/light-plus.mjs"),
    ]);
    return createHighlighterCore({ themes: [dark.default, light.default], langs: [], engine: createJavaScriptRegexEngine() });
  })();
  return highlighter;
}

/** HTML for `code` with both themes as CSS variables (--shiki-dark, --shiki-light); the page picks one. */
export async function highlight(code: string, language: string): Promise<string> {
  const h = await getHighlighter();
  if (!loaded.has(language)) {
    const grammar = grammars[language];
    if (!grammar) throw new Error(`no grammar for ${language}`);
    await h.loadLanguage((await grammar()).default);
    loaded.add(language);
  }
  return h.codeToHtml(code, { lang: language, themes: { dark: "dark-plus", light: "light-plus" }, defaultColor: false });
}
