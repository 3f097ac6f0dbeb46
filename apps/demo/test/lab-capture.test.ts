/**
 * Captures (`serve --capture DIR`): one JSON file per TLS connection in schema v1, with the bytes of both
 * directions, the NSS key log lines of that very connection, and the outcome; bounded in count and size.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Socket } from "node:net";
import type { SecureVersion } from "node:tls";
import * as handshake from "@mtls-lab/handshake";
import { tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConnectionRecord, type CaptureFile } from "../src/lab/capture.js";
import { createServer, type LabServer } from "../src/lab/server.js";
import { getOnce, makeTestKit, type ClientCase, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
const dirs: { cleanup: () => void }[] = [];
const servers: LabServer[] = [];

async function startCapturing(capture: { maxFiles?: number; maxBytes?: number }, require = false) {
  const dir = tempDir("mtls-lab-capture-");
  dirs.push(dir);
  const server = createServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), require, capture: { dir: dir.path, ...capture } });
  servers.push(server);
  return { dir: dir.path, port: await server.listen(0), server };
}

const files = (dir: string) => readdirSync(dir).filter((name) => name.endsWith(".json")).sort();

async function waitForFiles(dir: string, count: number, server: LabServer): Promise<CaptureFile[]> {
  const deadline = Date.now() + 20_000;
  while ((files(dir).length < count || server.connections() > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return files(dir).map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as CaptureFile);
}

const bytesOf = (file: CaptureFile, from: "client" | "server") =>
  Buffer.concat(file.events.filter((e) => e.from === from).map((e) => Buffer.from(e.data, "base64")));

function expectSchemaV1(file: CaptureFile): void {
  expect(file.format).toBe("mtls-lab-capture");
  expect(file.version).toBe(1);
  expect(new Date(file.startedAt).toISOString()).toBe(file.startedAt);
  expect(file.client.address).toBe("127.0.0.1");
  expect(file.client.port).toBeGreaterThan(0);
  expect(file.server.port).toBeGreaterThan(0);
  let last = 0;
  for (const event of file.events) {
    expect(["client", "server"]).toContain(event.from);
    expect(event.t).toBeGreaterThanOrEqual(last);
    last = event.t;
    expect(Buffer.from(event.data, "base64").toString("base64")).toBe(event.data);
  }
  // The handshake package's validator is the contract's other side.
  const parse = (handshake as Record<string, unknown>)["parseCapture"];
  if (typeof parse === "function") expect(() => (parse as (json: unknown) => unknown)(JSON.parse(JSON.stringify(file)))).not.toThrow();
}

beforeAll(async () => {
  kit = await makeTestKit();
});

afterAll(async () => {
  for (const server of servers) await server.close();
  for (const dir of dirs) dir.cleanup();
  kit?.cleanup();
});

describe("serve --capture", () => {
  it("writes one schema v1 file per connection with both directions, its key log and the outcome", async () => {
    const { dir, port, server } = await startCapturing({});
    const cases: [ClientCase, SecureVersion][] = [["valid", "TLSv1.3"], ["none", "TLSv1.2"], ["expired", "TLSv1.3"]];
    const answers = [];
    for (const [c, version] of cases) answers.push(await getOnce(port, "/", { ca: kit.read("server-ca.crt"), version, ...kit.client(c) }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const captures = await waitForFiles(dir, 3, server);
    expect(captures).toHaveLength(3);
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // The key log decrypts the traffic: only the owner may read a capture.
    for (const name of files(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    for (const file of captures) {
      expectSchemaV1(file);
      const client = bytesOf(file, "client");
      const server = bytesOf(file, "server");
      expect(client[0]).toBe(0x16); // handshake record
      expect(client[5]).toBe(0x01); // ClientHello
      expect(server[0]).toBe(0x16);
      expect(server[5]).toBe(0x02); // ServerHello
      const random = client.subarray(11, 43).toString("hex");
      expect(file.keylog.length).toBeGreaterThan(0);
      for (const line of file.keylog) expect(line.split(" ")[1]).toBe(random); // this connection's lines only
      expect(file.truncated).toBeUndefined();
    }
    const byVersion = (v: string) => captures.filter((f) => f.result.tlsVersion === v);
    expect(byVersion("TLSv1.2")).toHaveLength(1);
    expect(byVersion("TLSv1.3")).toHaveLength(2);
    expect(byVersion("TLSv1.2")[0]?.keylog.some((l) => l.startsWith("CLIENT_RANDOM "))).toBe(true);
    for (const f of byVersion("TLSv1.3")) expect(f.keylog.some((l) => l.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))).toBe(true);
    const outcomes = captures.map((f) => [f.result.authorized, f.result.authorizationError ?? null]).sort();
    const reasons = answers.map((a) => [a.json?.mTLSValid, (a.json?.reason as string | undefined) ?? null]).sort();
    expect(outcomes).toEqual(reasons);
  });

  it("is read back by the handshake decoder: both Finished messages verify with the recorded key log", async () => {
    const { dir, port, server } = await startCapturing({});
    for (const version of ["TLSv1.3", "TLSv1.2"] as const) {
      expect((await getOnce(port, "/", { ca: kit.read("server-ca.crt"), version, ...kit.client("valid") })).status).toBe(200);
    }
    const captures = await waitForFiles(dir, 2, server);
    expect(captures).toHaveLength(2);
    for (const file of captures) {
      const decoded = await handshake.decodeCapture(JSON.parse(JSON.stringify(file)));
      expect(decoded.tlsVersion).toBe(file.result.tlsVersion);
      expect(decoded.finished.client, JSON.stringify(decoded.finished)).toMatchObject({ verified: true });
      expect(decoded.finished.server).toMatchObject({ verified: true });
    }
  });

  it("records a handshake refused by --require", async () => {
    const { dir, port, server } = await startCapturing({}, true);
    const answer = await getOnce(port, "/", { ca: kit.read("server-ca.crt"), version: "TLSv1.3", ...kit.client("otherCa") });
    expect(answer.error).toBeDefined();
    const [file] = await waitForFiles(dir, 1, server);
    expect(file).toBeDefined();
    expectSchemaV1(file!);
    expect(file!.result.authorized).toBe(false);
    expect(file!.result.authorizationError).toBeTruthy();
  });

  it("stops writing at maxFiles and keeps serving", async () => {
    const { dir, port, server } = await startCapturing({ maxFiles: 2 });
    for (let i = 0; i < 4; i += 1) {
      expect((await getOnce(port, "/healthz", { ca: kit.read("server-ca.crt") })).status).toBe(200);
    }
    await waitForFiles(dir, 2, server);
    expect(files(dir)).toHaveLength(2);
  });

  it("keeps a prefix of the connection: after the first dropped chunk, no later chunk is kept", () => {
    const socket = { remoteAddress: "127.0.0.1", remotePort: 1, localAddress: "127.0.0.1", localPort: 2 } as Socket;
    const record = new ConnectionRecord(socket, 1_000, { reserve: () => true, onClientRandom: () => {} });
    record.add("server", Buffer.alloc(900));
    record.add("server", Buffer.alloc(500)); // over the budget: dropped
    record.add("client", Buffer.alloc(50)); // would fit, but would leave a hole in the server's stream
    expect(record.file.truncated).toBe(true);
    expect(record.file.events.map((event) => event.from)).toEqual(["server"]);
  });

  it("caps the bytes kept per connection and marks the file truncated", async () => {
    const { dir, port, server } = await startCapturing({ maxBytes: 1_500 });
    expect((await getOnce(port, "/", { ca: kit.read("server-ca.crt"), ...kit.client("valid") })).status).toBe(200);
    const [file] = await waitForFiles(dir, 1, server);
    expect(file?.truncated).toBe(true);
    expect(bytesOf(file!, "client").length + bytesOf(file!, "server").length).toBeLessThanOrEqual(1_500);
    expect(existsSync(dir)).toBe(true);
    // What is kept is a prefix of the connection, never a stream with a hole: the decoder reads it up to the cut.
    const decoded = await handshake.decodeCapture(handshake.parseCapture(file)).then(
      (result) => ({ ok: true as const, names: result.steps.map((step) => step.name) }),
      (error: { code?: string }) => ({ ok: false as const, code: error.code }),
    );
    if (decoded.ok) expect(decoded.names[0]).toBe("ClientHello");
    else expect(decoded.code).toBe("TRUNCATED");
  });
});
