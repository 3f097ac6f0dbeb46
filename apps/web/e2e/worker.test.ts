// The decoding worker in Chromium against the built export: it starts before anyone chooses a file, a
// bundle's first certificate comes ahead of the rest, a decoded file is never posted to it again when
// the user switches views and comes back, and its kit operations are fetched only when a view asks for a kit. Worker is wrapped by an init script (no hook in the product):
// every construction, every request's op and every reply's type are recorded in the page.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { outDir } from "./first-load.mjs";
import { startSession, type Session } from "./harness";

interface WorkerLog {
  /** One entry per `new Worker`. */
  created: number;
  /** The op of every message posted to a worker, in order. */
  posted: string[];
  /** Every reply: its type and, for chunks, how many objects it carried. */
  replies: { type: string; items?: number }[];
}

let s: Session;
const tmp = tempDir("mtls-lab-web-worker-");
const NAMES = ["e2e-one", "e2e-two", "e2e-three"];
/** Strings of the worker's kit operations (workers/kit-ops.ts and @mtls-lab/config's emitters). */
const KIT_MARKERS = ["nginx-forward: skipped", "Writing configuration"];
/** The scripts the worker pulled in with importScripts (Chromium's request type "other"), in order. */
const workerScripts: string[] = [];
const workerText = () => workerScripts.map((p) => readFileSync(join(outDir, p), "utf8")).join("\n");

const log = () => s.page.evaluate(() => (globalThis as unknown as { __workerLog: WorkerLog }).__workerLog);
const decodes = async () => (await log()).posted.filter((op) => op === "decode").length;
const tab = (name: string) => s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name, exact: true });
/** The activity bar's entry for a view, once it is the current one (navigation is client-side). */
const current = (name: string) => s.page.locator(`nav[aria-label="Views"] a[aria-current="page"][aria-label="${name}"]`);
const view = (name: string) => s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name, exact: true });

beforeAll(async () => {
  for (const name of NAMES) {
    const r = await run(
      "openssl",
      ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.crt`, "-days", "30", "-subj", `/CN=${name}`],
      { cwd: tmp.path, timeoutMs: 30_000 },
    );
    if (r.code !== 0) throw new Error(`openssl: ${r.stderr}`);
  }
  writeFileSync(join(tmp.path, "three.pem"), NAMES.map((n) => readFileSync(join(tmp.path, `${n}.crt`), "utf8")).join(""));
  s = await startSession();
  s.context.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (request.resourceType() === "other" && path.startsWith("/_next/static/chunks/") && path.endsWith(".js")) workerScripts.push(path);
  });
  await s.context.addInitScript(() => {
    const record: WorkerLog = { created: 0, posted: [], replies: [] };
    Object.defineProperty(globalThis, "__workerLog", { value: record });
    const Native = globalThis.Worker;
    globalThis.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        record.created += 1;
        this.addEventListener("message", (e: MessageEvent<{ type: string; items?: unknown[] }>) =>
          record.replies.push(e.data.type === "chunk" ? { type: "chunk", items: e.data.items?.length } : { type: e.data.type }),
        );
      }
      override postMessage(message: unknown, ...rest: [StructuredSerializeOptions?]) {
        record.posted.push(String((message as { op?: unknown } | null)?.op));
        super.postMessage(message, ...rest);
      }
    };
  });
  await s.page.goto(`${s.base}/inspect/`);
  await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
});
afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

describe("the decoding worker", () => {
  it("starts and loads the decoder before the first file is chosen", async () => {
    await expect.poll(async () => (await log()).created).toBe(1);
    await expect.poll(async () => (await log()).posted).toEqual(["ready"]);
    await expect.poll(async () => (await log()).replies.map((r) => r.type)).toEqual(["result"]);
  });

  it("sends a bundle's first certificate alone, before the rest", async () => {
    await s.page.setInputFiles("#inspect-file", join(tmp.path, "three.pem"));
    await expect.poll(() => s.page.getByTestId("bundle-count").textContent()).toMatch(/^3 certificates/);
    const { created, posted, replies } = await log();
    expect(created).toBe(1);
    expect(posted).toEqual(["ready", "decode"]);
    // After the warm-up's reply: one chunk of one certificate, then the result with the other two.
    expect(replies).toEqual([{ type: "result" }, { type: "chunk", items: 1 }, { type: "result" }]);
  });

  it("does not post the file again when views are switched and the tab shown again", async () => {
    await s.page.getByTestId("chain-graph").getByRole("button", { name: "e2e-two" }).click();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-two");
    await view("Handshake").click();
    await current("Handshake").waitFor();
    await view("Inspect").click();
    await current("Inspect").waitFor();
    await tab("three.pem").click();
    await expect.poll(() => s.page.getByTestId("bundle-count").textContent()).toMatch(/^3 certificates/);
    await tab("e2e-two").click();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-two");
    expect(await decodes()).toBe(1);
    expect((await log()).created).toBe(1);
  });

  it("fetches the kit operations only when a view asks for a kit", async () => {
    // So far: decoding only. The worker's own code is there, the kit half is not.
    expect(workerScripts.length).toBeGreaterThan(0);
    for (const marker of KIT_MARKERS) expect(workerText().includes(marker), `${marker} fetched before any kit request`).toBe(false);
    // The Generate view warms a kit at idle: the worker imports its kit operations then, and answers.
    const fetched = workerScripts.length;
    await view("Generate").click();
    await current("Generate").waitFor();
    await expect.poll(async () => (await log()).posted.includes("warm")).toBe(true);
    await expect.poll(() => workerScripts.length).toBeGreaterThan(fetched);
    for (const marker of KIT_MARKERS) await expect.poll(() => workerText().includes(marker), { message: marker }).toBe(true);
    // The warm-up finished (the page marks it when the worker answered), and nothing failed.
    await expect.poll(() => s.page.evaluate(() => performance.getEntriesByName("mtls-lab:generate-warm").length)).toBe(1);
    expect((await log()).replies.filter((r) => r.type === "error")).toEqual([]);
    expect((await log()).created).toBe(1);
  });
});
