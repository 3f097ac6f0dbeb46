/**
 * answerOcsp read back by `openssl ocsp`, and a kit's `ocspUrl` as OpenSSL sees it (AIA in the client leaves and
 * the client intermediate). The answer's times are whole seconds: nginx cannot parse a GeneralizedTime fraction.
 */
import { webcrypto } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { answerOcsp, generateKit, kitManifest, type Kit } from "../src/index.js";

const dir = tempDir("mtls-lab-ocsp-answer-");
afterAll(() => dir.cleanup());
const path = (name: string) => join(dir.path, name);
const URL = "http://127.0.0.1:8888/ocsp";

let kit: Kit;
const text = (name: string) => kit.files.find((f) => f.name === name)!.contents as string;
const key = (name: string) =>
  webcrypto.subtle.importKey("pkcs8", Buffer.from(text(name).replace(/-----[^-]+-----|\s/g, ""), "base64"), { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);

beforeAll(async () => {
  kit = await generateKit({ intermediate: true, clients: ["alice"], ocspUrl: URL });
  for (const f of kit.files) writeFileSync(path(f.name), f.contents);
  writeFileSync(path("cas.pem"), text("client-intermediate.crt") + text("client-ca.crt"));
}, 60_000);

/** `openssl ocsp -reqout` for alice, answered by answerOcsp at `at`, read back with -respin. */
async function answerAt(at: Date, revoked?: Date): Promise<string> {
  const request = await run("openssl", ["ocsp", "-issuer", path("client-intermediate.crt"), "-cert", path("alice.crt"), "-reqout", path("req.der")]);
  expect(request.code).toBe(0);
  const issuers = [{ certificate: text("client-intermediate.crt"), privateKey: await key("client-intermediate.key") }];
  const answer = await answerOcsp(new Uint8Array(readFileSync(path("req.der"))), { issuers, at, revocation: () => (revoked ? { revokedAt: revoked, reason: "keyCompromise" } : undefined) });
  writeFileSync(path("resp.der"), answer);
  const result = await run("openssl", ["ocsp", "-respin", path("resp.der"), "-reqin", path("req.der"), "-CAfile", path("cas.pem"), "-resp_text"]);
  return result.stdout + result.stderr;
}

describe("answerOcsp", () => {
  it("writes thisUpdate, nextUpdate, producedAt and revocationTime in whole seconds", async () => {
    const text = await answerAt(new Date("2026-12-08T04:21:38.828Z"), new Date("2026-12-01T10:00:00.456Z"));
    expect(text).toMatch(/Response verify OK/);
    expect(text).toContain("Produced At: Dec  8 04:21:38 2026 GMT");
    expect(text).toContain("This Update: Dec  8 04:21:38 2026 GMT");
    expect(text).toContain("Next Update: Dec  8 04:26:38 2026 GMT");
    expect(text).toContain("Revocation Time: Dec  1 10:00:00 2026 GMT");
    expect(text).not.toMatch(/\d\d:\d\d:\d\d\.\d/);
  });
});

describe("kit ocspUrl", () => {
  it("puts the URL into the client leaves and the client intermediate only, and kit.json records it", async () => {
    const uri = async (name: string) => (await run("openssl", ["x509", "-in", path(name), "-noout", "-ocsp_uri"])).stdout.trim();
    expect(await uri("alice.crt")).toBe(URL);
    expect(await uri("client-intermediate.crt")).toBe(URL);
    for (const name of ["client-ca.crt", "server.crt", "server-intermediate.crt", "server-ca.crt"]) expect(await uri(name)).toBe("");
    const verified = await run("openssl", ["verify", "-CAfile", path("client-ca.crt"), "-untrusted", path("client-intermediate.crt"), "-purpose", "sslclient", path("alice.crt")]);
    expect(verified.stdout).toContain("alice.crt: OK");
    expect(kitManifest(kit).ocspUrl).toBe(URL);
    expect(kitManifest(await generateKit({})).ocspUrl).toBeUndefined();
  });

  it("refuses a URL servers cannot ask, naming it", async () => {
    for (const bad of ["https://127.0.0.1/", "ftp://x/", "http://", "not a url", "http://h/?q=1"]) {
      await expect(generateKit({ ocspUrl: bad })).rejects.toThrow(`Bad OCSP URL ${JSON.stringify(bad)}`);
    }
  });
});
