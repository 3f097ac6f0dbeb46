/**
 * The request client against the demo server: PEM and PKCS#12 client certificates, the server always
 * verified, and failures returned as a code with an explanation (never a stack trace, never a hang).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { connect as connectTls } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendRequest } from "../src/lab/request.js";
import { createServer, type LabServer } from "../src/lab/server.js";
import { makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
let open: LabServer;
let strict: LabServer;
let openUrl: string;
let strictUrl: string;

beforeAll(async () => {
  kit = await makeTestKit();
  const base = { cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt") };
  open = createServer(base);
  strict = createServer({ ...base, require: true });
  openUrl = `https://127.0.0.1:${await open.listen(0)}`;
  strictUrl = `https://127.0.0.1:${await strict.listen(0)}`;
});

afterAll(async () => {
  await open?.close();
  await strict?.close();
  kit?.cleanup();
});

describe("mtls-lab request", () => {
  it("sends a PEM client certificate and returns the response", async () => {
    const outcome = await sendRequest({ url: `${strictUrl}/api/test`, cert: kit.read("client.crt"), key: kit.read("client.key"), ca: [kit.read("server-ca.crt")] });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body)).toMatchObject({ message: "certificate verified successfully" });
  });

  it("sends a PKCS#12 client certificate", async () => {
    const pfx = readFileSync(join(kit.dir, "client.p12"));
    const outcome = await sendRequest({ url: `${strictUrl}/api/test`, pfx, passphrase: "changeit", ca: [kit.read("server-ca.crt")] });
    expect(outcome.ok && outcome.status).toBe(200);
    const wrong = await sendRequest({ url: `${strictUrl}/api/test`, pfx, passphrase: "nope", ca: [kit.read("server-ca.crt")] });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.code).toBe("BAD_PKCS12_PASSWORD");
      expect(wrong.explanation.fix).toMatch(/password/);
    }
  });

  it("verifies the server: a server CA it does not trust fails with Node's code and an explanation", async () => {
    const outcome = await sendRequest({ url: `${openUrl}/`, cert: kit.read("client.crt"), key: kit.read("client.key"), ca: [kit.read("other-ca.crt")] });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    // The code Node's own tls client gives for the same trust, measured here rather than written down.
    const reference = await new Promise<string | undefined>((resolve) => {
      const socket = connectTls({ host: "127.0.0.1", port: Number(new URL(openUrl).port), ca: kit.read("other-ca.crt") });
      socket.once("error", (error: Error & { code?: string }) => resolve(error.code));
      socket.once("secureConnect", () => (socket.destroy(), resolve(undefined)));
    });
    expect(reference).toBeTruthy();
    expect(outcome.code).toBe(reference);
    expect(outcome.explanation.title).not.toBe(outcome.code); // a known code, with its own title
    expect(outcome.explanation.explanation.length).toBeGreaterThan(10);
  });

  it("explains a refused handshake (no client certificate, bad certificate) on both TLS versions' paths", async () => {
    const none = await sendRequest({ url: `${strictUrl}/api/test`, ca: [kit.read("server-ca.crt")] });
    const expired = await sendRequest({ url: `${strictUrl}/api/test`, cert: kit.read("expired.crt"), key: kit.read("expired.key"), ca: [kit.read("server-ca.crt")] });
    for (const outcome of [none, expired]) {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.code).toMatch(/^[A-Z_0-9]+$/);
      expect(outcome.explanation.title.length).toBeGreaterThan(3);
      expect(outcome.explanation.fix.length).toBeGreaterThan(10);
    }
  });

  it("reports a bad URL and a closed port in one line each", async () => {
    const bad = await sendRequest({ url: "http://127.0.0.1:1/" });
    expect(bad.ok === false && bad.code).toBe("BAD_URL");
    const closed = await sendRequest({ url: "https://127.0.0.1:1/", ca: [kit.read("server-ca.crt")] });
    expect(closed.ok === false && closed.code).toBe("ECONNREFUSED");
  });
});
