// First-load JavaScript per route of the static export: the script chunks each route's HTML loads,
// gzipped. Shared by the budget test and `pnpm bench` (plain JS so the benchmark runs without a build step).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

/** The export directory of apps/web. */
export const outDir = join(import.meta.dirname, "..", "out");

/** Throws the one line the tests and the benchmark print when the site has not been built. */
export function assertBuilt(dir = outDir) {
  if (!existsSync(join(dir, "index.html"))) throw new Error(`apps/web/out is missing (${dir}): run the build first (pnpm -s turbo run build --filter @mtls-lab/web...)`);
}

/** Route paths ("/", "/inspect/", ...) and their HTML files, 404 pages left out. */
export function listRoutes(dir = outDir) {
  const routes = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        if (name !== "_next" && name !== "_not-found" && name !== "404") walk(path);
      } else if (name === "index.html") {
        const rel = relative(dir, d).split("\\").join("/");
        routes.push({ route: rel ? `/${rel}/` : "/", file: path });
      }
    }
  };
  walk(dir);
  return routes.sort((a, b) => a.route.localeCompare(b.route));
}

/** The same-origin script URLs an HTML page loads with <script src>, and whether each is a `noModule` one. */
export function scriptTags(html) {
  return [...html.matchAll(/<script\b([^>]*)>/g)].flatMap((m) => {
    const src = /\bsrc="([^"]+)"/.exec(m[1])?.[1];
    return src ? [{ src: src.replace(/&amp;/g, "&"), noModule: /\bnomodule\b/i.test(m[1]) }] : [];
  });
}

/** The same-origin script URLs an HTML page loads with <script src>. */
export function scriptSources(html) {
  return scriptTags(html).map((t) => t.src);
}

/**
 * Per route: its scripts and their gzipped totals in bytes. `gzipBytes` is what a module-capable browser
 * loads (every browser the site supports: the HTML standard's "prepare the script element" skips a classic
 * script with `nomodule` in any browser that runs modules); `noModuleBytes` the polyfills only older ones load.
 * `basePath` is stripped from script URLs.
 */
export function firstLoad(dir = outDir, basePath = "") {
  return listRoutes(dir).map(({ route, file }) => {
    const tags = scriptTags(readFileSync(file, "utf8"));
    let gzipBytes = 0;
    let noModuleBytes = 0;
    for (const { src, noModule } of tags) {
      const path = join(dir, src.replace(basePath, "").split("?")[0]);
      const bytes = gzipSync(readFileSync(path), { level: 9 }).length;
      if (noModule) noModuleBytes += bytes;
      else gzipBytes += bytes;
    }
    return { route, scripts: tags.filter((t) => !t.noModule).map((t) => t.src), noModuleScripts: tags.filter((t) => t.noModule).map((t) => t.src), gzipBytes, noModuleBytes };
  });
}

/**
 * 151 KB (1 KB = 1,000 bytes) of module scripts per route, gzipped: the largest route measured with this file
 * was /handshake/ at 150,193 bytes, /inspect/ 145,881 (noModule polyfills, 39,520 bytes, not counted). An
 * empty App Router page built with the same Next 16 is 134.9 KB (bench/floor, printed by `pnpm bench`;
 * docs/benchmarks.md, "Site"): the 120 KB target is below the framework alone.
 */
export const BUDGET_BYTES = 151_000;
