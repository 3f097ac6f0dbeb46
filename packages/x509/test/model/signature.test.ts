/**
 * The one signature verifier: a verdict where WebCrypto can check, "unsupported signature algorithm" where it
 * cannot, never a wrong verdict. openssl, which has SHA-224, confirms the unsupported one is a good signature.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CertificateInfo, UNSUPPORTED_SIGNATURE_ALGORITHM, decode, parseCertificate, verifySignature } from "../../src/index.js";
import * as c from "../fixtures/model/craft.mjs";

const dir = mkdtempSync(join(tmpdir(), "x509-sig-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("verifySignature", () => {
  it("ECDSA P-256 with SHA-256: valid, and invalid once one TBS byte changes", async () => {
    const cert = parseCertificate(c.craftCertificate({}));
    expect(await verifySignature(cert.signatureAlgorithm, cert.publicKey, cert.tbs, cert.signature, crypto)).toEqual({ status: "valid" });
    const tampered = Uint8Array.from(cert.tbs);
    tampered[cert.ranges.notBefore.start + 4 - cert.ranges.tbs.start] ^= 1;
    expect((await verifySignature(cert.signatureAlgorithm, cert.publicKey, tampered, cert.signature, crypto)).status).toBe("invalid");
  });

  it("ecdsa-with-SHA224 (no SHA-224 in WebCrypto): unsupported, though openssl verifies it", async () => {
    const der = c.craftCertificate({ algorithm: { oid: "1.2.840.10045.4.3.1", hash: "sha224" } });
    const file = join(dir, "sha224.pem");
    writeFileSync(file, c.pem(der));
    expect(execFileSync("openssl", ["verify", "-CAfile", file, "-check_ss_sig", file]).toString()).toContain(": OK");
    const cert = parseCertificate(der);
    const check = await verifySignature(cert.signatureAlgorithm, cert.publicKey, cert.tbs, cert.signature, crypto);
    expect(check.status).toBe("unsupported");
    expect(check.status === "unsupported" && check.reason).toMatch(new RegExp(`^${UNSUPPORTED_SIGNATURE_ALGORITHM}: `));
    // decode does not call it forged: self-signed by OpenSSL's own test (names, AKI, key type).
    const { items } = await decode(der);
    expect((items[0] as CertificateInfo).selfSigned).toBe(true);
  });

  it("an unknown signature OID and a key of the wrong family", async () => {
    const cert = parseCertificate(c.craftCertificate({}));
    const unknown = { ...cert.signatureAlgorithm, oid: "1.2.3.4", name: "1.2.3.4" };
    expect((await verifySignature(unknown, cert.publicKey, cert.tbs, cert.signature, crypto)).status).toBe("unsupported");
    const rsa = { ...cert.signatureAlgorithm, oid: "1.2.840.113549.1.1.11", name: "sha256WithRSAEncryption" };
    const mismatch = await verifySignature(rsa, cert.publicKey, cert.tbs, cert.signature, crypto);
    expect(mismatch.status).toBe("invalid");
    expect(mismatch.status === "invalid" && mismatch.reason).toMatch(/algorithm mismatch/);
  });
});
