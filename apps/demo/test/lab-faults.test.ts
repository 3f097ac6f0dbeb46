/**
 * The demo server under faults: garbage instead of a ClientHello, a client that stops mid-handshake, a slow
 * client holding a socket open, and 200 concurrent connections half of them bad. Good clients keep being
 * answered, bad ones are dropped by the (short, configured) timeouts, and no per-connection state stays:
 * the open-connection count returns to zero and the heap returns near its baseline after a forced GC.
 */
import { randomBytes } from "node:crypto";
import { connect as connectTcp, createServer as createTcpServer, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type LabServer } from "../src/lab/server.js";
import { getOnce, makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
let server: LabServer;
let port: number;
let clientHello: Buffer;

// Short enough that the test sees bad clients dropped, long enough that a good handshake on a loaded 2-core
// machine never hits them (measured p99 of a handshake under load: ~0.7 s at 16 at once).
const timeouts = { handshakeMs: 2_000, headersMs: 2_000, requestMs: 4_000, keepAliveMs: 500, idleMs: 4_000 };
// 100 good handshakes arrive at once in the load test: they queue, so it gets more room.
const loadTimeouts = { handshakeMs: 5_000, headersMs: 5_000, requestMs: 10_000, keepAliveMs: 500, idleMs: 10_000 };

/** Resolves when the server closes `socket` (the client never closes it itself), or "open" after `ms`. */
function closedByServer(socket: Socket, ms = 20_000): Promise<"closed" | "open"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("open"), ms);
    socket.on("error", () => undefined);
    socket.once("close", () => (clearTimeout(timer), resolve("closed")));
  });
}

async function rawClient(send?: Buffer, to: number = port): Promise<Socket> {
  const socket = connectTcp(to, "127.0.0.1");
  socket.on("error", () => undefined);
  socket.resume(); // read what the server sends, so its FIN is seen and 'close' fires
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  if (send) socket.write(send);
  return socket;
}

/** A real ClientHello: what a Node TLS client sends first (captured from a listener that never answers). */
async function captureClientHello(): Promise<Buffer> {
  const sink = createTcpServer();
  const first = new Promise<Buffer>((resolve) => sink.once("connection", (s) => s.once("data", (d: Buffer) => (resolve(d), s.destroy()))));
  await new Promise<void>((r) => sink.listen(0, "127.0.0.1", () => r()));
  const client = connectTls({ host: "127.0.0.1", port: (sink.address() as { port: number }).port, ca: kit.read("server-ca.crt") });
  client.on("error", () => undefined);
  const hello = await first;
  client.destroy();
  await new Promise<void>((r) => sink.close(() => r()));
  return hello;
}

const goodClient = () => getOnce(port, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client("valid") });

async function waitForNoConnections(target: LabServer, ms = 30_000): Promise<number> {
  const deadline = Date.now() + ms;
  while (target.connections() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return target.connections();
}

beforeAll(async () => {
  kit = await makeTestKit();
  server = createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), timeouts });
  port = await server.listen(0);
  clientHello = await captureClientHello();
});

afterAll(async () => {
  await server?.close();
  kit?.cleanup();
});

describe("demo server under faults", () => {
  it("drops garbage bytes sent instead of a ClientHello and keeps serving", async () => {
    const socket = await rawClient(randomBytes(512));
    expect(await closedByServer(socket)).toBe("closed");
    expect((await goodClient()).status).toBe(200);
  });

  it("drops a client that stops mid-handshake, by the handshake timeout", async () => {
    expect(clientHello[0]).toBe(0x16); // a TLS handshake record
    const socket = await rawClient(clientHello);
    const replies: Buffer[] = [];
    socket.on("data", (d: Buffer) => replies.push(d));
    expect((await goodClient()).status).toBe(200); // served while the stalled one waits
    expect(await closedByServer(socket)).toBe("closed");
    expect(Buffer.concat(replies)[0]).toBe(0x16); // the server did answer with its ServerHello first
  });

  it("drops a silent TCP client and a slow-header client holding a TLS connection open", async () => {
    const silent = await rawClient();
    const slow = connectTls({ host: "127.0.0.1", port, ca: kit.read("server-ca.crt"), ...kit.client("valid") });
    slow.on("error", () => undefined);
    await new Promise<void>((r) => slow.once("secureConnect", () => r()));
    slow.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    // One header byte every 100 ms: the socket is never idle, only the headers timeout can end it.
    const drip = setInterval(() => slow.writable && slow.write("X"), 100);
    const results = await Promise.all([closedByServer(silent), closedByServer(slow), goodClient()]);
    clearInterval(drip);
    expect(results[0]).toBe("closed");
    expect(results[1]).toBe("closed");
    expect(results[2].status).toBe(200);
  });

  it("serves 100 good clients among 100 bad ones at once (4 rounds), then holds no connection and no memory", { timeout: 180_000 }, async () => {
    const loaded = createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), timeouts: loadTimeouts });
    const loadedPort = await loaded.listen(0);
    try {
      await loadRounds(loaded, loadedPort);
    } finally {
      await loaded.close();
    }
  });
});

/** Warm-up round, baseline heap, four measured rounds, then connections and heap checked. */
async function loadRounds(server: LabServer, port: number): Promise<void> {
  const ca = kit.read("server-ca.crt");
  const valid = kit.client("valid");
  const expired = kit.client("expired");
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const heap = () => {
    for (let i = 0; i < 3; i += 1) gc();
    return process.memoryUsage().heapUsed;
  };

  const round = async () => {
    const bad: Promise<unknown>[] = [];
    const good: ReturnType<typeof getOnce>[] = [];
    for (let i = 0; i < 100; i += 1) {
      good.push(getOnce(port, "/api/test", { ca, ...valid }));
      const kind = i % 4;
      if (kind === 0) bad.push(rawClient(randomBytes(300), port).then((s) => closedByServer(s)));
      else if (kind === 1) bad.push(rawClient(clientHello, port).then((s) => closedByServer(s)));
      else if (kind === 2) bad.push(rawClient(undefined, port).then((s) => closedByServer(s)));
      else bad.push(getOnce(port, "/api/test", { ca, ...expired }));
    }
    const answers = await Promise.all(good);
    const dropped = await Promise.all(bad);
    return { answers, dropped };
  };

  await round(); // warm-up: code paths, TLS contexts and pools allocated once
  expect(await waitForNoConnections(server)).toBe(0);
  const baseline = heap();
  for (let i = 0; i < 4; i += 1) {
    const { answers, dropped } = await round();
    expect(answers.filter((a) => a.status === 200 && a.json?.message === "certificate verified successfully")).toHaveLength(100);
    expect(dropped.filter((d) => d === "closed")).toHaveLength(75);
    expect(dropped.filter((d) => typeof d === "object" && (d as { status?: number }).status === 401)).toHaveLength(25);
  }
  expect(await waitForNoConnections(server)).toBe(0);
  const growth = heap() - baseline;
  // 800 connections after the baseline. Measured: ~0.4 MiB of noise; keeping each answered TLS socket
  // (~5 KiB each, 500 of them) adds about 2.7 MiB.
  expect(growth).toBeLessThan(1.5 * 1024 * 1024);
}
