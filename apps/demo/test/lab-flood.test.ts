/**
 * The demo server under a slow-header flood, with and without --capture (issue 16): connections that finish
 * the handshake without a certificate and then send one header byte a second fill every slot; the headers
 * timeout must free them so a good client is served within 15 s. With capture, slow uploads must not pin
 * memory (the capture buffers are bounded per connection and in total), and a capture directory that
 * disappears only switches capture off.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { connect as connectTls, type TLSSocket } from "node:tls";
import { tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type LabServer } from "../src/lab/server.js";
import { getOnce, makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
beforeAll(async () => {
  kit = await makeTestKit();
});
afterAll(() => kit?.cleanup());

const slots = 24;
const timeouts = { handshakeMs: 2_000, headersMs: 2_000, requestMs: 4_000, keepAliveMs: 500, idleMs: 30_000 };

/** A TLS client without a certificate that completes the handshake, or undefined when refused. */
function handshaken(port: number): Promise<TLSSocket | undefined> {
  return new Promise((resolve) => {
    const socket = connectTls({ host: "127.0.0.1", port, ca: kit.read("server-ca.crt") });
    socket.on("error", () => resolve(undefined));
    socket.once("close", () => resolve(undefined));
    socket.once("secureConnect", () => resolve(socket));
  });
}

/** Fills every slot with clients that drip one header byte a second; returns a stop function. */
async function slowHeaderFlood(port: number): Promise<() => void> {
  const sockets = (await Promise.all(Array.from({ length: slots }, () => handshaken(port)))).filter((s): s is TLSSocket => s !== undefined);
  for (const socket of sockets) socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  const drip = setInterval(() => {
    for (const socket of sockets) if (socket.writable) socket.write("X");
  }, 1_000);
  return () => {
    clearInterval(drip);
    for (const socket of sockets) socket.destroy();
  };
}

/** Retries a good client until it is served; resolves the ms from `since`, or Infinity past the deadline. */
async function servedWithin(port: number, since: number, deadlineMs: number): Promise<number> {
  while (Date.now() - since < deadlineMs) {
    const answer = await getOnce(port, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client("valid"), timeoutMs: 3_000 });
    if (answer.status === 200) return Date.now() - since;
    await new Promise((r) => setTimeout(r, 250));
  }
  return Number.POSITIVE_INFINITY;
}

describe("slow-header flood", () => {
  it("a good client is served within 15 s, with and without --capture", { timeout: 60_000 }, async () => {
    const capture = tempDir("mtls-lab-flood-");
    const servers: LabServer[] = [
      createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), timeouts, maxConnections: slots }),
      createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), timeouts, maxConnections: slots,
        capture: { dir: capture.path } }),
    ];
    try {
      const results = await Promise.all(
        servers.map(async (server) => {
          const port = await server.listen(0);
          const started = Date.now();
          const stop = await slowHeaderFlood(port);
          try {
            return await servedWithin(port, started, 15_000);
          } finally {
            stop();
          }
        }),
      );
      expect(results[0], "without --capture").toBeLessThan(15_000);
      expect(results[1], "with --capture").toBeLessThan(15_000);
    } finally {
      await Promise.all(servers.map((server) => server.close()));
      capture.cleanup();
    }
  });
});

/**
 * 100 uploads announce 1.1 MB, send 1 MB at once, then stall: each could pin 1 MB of capture data. Resolves
 * once the server has dropped them (idle), with the RSS `measure` saw while they were open.
 */
async function uploadFlood(port: number, measure?: () => Promise<number>): Promise<{ uploads: number; peak: number }> {
  const uploads = (await Promise.all(Array.from({ length: 100 }, () => handshaken(port)))).filter((s): s is TLSSocket => s !== undefined);
  const closed = uploads.map((socket) => new Promise<void>((r) => socket.once("close", () => r())));
  const body = Buffer.alloc(1024 * 1024, 0x61);
  for (const socket of uploads) {
    socket.on("error", () => undefined);
    socket.write(`POST /api/test HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${1_100_000}\r\n\r\n`);
    socket.write(body);
  }
  await new Promise((r) => setTimeout(r, 1_500));
  const peak = measure ? await measure() : 0;
  await Promise.race([Promise.all(closed), new Promise((r) => setTimeout(r, 8_000))]);
  for (const socket of uploads) socket.destroy();
  await new Promise((r) => setTimeout(r, 500));
  return { uploads: uploads.length, peak };
}

