// Diagnose runs in the lab worker, in Chromium against the built export: choosing the files posts a
// "diagnose" request with the files' bytes, the worker answers with the diagnosis the page shows, and no
// script the page itself loaded holds x509's diagnosis code (only the worker's scripts do). Worker is wrapped
// by an init script (the product has no hook): every request's op and file types, every reply's type.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { makeDiagnoseFixtures, type DiagnoseFixtures } from "./diagnose-fixtures";
import { outDir } from "./first-load.mjs";
import { startSession, type Session } from "./harness";

/** Strings of @mtls-lab/x509's diagnosis (its mistakes and fixes), which no page code spells. */
const MARKERS = ["The server's client CA file", "Fix the client certificate."];

interface DiagnoseLog {
  posted: { op: string; files?: Record<string, string> }[];
  replies: { id: number; type: string }[];
}

let s: Session;
let fx: DiagnoseFixtures;
const tmp = tempDir("mtls-lab-diagnose-worker-");
/** Script URLs by who fetched them: the page (<script>, "script") or the worker (importScripts, "other"). */
const scripts = { page: new Set<string>(), worker: new Set<string>() };

const log = () => s.page.evaluate(() => (globalThis as unknown as { __diagnoseLog: DiagnoseLog }).__diagnoseLog);
const choose = (label: string, path: string) => s.page.getByLabel(label, { exact: true }).setInputFiles(path);
const text = (paths: Set<string>) => [...paths].map((p) => readFileSync(join(outDir, p), "utf8")).join("\n");

beforeAll(async () => {
  fx = await makeDiagnoseFixtures(tmp.path);
  s = await startSession();
  s.context.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith("/_next/static/chunks/") || !path.endsWith(".js")) return;
    if (request.resourceType() === "script") scripts.page.add(path);
    else if (request.resourceType() === "other") scripts.worker.add(path);
  });
  await s.context.addInitScript(() => {
    const record: DiagnoseLog = { posted: [], replies: [] };
    Object.defineProperty(globalThis, "__diagnoseLog", { value: record });
    const Native = globalThis.Worker;
    globalThis.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener("message", (e: MessageEvent<{ id: number; type: string }>) => record.replies.push({ id: e.data.id, type: e.data.type }));
      }
      override postMessage(message: unknown, ...rest: [StructuredSerializeOptions?]) {
        const m = message as { op?: unknown; id?: unknown; files?: Record<string, unknown> };
        // The type of each file the page sends: bytes as read, never objects it parsed.
        const files = m.files && !Array.isArray(m.files) ? Object.fromEntries(Object.entries(m.files).map(([k, v]) => [k, v instanceof Uint8Array ? "bytes" : typeof v])) : undefined;
        record.posted.push({ op: String(m.op), ...(m.op === "diagnose" ? { id: m.id, files } : {}) });
        super.postMessage(message, ...rest);
      }
    };
  });
});
afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

describe("diagnose in the worker", () => {
  it("posts the files' bytes to the worker as a diagnose request and shows its answer", async () => {
    await s.page.goto(`${s.base}/diagnose/`);
    await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
    await choose("Server chain", fx.serverChain);
    await choose("Client chain (optional)", fx.expiredClientChain);
    await choose("Client CA file", fx.clientRoot);
    await expect.poll(() => s.page.getByTestId("diagnosis-client").getAttribute("data-verdict")).toBe("rejected");
    await expect.poll(() => s.page.getByTestId("node-client").textContent()).toContain("CERT_HAS_EXPIRED");
    const { posted, replies } = await log();
    const diagnoses = posted.filter((p) => p.op === "diagnose");
    expect(diagnoses.length).toBeGreaterThan(0);
    // The last one had all three files, as bytes.
    const last = diagnoses.at(-1) as { id?: number; files?: Record<string, string> };
    expect(last.files).toMatchObject({ serverChain: "bytes", clientChain: "bytes", serverTrustsForClients: "bytes" });
    expect(replies.filter((r) => r.id === last.id).map((r) => r.type)).toEqual(["result"]);
  });

  it("an unreadable file: the worker's one-line error, shown by the page", async () => {
    await s.page.getByLabel("Client chain (optional)", { exact: true }).setInputFiles({ name: "broken.crt", mimeType: "application/x-pem-file", buffer: Buffer.from("not a certificate\n") });
    // x509's message names the input: "clientChain: not a certificate (...)".
    await expect.poll(() => s.page.getByTestId("diagnose-error").textContent()).toMatch(/^clientChain: not a certificate[^\n]*$/);
    const { replies, posted } = await log();
    const last = posted.filter((p) => p.op === "diagnose").at(-1) as { id?: number };
    expect(replies.filter((r) => r.id === last.id).map((r) => r.type)).toEqual(["error"]);
  });

  it("loaded x509's diagnosis only in the worker", () => {
    expect(scripts.worker.size).toBeGreaterThan(0);
    const page = text(scripts.page);
    const worker = text(scripts.worker);
    for (const marker of MARKERS) {
      expect(worker.includes(marker), `${marker} is in the worker's scripts`).toBe(true);
      expect(page.includes(marker), `${marker} is in a script the page loaded`).toBe(false);
    }
    expect(s.errors).toEqual([]);
  });
});
