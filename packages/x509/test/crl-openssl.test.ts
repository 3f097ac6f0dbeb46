/**
 * CRLs made by issueCrl and by generateKit({ crl: true }), judged by `openssl crl` and
 * `openssl verify -crl_check_all` (what nginx, HAProxy, Apache and Node's `crl` option do: every certificate
 * of the chain is checked).
 */
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { webcrypto } from "node:crypto";
import { run, tempDir } from "@mtls-lab/peers";
import { codeFromNumber, generateKit, issueCrl, serialOf, type Kit } from "../src/index.js";

const dir = tempDir("mtls-lab-crl-openssl-");
afterAll(() => dir.cleanup());

function writeKit(kit: Kit, name: string): (file: string) => string {
  const base = join(dir.path, name);
  for (const f of kit.files) {
    const path = join(dir.path, `${name}-${f.name}`);
    writeFileSync(path, f.contents);
  }
  return (file: string) => `${base}-${file}`;
}

const text = (kit: Kit, name: string) => kit.files.find((f) => f.name === name)!.contents as string;

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
  return webcrypto.subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve: "P-256" }, true, ["sign"]);
}

/** `openssl verify -crl_check_all` and its first error, as a Node-style code (null when valid). */
async function opensslVerify(at: (f: string) => string, leaf: string, crls: string[], intermediate = false): Promise<string | null> {
  const args = ["verify", "-crl_check_all", "-purpose", "sslclient", "-CAfile", at("client-ca.crt")];
  if (intermediate) args.push("-untrusted", at("client-intermediate.crt"));
  for (const crl of crls) args.push("-CRLfile", crl);
  args.push(at(leaf));
  const result = await run("openssl", args, { timeoutMs: 30_000 });
  const match = /error (\d+) at \d+ depth lookup/.exec(result.stdout + result.stderr);
  if (match) return codeFromNumber(Number(match[1])) ?? `#${match[1]}`;
  return result.code === 0 ? null : `unparsed: ${result.stderr}`;
}

describe("issueCrl", () => {
  it("writes a v2 CRL with AKI, CRL number and reason codes that openssl reads", async () => {
    const kit = await generateKit({ clients: ["alice", "bob"] });
    const at = writeKit(kit, "plain");
    const crl = await issueCrl({
      issuer: { certificate: text(kit, "client-ca.crt"), privateKey: await importKey(text(kit, "client-ca.key")) },
      entries: [{ serialNumber: serialOf(text(kit, "alice.crt")), reason: "keyCompromise" }],
      crlNumber: 7,
    });
    writeFileSync(at("revoked.crl"), crl.pem);
    const shown = await run("openssl", ["crl", "-in", at("revoked.crl"), "-noout", "-text"], { timeoutMs: 30_000 });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/Version 2/);
    expect(shown.stdout).toMatch(/CRL Number:\s*\n\s*7/);
    expect(shown.stdout).toMatch(/Authority Key Identifier/);
    expect(shown.stdout).toContain(serialOf(text(kit, "alice.crt")).toUpperCase());
    expect(shown.stdout).toMatch(/Key Compromise/);
    const verified = await run("openssl", ["crl", "-in", at("revoked.crl"), "-noout", "-CAfile", at("client-ca.crt")], { timeoutMs: 30_000 });
    expect(verified.stderr + verified.stdout).toMatch(/verify OK/);

    expect(await opensslVerify(at, "alice.crt", [at("revoked.crl")])).toBe("CERT_REVOKED");
    expect(await opensslVerify(at, "bob.crt", [at("revoked.crl")])).toBeNull();
  });

  it("an expired CRL (nextUpdate in the past) fails every client with CRL_HAS_EXPIRED", async () => {
    const kit = await generateKit({ clients: ["bob"] });
    const at = writeKit(kit, "expired");
    const crl = await issueCrl({
      issuer: { certificate: text(kit, "client-ca.crt"), privateKey: await importKey(text(kit, "client-ca.key")) },
      thisUpdate: new Date(Date.now() - 3 * 86_400_000),
      nextUpdate: new Date(Date.now() - 86_400_000),
    });
    writeFileSync(at("expired.crl"), crl.pem);
    expect(await opensslVerify(at, "bob.crt", [at("expired.crl")])).toBe("CRL_HAS_EXPIRED");
  });

  it("names the bad field", async () => {
    const kit = await generateKit();
    const issuer = { certificate: text(kit, "client-ca.crt"), privateKey: await importKey(text(kit, "client-ca.key")) };
    await expect(issueCrl({ issuer, entries: [{ serialNumber: "zz" }] })).rejects.toThrow(/entries\[0\]\.serialNumber/);
    await expect(issueCrl({ issuer, entries: [{ serialNumber: "01", reason: "lost" as never }] })).rejects.toThrow(/entries\[0\]\.reason/);
    await expect(issueCrl({ issuer, crlNumber: -1 })).rejects.toThrow(/crlNumber/);
  });
});

describe("generateKit({ crl: true })", () => {
  it("writes the client CAs' CRLs and their concatenation, which openssl accepts for every client", async () => {
    const kit = await generateKit({ crl: true, intermediate: true, clients: ["alice"] });
    const names = kit.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["client-ca.crl", "client-intermediate.crl", "client-crls.pem"]));
    const at = writeKit(kit, "kit");
    expect(await opensslVerify(at, "alice.crt", [at("client-crls.pem")], true)).toBeNull();
    // Only the leaf's CA's CRL, with every certificate of the chain checked: nobody gets in.
    expect(await opensslVerify(at, "alice.crt", [at("client-intermediate.crl")], true)).toBe("UNABLE_TO_GET_CRL");
  });
});
