/**
 * The lab's OCSP responder checked by `openssl ocsp`: signed answers for the kit's client CAs, and a client
 * revoked with `mtls-lab revoke` is reported revoked at the next request, without restarting the responder.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcspResponder } from "../src/lab/ocsp.js";
import { runInProcess } from "./cli-helpers.js";

let dir: string;
let kit: string;
let responder: ReturnType<typeof createOcspResponder>;
let ocspPort: number;
const read = (name: string) => readFile(join(kit, name), "utf8");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-ocsp-"));
  kit = join(dir, "kit");
  expect((await runInProcess(["kit", "--out", kit, "--intermediate", "--client", "alice", "--client", "bob"], dir)).code).toBe(0);
  await writeFile(join(dir, "cas.pem"), (await read("client-intermediate.crt")) + (await read("client-ca.crt")));
  responder = createOcspResponder({ dir: kit });
  ocspPort = await responder.listen(0);
}, 60_000);

afterAll(async () => {
  await responder?.close();
  await rm(dir, { recursive: true, force: true });
});

/** `openssl ocsp` about one certificate: it verifies the answer's signature and nonce against the client CAs. */
async function ask(cert: string, issuer: string): Promise<string> {
  const result = await run("openssl", ["ocsp", "-issuer", join(kit, issuer), "-cert", join(kit, cert), "-url", `http://127.0.0.1:${ocspPort}`, "-CAfile", join(dir, "cas.pem")], { timeoutMs: 30_000 });
  return result.stdout + result.stderr;
}

describe("mtls-lab ocsp", () => {
  it("answers good, signed and with the request's nonce, for clients and for the intermediate", async () => {
    for (const [cert, issuer] of [["alice.crt", "client-intermediate.crt"], ["bob.crt", "client-intermediate.crt"], ["client-intermediate.crt", "client-ca.crt"]] as const) {
      const answer = await ask(cert, issuer);
      expect(answer).toMatch(/Response verify OK/);
      expect(answer).not.toMatch(/no nonce/i);
      expect(answer).toMatch(new RegExp(`${cert.replace(".", "\\.")}: good`));
    }
  });

  it("after mtls-lab revoke, says revoked with the reason at once; the others stay good", async () => {
    expect((await runInProcess(["revoke", "--kit", kit, "alice", "--reason", "keyCompromise"], dir)).code).toBe(0);
    const alice = await ask("alice.crt", "client-intermediate.crt");
    expect(alice).toMatch(/Response verify OK/);
    expect(alice).toMatch(/alice\.crt: revoked/);
    expect(alice).toMatch(/Reason: keyCompromise/);
    expect(await ask("bob.crt", "client-intermediate.crt")).toMatch(/bob\.crt: good/);
  });

  it("answers GET requests (RFC 6960 A.1: url-encoded base64 after the path) under any path; garbage gets 400", async () => {
    const req = join(dir, "bob-req.der");
    expect((await run("openssl", ["ocsp", "-issuer", join(kit, "client-intermediate.crt"), "-cert", join(kit, "bob.crt"), "-reqout", req])).code).toBe(0);
    const encoded = encodeURIComponent((await readFile(req)).toString("base64"));
    for (const path of ["/", "/ocsp/", "/a/b/"]) {
      const response = await fetch(`http://127.0.0.1:${ocspPort}${path}${encoded}`);
      expect(response.headers.get("content-type")).toBe("application/ocsp-response");
      await writeFile(join(dir, "bob-resp.der"), new Uint8Array(await response.arrayBuffer()));
      const checked = await run("openssl", ["ocsp", "-respin", join(dir, "bob-resp.der"), "-reqin", req, "-CAfile", join(dir, "cas.pem"), "-resp_text"]);
      expect(checked.stdout + checked.stderr).toMatch(/Response verify OK/);
      expect(checked.stdout).toMatch(/Cert Status: good/);
    }
    expect((await fetch(`http://127.0.0.1:${ocspPort}/not-a-request`)).status).toBe(400);
  });

  it("a certificate of another CA gets unauthorized, and a request that is not OCSP malformedRequest", async () => {
    const other = join(dir, "other");
    expect((await runInProcess(["kit", "--out", other], dir)).code).toBe(0);
    const result = await run("openssl", ["ocsp", "-issuer", join(other, "client-ca.crt"), "-cert", join(other, "client.crt"), "-url", `http://127.0.0.1:${ocspPort}`, "-noverify"], { timeoutMs: 30_000 });
    expect(result.stdout + result.stderr).toMatch(/unauthorized/i);
    const response = await fetch(`http://127.0.0.1:${ocspPort}/`, { method: "POST", body: "hello", headers: { "content-type": "application/ocsp-request" } });
    // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED { malformedRequest (1) } }: 30 03 0a 01 01.
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([0x30, 0x03, 0x0a, 0x01, 0x01]);
  });
});
