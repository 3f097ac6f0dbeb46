/**
 * Behaviour matrix of the demo server over TLS 1.2 and 1.3 with Node clients and curl: no certificate,
 * valid, another CA, expired, wrong EKU. The JSON reason must equal the authorizationError that a plain
 * Node tls server reports for the same client (measured beside it, not written down here).
 */
import { createServer as createTlsServer, type SecureVersion, type TLSSocket } from "node:tls";
import { connect } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { has, run } from "@mtls-lab/peers";
import { createServer, type LabServer } from "../src/lab/server.js";
import { clientCases, getOnce, makeTestKit, type ClientCase, type TestKit } from "./lab-helpers.js";

const versions: SecureVersion[] = ["TLSv1.2", "TLSv1.3"];
let kit: TestKit;
let open: LabServer;
let openPort: number;
let strict: LabServer;
let strictPort: number;
const refusals: string[] = [];

/** What Node itself says about a client: authorizationError on a bare tls server with the same trust. */
async function nodeVerdict(c: ClientCase, version: SecureVersion): Promise<string | null> {
  const server = createTlsServer({ cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt"), requestCert: true,
    // EXPLAIN-WHY MODE (teaching only) in a reference server: it must finish the handshake to report the code.
    rejectUnauthorized: false });
  const verdict = new Promise<string | null>((resolve) => server.once("secureConnection", (s: TLSSocket) => {
    resolve(s.authorized ? null : String(s.authorizationError));
    s.end();
  }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  const socket = connect({ host: "127.0.0.1", port, ca: kit.read("server-ca.crt"), minVersion: version, maxVersion: version, ...kit.client(c) });
  socket.on("error", () => undefined);
  const result = await verdict;
  socket.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  return result;
}

beforeAll(async () => {
  kit = await makeTestKit();
  const base = { cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt") };
  open = createServer(base);
  openPort = await open.listen(0);
  strict = createServer({ ...base, require: true, onTlsError: (line) => refusals.push(line) });
  strictPort = await strict.listen(0);
});

afterAll(async () => {
  await open?.close();
  await strict?.close();
  kit?.cleanup();
});

describe.each(versions)("demo server over %s", (version) => {
  it.each(clientCases)("explains client case %s with Node's own reason", async (c) => {
    const expected = await nodeVerdict(c, version);
    const answer = await getOnce(openPort, "/", { ca: kit.read("server-ca.crt"), version, ...kit.client(c) });
    expect(answer.status).toBe(200);
    const json = answer.json as Record<string, unknown> & { tls: { version: string }; client?: { subject: string } };
    expect(json.tls.version).toBe(version);
    expect(typeof json.explanation).toBe("string");
    expect((json.explanation as string).length).toBeGreaterThan(10);
    if (expected === null) {
      expect(c).toBe("valid");
      expect(json.mTLSValid).toBe(true);
      expect(json.client?.subject).toContain("CN=client");
    } else {
      expect(json.mTLSValid).toBe(false);
      expect(json.reason).toBe(expected);
      expect(typeof json.fix).toBe("string");
      if (c === "none") {
        expect(json.client).toBeUndefined();
        expect(String(json.title) + String(json.explanation)).toMatch(/no certificate/i);
      } else {
        expect(json.client).toBeDefined();
      }
    }
    const api = await getOnce(openPort, "/api/test", { ca: kit.read("server-ca.crt"), version, ...kit.client(c) });
    expect(api.status).toBe(expected === null ? 200 : 401);
    if (expected === null) expect(api.json?.message).toBe("certificate verified successfully");
    else expect(api.json?.reason).toBe(expected);
  });

  it.each(clientCases)("with --require lets only the valid client through (case %s) and logs why", async (c) => {
    const before = refusals.length;
    const answer = await getOnce(strictPort, "/api/test", { ca: kit.read("server-ca.crt"), version, ...kit.client(c) });
    if (c === "valid") {
      expect(answer.status).toBe(200);
      expect(answer.json?.message).toBe("certificate verified successfully");
      return;
    }
    expect(answer.status).toBeUndefined();
    expect(answer.error?.code).toBeTruthy();
    // The server's log line names the real reason (Node's own code), not the "socket hang up" it reports.
    const deadline = Date.now() + 5_000;
    while (refusals.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const line = refusals.slice(before).join("\n");
    if (c === "none") expect(line).toMatch(/ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE|ECONNRESET|alert/);
    else expect(line).toContain(String(await nodeVerdict(c, version)));
  });

  it.runIf(has("curl"))("answers curl the same way in every case, and --require refuses curl's bad handshakes", async () => {
    const flag = version === "TLSv1.2" ? ["--tlsv1.2", "--tls-max", "1.2"] : ["--tlsv1.3"];
    const files: Record<ClientCase, string | undefined> = { none: undefined, valid: "client", otherCa: "other-client", expired: "expired", wrongEku: "wrong-eku" };
    for (const c of clientCases) {
      const identity = files[c] ? ["--cert", `${kit.dir}/${files[c]}.crt`, "--key", `${kit.dir}/${files[c]}.key`] : [];
      const curl = (port: number) =>
        run("curl", ["-sS", ...flag, "--cacert", `${kit.dir}/server-ca.crt`, "--max-time", "15", ...identity, `https://127.0.0.1:${port}/api/test`], { timeoutMs: 20_000 });
      const expected = await nodeVerdict(c, version);
      const explained = await curl(openPort);
      expect(explained.code, `${c}: ${explained.stderr}`).toBe(0);
      const body = JSON.parse(explained.stdout) as Record<string, unknown>;
      if (expected === null) expect(body.message).toBe("certificate verified successfully");
      else expect(body).toMatchObject({ mTLSValid: false, reason: expected, tls: { version } });
      const strictAnswer = await curl(strictPort);
      if (expected === null) expect(JSON.parse(strictAnswer.stdout)).toMatchObject({ message: "certificate verified successfully" });
      else expect(strictAnswer.code, `${c} with --require`).not.toBe(0);
    }
  });
});

describe("the matrix cases", () => {
  it("are four different failures, so each row tests a different check", async () => {
    const reasons = await Promise.all((["none", "otherCa", "expired", "wrongEku"] as const).map((c) => nodeVerdict(c, "TLSv1.3")));
    expect(reasons.every((r) => typeof r === "string")).toBe(true);
    expect(new Set(reasons).size).toBe(4);
  });
});

describe("demo server routes", () => {
  it("answers /healthz and names the routes on a 404", async () => {
    const ca = kit.read("server-ca.crt");
    expect((await getOnce(openPort, "/healthz", { ca })).json).toEqual({ status: "ok" });
    const missing = await getOnce(openPort, "/nope", { ca });
    expect(missing.status).toBe(404);
    expect(missing.json?.routes).toContain("/api/test");
  });
});
