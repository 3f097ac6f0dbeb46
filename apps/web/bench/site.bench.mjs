// `pnpm bench` for the site, in one run on one machine:
// - first-load JavaScript per route (gzip -9 of the scripts each exported page loads: module scripts, as every
//   browser that runs modules receives them, and the noModule polyfills apart), and the framework floor: the
//   same figure for an empty App Router page built with the site's Next (bench/floor);
// - in Debian's Chromium, from choosing a file in Inspect to the first certificate on screen and to the whole
//   Mozilla bundle on screen, on a cold page (fresh profile, file chosen as soon as the page shows) and a warm
//   page (reloaded, its worker started at idle), medians of RUNS; a 5,000-certificate bundle with the longest
//   main-thread task meanwhile;
// - decode (with the lint that opening a file runs) of the Mozilla bundle in the page's worker against the
//   same calls in Node from the built package, medians of RUNS: the ratio is the figure to read;
// - the worker's scripts: what a cold Inspect page's worker fetches before it answers, and on its first kit request.
// `--baseline DIR`: another build's export (a copy of apps/web/out made before a change) is served too; its
// cold runs alternate with this build's, so both meet the same machine load, and the ratios are printed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { decode, lint } from "@mtls-lab/x509";
import { assertBuilt, BUDGET_BYTES, firstLoad, outDir } from "../e2e/first-load.mjs";
import { serveStatic } from "../e2e/static-server.mjs";
import { launchBrowser, CHROMIUM } from "../e2e/browser.mjs";
import { instrument, timeOpen, timeWorkerDecode, waitForWorker } from "./page-timing.mjs";
import { measureWorkerLoad } from "./worker-load.mjs";

const MOZILLA = "/etc/ssl/certs/ca-certificates.crt";
const RUNS = 5;
const TARGETS = { firstWarm: 100, bundleWarm: 250, bundleCold: 600, ratio: 1.5, kb: 120_000 };
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (x) => `${Math.round(x)} ms`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (value, target) => (value <= target ? "met" : "NOT MET");

assertBuilt();
const routes = firstLoad();
console.log(`First-load JavaScript per route, gzip -9 (module scripts; budget ${kb(BUDGET_BYTES)}, target ${kb(TARGETS.kb)}):`);
for (const r of routes) {
  console.log(`  ${r.route.padEnd(30)} ${kb(r.gzipBytes).padStart(9)} in ${r.scripts.length} scripts, + noModule ${kb(r.noModuleBytes)}${r.gzipBytes > BUDGET_BYTES ? "  OVER BUDGET" : ""}`);
}
const largest = routes.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));
console.log(`  largest: ${largest.route} ${kb(largest.gzipBytes)}: target ${verdict(largest.gzipBytes, TARGETS.kb)}`);
printFloor();

