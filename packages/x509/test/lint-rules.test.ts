import { describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateKeyPair, generateKit, issueCertificate, lint, VerifyInputError } from "../src/index.js";
import { buildPki } from "./verify-fixtures.js";

const DAY = 86_400_000;
const ids = (warnings: { id: string }[]) => warnings.map((w) => w.id).sort();

describe("lint", () => {
  it("flags a hand-made openssl req -x509 certificate: no SAN, CA:TRUE leaf, 9999 days", async () => {
    const dir = tempDir("mtls-lab-lint-");
    try {
      const cert = join(dir.path, "server.crt");
      const result = await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir.path, "server.key"), "-out", cert, "-days", "9999", "-subj", "/O=Acme/CN=localhost"]);
      expect(result.code).toBe(0);
      const warnings = lint(readFileSync(cert, "utf8"));
      expect(ids(warnings)).toEqual(["ca-on-leaf", "cn-only-identity", "leaf-without-eku", "no-san", "validity-over-398-days"]);
      for (const warning of warnings) {
        expect(warning.subject).toBe("CN=localhost,O=Acme");
        expect(warning.fix.length).toBeGreaterThan(10);
        expect(warning.fix).not.toMatch(/rejectUnauthorized|-k\b|verify=False/);
      }
    } finally {
      dir.cleanup();
    }
  });

  it("flags SHA-1 signatures and RSA keys under 2048 bits made by openssl", async () => {
    const dir = tempDir("mtls-lab-lint-");
    try {
      const cert = join(dir.path, "weak.crt");
      const result = await run("openssl", ["req", "-x509", "-newkey", "rsa:1024", "-sha1", "-nodes", "-keyout", join(dir.path, "weak.key"), "-out", cert, "-days", "30", "-subj", "/CN=weak.example", "-addext", "subjectAltName=DNS:weak.example", "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "extendedKeyUsage=serverAuth"]);
      expect(result.code, result.stderr).toBe(0);
      expect(ids(lint(readFileSync(cert, "utf8"), { expiringWithinDays: 0 }))).toEqual(["rsa-under-2048", "sha1-signature"]);
    } finally {
      dir.cleanup();
    }
  });

  it("judges every root of Debian's Mozilla bundle a CA, even those with a SAN or a TLS EKU", () => {
    const bundle = readFileSync("/etc/ssl/certs/ca-certificates.crt", "utf8");
    const onLeaf = lint(bundle, { at: new Date("2026-01-01T00:00:00Z") }).filter((w) => w.id === "ca-on-leaf");
    expect(onLeaf.map((w) => w.subject)).toEqual([]);
  });

  it("finds nothing to say about a freshly generated kit", async () => {
    const kit = await generateKit({ intermediate: true });
    expect(lint(kit)).toEqual([]);
  });

  it("warns about expired, not-yet-valid and soon-expiring certificates", async () => {
    const pki = await buildPki();
    expect(ids(lint(pki.client.pem, { at: new Date(Date.now() + 390 * DAY) }))).toEqual(["expiring-soon"]);
    expect(ids(lint(pki.client.pem, { at: new Date(Date.now() + 400 * DAY) }))).toEqual(["expired"]);
    expect(ids(lint(pki.client.pem, { at: new Date(Date.now() - 2 * DAY) }))).toEqual(["not-yet-valid"]);
  });

  it("warns about a certificate with the same DN as its issuer but another key", async () => {
    const rootKey = await generateKeyPair("ec-p256");
    const root = await issueCertificate({ profile: "root", subject: "CN=Acme,O=Acme", publicKey: rootKey.publicKey, signingKey: rootKey.privateKey });
    const leafKey = await generateKeyPair("ec-p256");
    const leaf = await issueCertificate({ profile: "client", subject: "CN=Acme,O=Acme", publicKey: leafKey.publicKey, issuer: { certificate: root.der, privateKey: rootKey.privateKey } });
    const warnings = lint([leaf.pem, root.pem]);
    expect(warnings.filter((w) => w.id === "same-dn-different-key").length).toBeGreaterThanOrEqual(1);
  });

  it("gives one clear line for bad input", () => {
    expect(() => lint("not a certificate")).toThrow(/input: no PEM certificate found/);
    expect(() => lint("-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB0=\n-----END PRIVATE KEY-----\n")).toThrow(VerifyInputError);
    expect(() => lint(new Uint8Array([1, 2, 3]))).toThrow(/input: not a certificate/);
  });
});
