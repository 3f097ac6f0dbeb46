// `pnpm bench` for the site: first-load JavaScript per route (gzipped, from apps/web/out), and in Debian's
// Chromium the time to decode and render the Mozilla bundle in Inspect, plus a 5,000-certificate bundle
// with the longest main-thread task seen meanwhile (how responsive the page stays while the worker decodes).
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertBuilt, BUDGET_BYTES, firstLoad, outDir } from "../e2e/first-load.mjs";
import { serveStatic } from "../e2e/static-server.mjs";
import { launchBrowser, CHROMIUM } from "../e2e/browser.mjs";

const MOZILLA = "/etc/ssl/certs/ca-certificates.crt";
const RUNS = 3;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

assertBuilt();
console.log(`First-load JavaScript per route (script chunks in the HTML, gzip -9; budget ${BUDGET_BYTES / 1000} KB):`);
for (const r of firstLoad()) {
  const html = readFileSync(join(outDir, r.route === "/" ? "index.html" : `${r.route.slice(1)}index.html`), "utf8");
  const nomodule = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*\bnoModule\b/gi)].map((m) => m[1]);
  const legacy = nomodule.length ? ` (of which the noModule polyfills ${kb(gz(nomodule))}, which module-capable browsers skip)` : "";
  console.log(`  ${r.route.padEnd(22)} ${kb(r.gzipBytes).padStart(9)} in ${r.scripts.length} scripts${legacy}${r.gzipBytes > BUDGET_BYTES ? "  OVER BUDGET" : ""}`);
}

/** Gzipped size of the given script URLs of the export. */
function gz(srcs) {
  return srcs.reduce((total, src) => total + gzipSync(readFileSync(join(outDir, src)), { level: 9 }).length, 0);
}

if (!existsSync(MOZILLA) || !existsSync(CHROMIUM)) {
  console.log(`\nBrowser timings skipped: ${!existsSync(MOZILLA) ? MOZILLA : CHROMIUM} is missing.`);
  process.exit(0);
}

const mozilla = readFileSync(MOZILLA, "utf8");
const certCount = (mozilla.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
const work = mkdtempSync(join(tmpdir(), "mtls-lab-bench-"));
const big = join(work, "bundle-5000.pem");
writeFileSync(big, mozilla.repeat(Math.ceil(5000 / certCount)));
const bigCount = Math.ceil(5000 / certCount) * certCount;

const server = await serveStatic(outDir);
const browser = await launchBrowser();
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  async function openTimed(file, expected) {
    await page.goto(`${server.url}/inspect/`);
    await page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    // Long tasks (> 50 ms on the main thread) are what make a page feel frozen.
    await page.evaluate(() => {
      globalThis.__longest = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
      }).observe({ type: "longtask" });
    });
    const started = Date.now();
    await page.setInputFiles("#inspect-file", file);
    await page.getByTestId("bundle-count").filter({ hasText: `${expected} certificates` }).waitFor({ timeout: 300_000 });
    await page.getByTestId("chain-graph").locator("li").first().waitFor();
    const ms = Date.now() - started;
    const longest = await page.evaluate(() => globalThis.__longest);
    return { ms, longest };
  }
  const moz = [];
  for (let i = 0; i < RUNS; i++) moz.push(await openTimed(MOZILLA, certCount));
  console.log(`\nMozilla bundle (${certCount} certificates, ${kb(mozilla.length)}) decoded in the worker and rendered: median ${median(moz.map((m) => m.ms))} ms of ${RUNS} runs (${moz.map((m) => m.ms).join(", ")}); longest main-thread task ${Math.round(median(moz.map((m) => m.longest)))} ms`);
  const large = await openTimed(big, bigCount);
  console.log(`Bundle of ${bigCount} certificates: ${large.ms} ms to decode and render; longest main-thread task ${Math.round(large.longest)} ms`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