/** Builds bench/floor (an empty App Router page) with the site's Next and prints its first load: the framework's share of every route. */
function printFloor() {
  const dir = join(import.meta.dirname, "floor");
  try {
    execFileSync(join(import.meta.dirname, "..", "node_modules", ".bin", "next"), ["build", dir], { stdio: "pipe", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  } catch (error) {
    console.log(`  framework floor: not measured, the empty page did not build (${String(error.stderr ?? error.message).trim().split("\n")[0]})`);
    return;
  }
  const [floor] = firstLoad(join(dir, "out")).filter((r) => r.route === "/");
  const sizes = floor.scripts.map((src) => `${src.split("/").pop()} ${kb(gzipOf(join(dir, "out", src)))}`);
  console.log(`  framework floor (empty App Router page, same Next): ${kb(floor.gzipBytes)} + noModule ${kb(floor.noModuleBytes)}: ${sizes.join(", ")}`);
  console.log(`  the site's own code on its largest route: ${kb(largest.gzipBytes - floor.gzipBytes)}`);
}

function gzipOf(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

if (!existsSync(MOZILLA) || !existsSync(CHROMIUM)) {
  console.log(`\nBrowser timings skipped: ${!existsSync(MOZILLA) ? MOZILLA : CHROMIUM} is missing.`);
  process.exit(0);
}

const mozilla = readFileSync(MOZILLA, "utf8");
const certCount = (mozilla.match(/-----BEGIN CERTIFICATE-----/g) ?? []).length;
const work = mkdtempSync(join(tmpdir(), "mtls-lab-bench-"));
const one = join(work, "one.crt");
writeFileSync(one, mozilla.slice(mozilla.indexOf("-----BEGIN CERTIFICATE-----"), mozilla.indexOf("-----END CERTIFICATE-----") + 26));
const big = join(work, "bundle-5000.pem");
writeFileSync(big, mozilla.repeat(Math.ceil(5000 / certCount)));
const bigCount = Math.ceil(5000 / certCount) * certCount;

/** A fresh browser (empty cache, no worker) on Inspect, with the file chosen as soon as the page shows. */
async function coldOpen(base, file, expected) {
  const browser = await launchBrowser();
  try {
    await instrument(browser.context);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${base}/inspect/`);
    await page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    return await timeOpen(page, file, expected);
  } finally {
    await browser.close();
  }
}

/** The same page reloaded (cached scripts) and left idle until its worker is ready, then the file chosen. */
async function warmOpen(page, base, file, expected) {
  await page.goto(`${base}/inspect/`);
  await page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
  await waitForWorker(page);
  return timeOpen(page, file, expected);
}

const baselineAt = process.argv.indexOf("--baseline");
const baselineDir = baselineAt > 0 ? process.argv[baselineAt + 1] : null;
if (baselineDir) assertBuilt(baselineDir);
const server = await serveStatic(outDir);
const baseline = baselineDir ? await serveStatic(baselineDir) : null;
const browser = await launchBrowser();
try {
  await instrument(browser.context);
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await warmOpen(page, server.url, MOZILLA, certCount); // fills the HTTP cache; not counted
  const runs = { coldOne: [], coldMoz: [], warmOne: [], warmMoz: [], baseOne: [], baseMoz: [] };
  for (let i = 0; i < RUNS; i++) {
    if (baseline) runs.baseOne.push(await coldOpen(baseline.url, one, 1));
    runs.coldOne.push(await coldOpen(server.url, one, 1));
    if (baseline) runs.baseMoz.push(await coldOpen(baseline.url, MOZILLA, certCount));
    runs.coldMoz.push(await coldOpen(server.url, MOZILLA, certCount));
    runs.warmOne.push(await warmOpen(page, server.url, one, 1));
    runs.warmMoz.push(await warmOpen(page, server.url, MOZILLA, certCount));
  }
  const line = (label, xs, key) => `${label.padEnd(44)} ${ms(median(xs.map((x) => x[key]))).padStart(7)}  (${xs.map((x) => Math.round(x[key])).join(", ")})`;
  console.log(`\nInspect in Chromium, file chosen to on screen, median of ${RUNS} (runs in brackets):`);
  console.log(line("one certificate, cold page", runs.coldOne, "first"));
  console.log(line("one certificate, warm page", runs.warmOne, "first"));
  console.log(line(`Mozilla bundle first certificate, cold page`, runs.coldMoz, "first"));
  console.log(line(`Mozilla bundle first certificate, warm page`, runs.warmMoz, "first"));
  console.log(line(`Mozilla bundle, all ${certCount}, cold page`, runs.coldMoz, "all"));
  console.log(line(`Mozilla bundle, all ${certCount}, warm page`, runs.warmMoz, "all"));
  const firstWarm = median(runs.warmMoz.map((x) => x.first));
  const oneWarm = median(runs.warmOne.map((x) => x.first));
  const allWarm = median(runs.warmMoz.map((x) => x.all));
  const allCold = median(runs.coldMoz.map((x) => x.all));
  console.log(`targets: first certificate warm <= ${TARGETS.firstWarm} ms: ${verdict(Math.max(firstWarm, oneWarm), TARGETS.firstWarm)}; bundle warm <= ${TARGETS.bundleWarm} ms: ${verdict(allWarm, TARGETS.bundleWarm)}; bundle cold <= ${TARGETS.bundleCold} ms: ${verdict(allCold, TARGETS.bundleCold)}`);

  if (baseline) {
    console.log(`\nCold page, the baseline export (${baselineDir}) in alternate runs, median of ${RUNS}:`);
    const against = (label, xs, bs, key) => {
      const [x, b] = [median(xs.map((r) => r[key])), median(bs.map((r) => r[key]))];
      return `${label.padEnd(44)} ${ms(x).padStart(7)} vs baseline ${ms(b).padStart(7)} (${bs.map((r) => Math.round(r[key])).join(", ")}): ${(x / b).toFixed(2)}x`;
    };
    console.log(against("one certificate", runs.coldOne, runs.baseOne, "first"));
    console.log(against("Mozilla bundle first certificate", runs.coldMoz, runs.baseMoz, "first"));
    console.log(against(`Mozilla bundle, all ${certCount}`, runs.coldMoz, runs.baseMoz, "all"));
  }

  // What a cold page's worker fetches before it answers, and what it fetches only for kit work.
  const total = (xs) => xs.reduce((sum, x) => sum + x.gzipBytes, 0);
  const list = (xs) => [...xs].sort((a, b) => b.gzipBytes - a.gzipBytes).map((x) => `${x.file} ${kb(x.gzipBytes)}`).join(", ");
  const printLoad = (label, load) => {
    console.log(`${label} before its first answer ${kb(total(load.first))} in ${load.first.length} (${list(load.first)})`);
    console.log(`  fetched on the first kit request: ${load.kit.length === 0 ? "none (all loaded at start)" : `${kb(total(load.kit))} in ${load.kit.length} (${list(load.kit)})`}`);
  };
  printLoad("\nWorker scripts, gzip -9:", await measureWorkerLoad(server.url, outDir));
  if (baseline) printLoad("Baseline's worker scripts:", await measureWorkerLoad(baseline.url, baselineDir));

  // The worker against Node on the same bytes and the same calls (decode, then lint the certificates).
  const inWorker = [];
  const inNode = [];
  await timeWorkerDecode(page, mozilla);
  await decode(mozilla).then(({ items }) => lint(items.filter((i) => i.kind === "certificate")));
  for (let i = 0; i < RUNS; i++) {
    inWorker.push(await timeWorkerDecode(page, mozilla));
    const started = performance.now();
    const { items } = await decode(mozilla);
    lint(items.filter((x) => x.kind === "certificate"));
    inNode.push(performance.now() - started);
  }
  const ratio = median(inWorker) / median(inNode);
  console.log(
    `\nMozilla bundle decode + lint: worker ${ms(median(inWorker))} (round trip, bytes in, objects out) vs Node ${process.version} ${ms(median(inNode))}: ${ratio.toFixed(2)}x, target <= ${TARGETS.ratio}x: ${verdict(ratio, TARGETS.ratio)}`,
  );

  // A 5,000-certificate bundle: how long, and the longest main-thread task meanwhile (what makes a page feel frozen).
  await page.goto(`${server.url}/inspect/`);
  await waitForWorker(page);
  await page.evaluate(() => {
    globalThis.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) globalThis.__longest = Math.max(globalThis.__longest, e.duration);
    }).observe({ type: "longtask" });
  });
  const large = await timeOpen(page, big, bigCount);
  const longest = await page.evaluate(() => globalThis.__longest);
  console.log(`Bundle of ${bigCount} certificates, warm page: first certificate ${ms(large.first)}, all ${ms(large.all)}; longest main-thread task ${ms(longest)}`);
} finally {
  await browser.close();
  await server.close();
  await baseline?.close();
  rmSync(work, { recursive: true, force: true });
}