describe("capture under load and faults", () => {
  it("slow 1.1 MB uploads do not pin memory: RSS stays bounded and the memory held after GC returns to its level", { timeout: 240_000 }, async () => {
    const capture = tempDir("mtls-lab-flood-rss-");
    const child: ChildProcess = spawn(process.execPath, ["--expose-gc", join(import.meta.dirname, "fixtures", "flood-server.mjs"), kit.dir, capture.path], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = createInterface({ input: child.stdout! });
    const waiting: ((line: string) => void)[] = [];
    lines.on("line", (line) => waiting.shift()?.(line));
    const next = () => new Promise<string>((resolve) => waiting.push(resolve));
    const sample = async () => {
      const reply = next();
      child.stdin!.write("rss\n");
      const [, bytes, open, held] = (await reply).split(" ");
      return { bytes: Number(bytes), open: Number(open), held: Number(held) };
    };
    /** Memory once the server holds no connection (10 s at most), so what is compared is what outlives them. */
    const settled = async () => {
      const deadline = Date.now() + 10_000;
      let now = await sample();
      while (now.open > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        now = await sample();
      }
      return now;
    };
    const rss = async () => (await sample()).bytes;
    try {
      const port = Number((await next()).split(" ")[1]);
      // Warm up: a few ordinary requests so the baseline includes TLS and http state.
      for (let i = 0; i < 5; i += 1) expect((await getOnce(port, "/", { ca: kit.read("server-ca.crt") })).status).toBe(200);

      const initial = await settled();
      // The first flood against the fresh server: what the capture buffers can pin at once.
      const { uploads, peak } = await uploadFlood(port, rss);
      await uploadFlood(port);
      const baseline = await settled();
      await uploadFlood(port);
      await uploadFlood(port);
      const after = await settled();
      console.log(
        `upload flood: RSS initial ${initial.bytes}, peak ${peak}, after two floods ${baseline.bytes}, after four ${after.bytes}; held ${initial.held} -> ${baseline.held} -> ${after.held}`,
      );

      expect(uploads).toBeGreaterThan(50);
      // Measured on the fresh server: +40 MB without --capture, +100 MB with it (the 16 MiB capture budget as
      // base64, and the JS stream path capture needs). Without the total budget each of the 100 could hold
      // 1 MiB (1.4 MB as base64) more: the issue measured 300 such uploads taking RSS from 70 to 530 MB.
      expect(peak - initial.bytes, `initial ${initial.bytes}, peak ${peak}`).toBeLessThan(150 * 1024 * 1024);
      // What the server holds after a full GC comes back: two more floods (about 200 uploads, 280 MB as base64)
      // add no more than 8 MB to what it held after the first two. RSS moves with malloc's retention (measured:
      // 17-25 % between identical floods on a loaded machine), so it only has to stay far below a leak's growth.
      expect(after.held - baseline.held, `held after two floods ${baseline.held}, after four ${after.held}`).toBeLessThan(8 * 1024 * 1024);
      expect(after.bytes - baseline.bytes, `RSS after two floods ${baseline.bytes}, after four ${after.bytes}`).toBeLessThan(100 * 1024 * 1024);
    } finally {
      child.stdin!.end();
      await new Promise((r) => child.once("exit", r));
      capture.cleanup();
    }
  });

  it("a deleted capture directory is reported once, capture stops, and the server keeps serving", async () => {
    const capture = tempDir("mtls-lab-gone-");
    const dir = join(capture.path, "captures");
    const errors: string[] = [];
    const server = createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"),
      capture: { dir }, onCaptureError: (line) => errors.push(line) });
    const port = await server.listen(0);
    try {
      expect((await getOnce(port, "/healthz", { ca: kit.read("server-ca.crt") })).status).toBe(200);
      rmSync(dir, { recursive: true });
      for (let i = 0; i < 3; i += 1) {
        expect((await getOnce(port, "/healthz", { ca: kit.read("server-ca.crt") })).status).toBe(200);
        await new Promise((r) => setTimeout(r, 100)); // the file is written one turn after the close
      }
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^cannot write .*captures\/.*\.json \(ENOENT\); capture is off from now on, serving goes on$/);
      expect(() => readdirSync(dir)).toThrow();
    } finally {
      await server.close();
      capture.cleanup();
    }
  });
});
