/**
 * createPkcs12 on its own: the structure OpenSSL 3 reports (PBES2 key bag, SHA-256 MAC, iterations,
 * friendlyName and matching localKeyID on key and certificate), non-ASCII passwords, and clear errors.
 */
import { X509Certificate } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { has, run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPkcs12, generateKeyPair, generateKit, issueCertificate, type IssuedCertificate } from "../src/index.js";

const temp = tempDir("mtls-lab-p12-");
afterAll(() => temp.cleanup());
let counter = 0;
function save(bytes: Uint8Array): string {
  const path = join(temp.path, `f${counter++}.p12`);
  writeFileSync(path, bytes);
  return path;
}

describe("createPkcs12", () => {
  let keys: CryptoKeyPair;
  let leaf: IssuedCertificate;
  let intermediate: IssuedCertificate;

  beforeAll(async () => {
    const rootKeys = await generateKeyPair("ec-p256");
    const root = await issueCertificate({ profile: "root", subject: "CN=P12 Root", publicKey: rootKeys.publicKey, signingKey: rootKeys.privateKey });
    const intKeys = await generateKeyPair("ec-p256");
    intermediate = await issueCertificate({ profile: "intermediate", subject: "CN=P12 Int", publicKey: intKeys.publicKey, issuer: { certificate: root.der, privateKey: rootKeys.privateKey } });
    keys = await generateKeyPair("ec-p256");
    leaf = await issueCertificate({ profile: "client", subject: "CN=carol,O=mTLS Lab", publicKey: keys.publicKey, issuer: { certificate: intermediate.der, privateKey: intKeys.privateKey } });
  });

  it("writes what OpenSSL 3 writes by default: PBES2/PBKDF2/AES-256-CBC key bag, SHA-256 MAC, paired bag attributes", async () => {
    const p12 = save(await createPkcs12({ key: keys.privateKey, certificate: leaf.der, chain: [intermediate.pem], password: "pw-1", iterations: 4096 }));
    const info = await run("openssl", ["pkcs12", "-info", "-in", p12, "-passin", "pass:pw-1", "-nodes"]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stderr).toContain("MAC: sha256, Iteration 4096");
    expect(info.stderr).toContain("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration 4096, PRF hmacWithSHA256");
    // friendlyName defaults to the certificate's CN; the key and the leaf share one localKeyID.
    const ids = [...info.stdout.matchAll(/localKeyID: ([0-9A-F ]+)/g)].map((m) => m[1]?.trim());
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    const sha1 = new X509Certificate(leaf.pem).fingerprint.replace(/:/g, " ");
    expect(ids[0]).toBe(sha1);
    expect(info.stdout.match(/friendlyName: carol/g)).toHaveLength(2);
  });

  it("accepts a non-ASCII password (UTF-8 for PBES2, BMPString for the MAC, as OpenSSL 3 does)", async () => {
    const password = "pässwörd-€";
    const p12 = save(await createPkcs12({ key: keys.privateKey, certificate: leaf.certificate, password, friendlyName: "carol's key" }));
    const ok = await run("openssl", ["pkcs12", "-in", p12, "-passin", `pass:${password}`, "-nodes", "-info"]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("-----BEGIN PRIVATE KEY-----");
    expect(ok.stdout).toContain("friendlyName: carol's key");
    const wrong = await run("openssl", ["pkcs12", "-in", p12, "-passin", "pass:passwort", "-nodes"]);
    expect(wrong.code).not.toBe(0);
  });

  it.skipIf(!has("keytool"))("keytool 17 refuses any non-ASCII password (why generateKit insists on ASCII)", async () => {
    const password = "pässwörd-€";
    const p12 = save(await createPkcs12({ key: keys.privateKey, certificate: leaf.der, chain: [intermediate.der], password }));
    const list = await run("keytool", ["-list", "-storetype", "PKCS12", "-keystore", p12, "-storepass", password], { timeoutMs: 90_000 });
    expect(list.code).not.toBe(0);
    expect(list.stdout + list.stderr).toContain("Password is not ASCII");
    await expect(generateKit({ p12Password: password })).rejects.toThrow(/^Bad p12Password: .*ASCII/);
  }, 120_000);

  it("refuses bad input with one clear line", async () => {
    await expect(createPkcs12({ key: keys.privateKey, certificate: leaf.der, password: "" })).rejects.toThrow(/^Bad password: /);
    await expect(createPkcs12({ key: keys.publicKey, certificate: leaf.der, password: "x" })).rejects.toThrow(/^Bad key: /);
    await expect(createPkcs12({ key: keys.privateKey, certificate: new Uint8Array([1, 2, 3]), password: "x" })).rejects.toThrow(/^Bad certificate: /);
    await expect(createPkcs12({ key: keys.privateKey, certificate: leaf.der, chain: ["junk"], password: "x" })).rejects.toThrow(/^Bad chain\[0\]: /);
  });
});
