// What the lab worker fetches, for site.bench.mjs: the scripts a fresh Inspect page's worker loads before it
// answers its warm-up, and the ones it loads later, on its first kit request. Worker scripts are told apart
// by Chromium's request types: the worker itself is a "script" request for Turbopack's worker bootstrap
// (turbopack-worker-*.js), and the chunks it pulls in with importScripts are "other".
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser } from "../e2e/browser.mjs";
import { instrument, waitForWorker } from "./page-timing.mjs";

/** A worker's script request: the bootstrap, or a chunk it imports. */
function isWorkerScript(request) {
  const path = new URL(request.url()).pathname;
  if (!path.startsWith("/_next/static/chunks/") || !path.endsWith(".js")) return false;
  return path.includes("/turbopack-worker-") || request.resourceType() === "other";
}

/** gzip -9 sizes of `paths` (URL paths of the export) read from `outDir`. */
function sizes(outDir, paths) {
  return paths.map((path) => ({ file: path.split("/").pop(), gzipBytes: gzipSync(readFileSync(join(outDir, path)), { level: 9 }).length }));
}

/**
 * A fresh browser on `${base}/inspect/`: the worker's scripts until it answered its warm-up (`first`), then
 * those it fetched for a one-file zip request, the cheapest request that needs the kit operations (`kit`).
 */
export async function measureWorkerLoad(base, outDir) {
  const browser = await launchBrowser();
  try {
    await instrument(browser.context);
    const seen = [];
    browser.context.on("request", (request) => {
      if (isWorkerScript(request)) seen.push(new URL(request.url()).pathname);
    });
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(`${base}/inspect/`);
    await waitForWorker(page);
    const first = [...new Set(seen)];
    await page.evaluate(async () => {
      const worker = globalThis.__bench.worker;
      const id = 2_000_000;
      await new Promise((resolve, reject) => {
        const onMessage = (e) => {
          if (e.data?.id !== id || (e.data.type !== "result" && e.data.type !== "error")) return;
          worker.removeEventListener("message", onMessage);
          if (e.data.type === "result") resolve();
          else reject(new Error(`zip request: ${e.data.message}`));
        };
        worker.addEventListener("message", onMessage);
        worker.addEventListener("error", (e) => reject(new Error(e.message)));
        worker.postMessage({ id, op: "zip", files: [{ path: "a.txt", contents: "a", mode: 0o644 }], folder: "bench" });
      });
    });
    const kit = [...new Set(seen)].filter((p) => !first.includes(p));
    return { first: sizes(outDir, first), kit: sizes(outDir, kit) };
  } finally {
    await browser.close();
  }
}
