// One decode per capture, off the main thread, in Chromium against the built export: opening a sample
// capture creates one capture worker and posts the capture to it once, however often the tab switches
// between Illustrated and Messages or the person goes to another view and back; and the annotation's code
// (@mtls-lab/handshake/annotate) is fetched by that worker, never by the page. Worker is wrapped by an init
// script (no hook in the product): every construction and the op of every message posted are recorded.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outDir } from "./first-load.mjs";
import { startSession, type Session } from "./harness";

interface WorkerLog {
  /** Per `new Worker`, in order: the op of every message posted to it. */
  workers: { posted: string[] }[];
}

/** Strings only the annotation's code holds: an explanation and an openssl line of the proof. */
const MARKERS = ["The record's plaintext as recovered with the key log.", "-kdfopt mode:EXPAND_ONLY"];
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

let s: Session;
const log = () => s.page.evaluate(() => (globalThis as unknown as { __workerLog: WorkerLog }).__workerLog);
const view = (name: string) => s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name, exact: true });
const current = (name: string) => s.page.locator(`nav[aria-label="Views"] a[aria-current="page"][aria-label="${name}"]`);
const section = (name: string) => s.page.getByRole("tab", { name, exact: true });

beforeAll(async () => {
  s = await startSession();
  await s.context.addInitScript(() => {
    const record: WorkerLog = { workers: [] };
    Object.defineProperty(globalThis, "__workerLog", { value: record });
    const Native = globalThis.Worker;
    globalThis.Worker = class extends Native {
      readonly #posted: string[] = [];
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        record.workers.push({ posted: this.#posted });
      }
      override postMessage(message: unknown, ...rest: [StructuredSerializeOptions?]) {
        this.#posted.push(String((message as { op?: unknown } | null)?.op));
        super.postMessage(message, ...rest);
      }
    };
  });
});
afterAll(async () => {
  await s?.close();
});

describe("the capture worker", () => {
  it("decodes a capture once, in one worker, across sections and views", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    // Nothing posts a capture before one is opened.
    expect((await log()).workers.flatMap((w) => w.posted)).not.toContain("capture");
    await s.page.getByRole("button", { name: "Open the TLS 1.3 sample" }).click();
    await s.page.getByTestId("illustrated").waitFor();
    await s.page.getByTestId("proof").waitFor();
    await section("Messages").click();
    await poll(() => s.page.getByRole("list", { name: "Messages in the capture" }).getByRole("button").count()).toBeGreaterThan(5);
    await section("Illustrated").click();
    await s.page.getByTestId("illustrated").waitFor();
    await view("Inspect").click();
    await current("Inspect").waitFor();
    await view("Handshake").click();
    await current("Handshake").waitFor();
    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "sample-tls13-mtls.json", exact: true }).click();
    await s.page.getByTestId("illustrated").waitFor();
    await section("Messages").click();
    await s.page.getByTestId("capture-step").waitFor();
    await expect(s.page.getByTestId("capture-summary").textContent()).resolves.toContain("verified on both sides");

    const { workers } = await log();
    const capture = workers.filter((w) => w.posted.includes("capture"));
    expect(capture).toHaveLength(1);
    expect(capture[0]!.posted).toEqual(["capture"]);
    // Every worker the page made was used: no second capture worker created and left idle.
    expect(workers.filter((w) => w.posted.length === 0)).toEqual([]);
  });

  it("leaves the annotation's code to the worker: the page never fetched the chunk that holds it", async () => {
    const chunks = readdirSync(join(outDir, "_next", "static", "chunks")).filter((n) => n.endsWith(".js"));
    const annotate = chunks.filter((n) => MARKERS.some((m) => readFileSync(join(outDir, "_next", "static", "chunks", n), "utf8").includes(m)));
    expect(annotate.length, "the annotation is built into some chunk").toBeGreaterThan(0);
    const isAnnotate = (url: string) => annotate.some((n) => new URL(url).pathname.endsWith(`/${n}`));
    // What the page itself loaded (its resource timing and its script elements) ...
    const page = await s.page.evaluate(() => [...performance.getEntriesByType("resource").map((e) => e.name), ...Array.from(document.scripts, (e) => e.src).filter(Boolean)]);
    expect(page.length).toBeGreaterThan(5);
    expect(page.filter(isAnnotate)).toEqual([]);
    // ... and what the workers loaded: one of them fetched it.
    const byWorkers = await Promise.all(s.page.workers().map((w) => w.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name))));
    expect(byWorkers.flat().filter(isAnnotate).length).toBeGreaterThan(0);
  });

  it("a file that is not a capture: the package's one line in its tab and in Problems, from the same worker", async () => {
    await s.page.locator("#capture-file").setInputFiles({ name: "not-a-capture.json", mimeType: "application/json", buffer: Buffer.from('{"format":"pcap"}') });
    const alert = s.page.locator("#editor").getByRole("alert");
    await poll(() => alert.textContent()).toMatch(/^Could not read this capture: capture\.format: /);
    const line = (await alert.textContent())!.replace("Could not read this capture: ", "");
    await poll(() => s.page.getByTestId("problems").locator("li").allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining(`could not be read: ${line}`)]));
    const { workers } = await log();
    expect(workers.filter((w) => w.posted.includes("capture")).map((w) => w.posted)).toEqual([["capture", "capture"]]);
  });
});
