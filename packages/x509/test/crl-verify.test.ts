/**
 * verifyChain with CRLs against the real verdicts: the first error of `openssl verify -crl_check[_all]` and
 * the last one of a Node TLS server with the `crl` option (what nginx, HAProxy and Apache also report).
 */
import { createServer, connect, type TLSSocket } from "node:tls";
import { webcrypto } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { codeFromNumber, generateKit, issueCrl, serialOf, verifyChain, type Kit } from "../src/index.js";

const dir = tempDir("mtls-lab-crl-verify-");
afterAll(() => dir.cleanup());
const path = (name: string) => join(dir.path, name);
const DAY = 86_400_000;

let kit: Kit;
let other: Kit;
const text = (k: Kit, name: string) => k.files.find((f) => f.name === name)!.contents as string;
const key = (k: Kit, name: string) =>
  webcrypto.subtle.importKey("pkcs8", Buffer.from(text(k, name).replace(/-----[^-]+-----|\s/g, ""), "base64"), { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);

/** CRL sets by name, each a list of PEM CRLs. */
const sets: Record<string, string[]> = {};

beforeAll(async () => {
  kit = await generateKit({ intermediate: true, clients: ["alice", "bob"], crl: true });
  other = await generateKit({ intermediate: true, clients: ["eve"], crl: true });
  for (const f of kit.files) writeFileSync(path(f.name), f.contents);
  const signer = async (k: Kit, which: "client-ca" | "client-intermediate") => ({ certificate: text(k, `${which}.crt`), privateKey: await key(k, `${which}.key`) });
  const inter = await signer(kit, "client-intermediate");
  const root = await signer(kit, "client-ca");
  const revoked = await issueCrl({ issuer: inter, entries: [{ serialNumber: serialOf(text(kit, "alice.crt")), reason: "keyCompromise" }], crlNumber: 2 });
  const rootCrl = await issueCrl({ issuer: root });
  const past = { thisUpdate: new Date(Date.now() - 10 * DAY), nextUpdate: new Date(Date.now() - DAY) };
  const future = { thisUpdate: new Date(Date.now() + 5 * DAY), nextUpdate: new Date(Date.now() + 30 * DAY) };
  sets.fresh = [text(kit, "client-intermediate.crl"), text(kit, "client-ca.crl")];
  sets.revoked = [revoked.pem, rootCrl.pem];
  sets.leafCaOnly = [revoked.pem];
  sets.expired = [(await issueCrl({ issuer: inter, ...past })).pem, (await issueCrl({ issuer: root, ...past })).pem];
  sets.notYetValid = [(await issueCrl({ issuer: inter, ...future })).pem, rootCrl.pem];
  // Another kit's CRLs: the same CA names, other keys (the AKI tells them apart).
  sets.otherKit = [text(other, "client-intermediate.crl"), text(other, "client-ca.crl")];
  for (const [name, crls] of Object.entries(sets)) writeFileSync(path(`${name}.pem`), crls.join(""));
}, 60_000);

async function opensslFirst(client: string, set: string, all: boolean): Promise<string | null> {
  const args = ["verify", all ? "-crl_check_all" : "-crl_check", "-purpose", "sslclient", "-CAfile", path("client-ca.crt"), "-untrusted", path("client-intermediate.crt"), "-CRLfile", path(`${set}.pem`), path(`${client}.crt`)];
  const result = await run("openssl", args, { timeoutMs: 30_000 });
  const match = /error (\d+) at \d+ depth lookup/.exec(result.stdout + result.stderr);
  if (match) return codeFromNumber(Number(match[1])) ?? `#${match[1]}`;
  return result.code === 0 ? null : `unparsed: ${result.stdout}${result.stderr}`;
}

/** Node's authorizationError (the last error) for a client, with the CRLs as separate entries. */
async function nodeLast(client: string, set: string): Promise<string | null> {
  const server = createServer({ key: text(kit, "server.key"), cert: text(kit, "server-chain.crt"), ca: text(kit, "client-ca.crt"), crl: sets[set], requestCert: true, rejectUnauthorized: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const verdict = new Promise<string | null>((resolve) => server.on("secureConnection", (socket: TLSSocket) => resolve(socket.authorizationError ? String(socket.authorizationError) : null)));
  const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca: text(kit, "server-ca.crt"), cert: text(kit, `${client}-chain.crt`), key: text(kit, `${client}.key`) });
  socket.on("error", () => {});
  const result = await verdict;
  socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  return result;
}

async function ours(client: string, set: string, crlCheck: "leaf" | "all") {
  return verifyChain({ leaf: text(kit, `${client}-chain.crt`), trustAnchors: text(kit, "client-ca.crt"), crls: sets[set], crlCheck, purpose: "client" });
}

const cases: { client: string; set: string; expected: string | null }[] = [
  { client: "bob", set: "fresh", expected: null },
  { client: "bob", set: "revoked", expected: null },
  { client: "alice", set: "revoked", expected: "CERT_REVOKED" },
  { client: "bob", set: "leafCaOnly", expected: "UNABLE_TO_GET_CRL" },
  { client: "bob", set: "expired", expected: "CRL_HAS_EXPIRED" },
  { client: "bob", set: "notYetValid", expected: "CRL_NOT_YET_VALID" },
  { client: "bob", set: "otherKit", expected: "UNABLE_TO_GET_CRL" },
];

describe("verifyChain with CRLs (crlCheck all) equals openssl verify -crl_check_all and Node's crl option", () => {
  for (const c of cases) {
    it(`${c.client} with ${c.set}: ${c.expected ?? "valid"}`, async () => {
      const result = await ours(c.client, c.set, "all");
      expect(result.firstError).toBe(c.expected);
      expect(result.firstError).toBe(await opensslFirst(c.client, c.set, true));
      expect(result.lastError).toBe(await nodeLast(c.client, c.set));
      expect(result.valid).toBe(c.expected === null);
    });
  }
});

describe("crlCheck leaf equals openssl verify -crl_check", () => {
  for (const c of cases) {
    it(`${c.client} with ${c.set}`, async () => {
      const result = await ours(c.client, c.set, "leaf");
      expect(result.firstError).toBe(await opensslFirst(c.client, c.set, false));
    });
  }

  it("says what is wrong with bad CRL input", async () => {
    await expect(verifyChain({ leaf: text(kit, "bob.crt"), trustAnchors: text(kit, "client-ca.crt"), crls: "garbage" })).rejects.toThrow(/crls: no PEM CRL found/);
    await expect(verifyChain({ leaf: text(kit, "bob.crt"), trustAnchors: text(kit, "client-ca.crt"), crlCheck: "leaf" })).rejects.toThrow(/crlCheck: give the CRLs/);
  });
});
