/**
 * Links in the tutorial and the views, made base-path-aware. Pure: the base path is an argument, so the
 * same rules serve the build (BASE_PATH) and the browser (NEXT_PUBLIC_BASE_PATH), and unit tests.
 */

/** The site's own top-level routes that chapters may link to as `/generate?...`, `/handshake?...`. */
export const SITE_ROUTES = ["learn", "handshake", "inspect", "generate", "diagnose", "samples"] as const;

/** The base path the page was built with ("" at the root of a host, "/mtls-lab" under a sub-path). */
export function basePath(): string {
  return process.env.NEXT_PUBLIC_BASE_PATH ?? "";
}

/** `path` (starting with "/") under `base`; the trailing slash rule of the export (trailingSlash: true) is kept. */
export function withBase(path: string, base: string = basePath()): string {
  if (!path.startsWith("/")) throw new Error(`withBase: expected a path starting with "/", got ${JSON.stringify(path)}`);
  const trimmed = base.replace(/\/+$/, "");
  return `${trimmed}${path}`;
}

/** "/generate?key=ec#x" -> "/generate/?key=ec#x": the export serves directories, so routes end in "/". */
function withTrailingSlash(path: string): string {
  const match = /^([^?#]*)(.*)$/.exec(path)!;
  const [pathname, rest] = [match[1]!, match[2]!];
  if (pathname.endsWith("/") || /\.[a-z0-9]+$/i.test(pathname)) return path;
  return `${pathname}/${rest}`;
}

/** The chapter slug ("03-pki") of a chapter link ("./03-pki.md", "03-pki.md#x", "../learn/03-pki.md"), or null. */
export function chapterOfLink(href: string): { slug: string; hash: string } | null {
  const match = /^(?:\.\/|(?:\.\.\/)*learn\/)?(\d+-[a-z0-9][a-z0-9-]*)\.md(#.*)?$/i.exec(href);
  return match ? { slug: match[1]!, hash: match[2] ?? "" } : null;
}

/**
 * Rewrites one href of a chapter for the site: chapter files become /learn/NN-slug/, site links
 * (/generate, /inspect, /handshake, /diagnose, /learn) get the base path and the export's trailing slash.
 * Other links (anchors, https, mailto) are returned unchanged.
 */
export function rewriteHref(href: string, base: string): string {
  const chapter = chapterOfLink(href);
  if (chapter) return withBase(`/learn/${chapter.slug}/${chapter.hash}`, base);
  if (href.startsWith("/") && !href.startsWith("//")) {
    const first = href.slice(1).split(/[/?#]/, 1)[0] ?? "";
    if (first === "" || (SITE_ROUTES as readonly string[]).includes(first)) return withBase(withTrailingSlash(href), base);
  }
  return href;
}

/** True for links that leave the site (they open in a new tab and are never fetched by the page). */
export function isExternal(href: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith("mailto:");
}

/**
 * A relative link that is neither a chapter nor a site route (for example ../cli.md, a reference page of
 * the repository): the site has no page for it, so the renderer shows its text and names the file.
 */
export function repositoryFileOfLink(href: string): string | null {
  if (href === "" || href.startsWith("#") || href.startsWith("/") || /^[a-z][a-z0-9+.-]*:/i.test(href) || chapterOfLink(href)) return null;
  const path = href.split("#", 1)[0]!.replace(/^\.\//, "");
  // Chapters live in docs/learn, so "../x.md" is docs/x.md.
  return path.startsWith("../") ? `docs/${path.slice(3)}` : `docs/learn/${path}`;
}
