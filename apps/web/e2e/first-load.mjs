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

/** The same-origin script URLs an HTML page loads with <script src>. */
export function scriptSources(html) {
  return [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));
}

/** Per route: its scripts and their gzipped total in bytes. `basePath` is stripped from script URLs. */
export function firstLoad(dir = outDir, basePath = "") {
  return listRoutes(dir).map(({ route, file }) => {
    const scripts = scriptSources(readFileSync(file, "utf8"));
    let gzipBytes = 0;
    for (const src of scripts) {
      const path = join(dir, src.replace(basePath, "").split("?")[0]);
      gzipBytes += gzipSync(readFileSync(path), { level: 9 }).length;
    }
    return { route, scripts, gzipBytes };
  });
}

/**
 * 194 KB (1 KB = 1,000 bytes) per route: no route may load more JavaScript first than the largest did before
 * the workbench became one shell (193,933 bytes on /handshake/, measured with this file on that build).
 */
export const BUDGET_BYTES = 194_000;
