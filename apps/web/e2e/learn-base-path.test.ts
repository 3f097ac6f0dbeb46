// The static export under a sub-path (GitHub Pages serves it at /<repo>/): one extra build with
// BASE_PATH=/mtls-lab into a separate directory (about 40 s here; out/ is left alone), then every
// internal href and src of every page must carry the base path, and in Chromium the pages' own fetches
// (the sample capture) and links must stay under it.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext } from "playwright-core";
import { serveStatic } from "./static-server.mjs";
import { launchBrowser } from "./browser.mjs";

/** expect.poll with room for a loaded CI machine (vitest's default is 1 s): a passing poll returns at once. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

const BASE = "/mtls-lab";
const web = join(import.meta.dirname, "..");
const distName = `.test-output/out-base-path-${process.pid}`;
const dist = join(web, distName);
let served: { url: string; close: () => Promise<void> } | null = null;
let browser: { context: BrowserContext; close: () => Promise<void> } | null = null;
let root = "";

/** `next build` with the base path, bounded; resolves with its exit code and the tail of its output. */
function build(): Promise<{ code: number | null; tail: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(web, "node_modules", "next", "dist", "bin", "next"), "build"], {
      cwd: web,
      env: { ...process.env, BASE_PATH: BASE, NEXT_DIST_DIR: distName, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), 280_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, tail: output });
    });
  });
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "_next" ? [] : htmlFiles(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

beforeAll(async () => {
  const result = await build();
  if (result.code !== 0) throw new Error(`next build with BASE_PATH=${BASE} failed (exit ${result.code}):\n${result.tail}`);
  // Serve the export at /mtls-lab/ as Pages does: a directory whose only entry is the base path.
  root = mkdtempSync(join(tmpdir(), "mtls-lab-base-path-"));
  symlinkSync(dist, join(root, BASE.slice(1)), "dir");
  served = (await serveStatic(root)) as { url: string; close: () => Promise<void> };
  browser = (await launchBrowser()) as { context: BrowserContext; close: () => Promise<void> };
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await served?.close();
  if (root) rmSync(root, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

describe("static export under a base path", () => {
  it("every internal href and src of every page starts with the base path", () => {
    const files = htmlFiles(dist);
    expect(files.length).toBeGreaterThanOrEqual(6);
    const bad: string[] = [];
    let checked = 0;
    for (const file of files) {
      const html = readFileSync(file, "utf8");
      for (const m of html.matchAll(/\s(?:href|src)="(\/[^"]*)"/g)) {
        checked += 1;
        if (!m[1]!.startsWith(`${BASE}/`) && !m[1]!.startsWith("//")) bad.push(`${relative(dist, file)}: ${m[1]}`);
      }
    }
    expect(checked).toBeGreaterThan(files.length * 3);
    expect(bad).toEqual([]);
  });

  it("in Chromium, pages fetch the sample capture and follow chapter links under the base path", async () => {
    const page = browser!.context.pages()[0] ?? (await browser!.context.newPage());
    const requests: string[] = [];
    const errors: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${served!.url}${BASE}/handshake/`);
    await page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await page.getByRole("button", { name: "Open the TLS 1.3 sample" }).click();
    await poll(() => page.getByTestId("capture-summary").textContent()).toContain("TLSv1.3");
    await page.goto(`${served!.url}${BASE}/`);
    const first = page.getByRole("navigation", { name: "Chapters" }).getByRole("link").first();
    if ((await first.count()) > 0) {
      await first.click();
      await page.getByTestId("chapter").waitFor();
      expect(new URL(page.url()).pathname).toMatch(new RegExp(`^${BASE}/learn/\\d+-`));
    }
    const origin = new URL(served!.url).origin;
    const outside = requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:") && !(u.startsWith(origin) && new URL(u).pathname.startsWith(`${BASE}/`)));
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
