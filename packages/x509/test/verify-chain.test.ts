import { describe, expect, it } from "vitest";
import { X509Error, VerifyInputError } from "../src/index.js";
import { verifyChain } from "../src/verify/index.js";
import { buildPki } from "./verify-fixtures.js";

describe("verifyChain", () => {
  it("accepts a valid three-deep chain in any order, with extras", async () => {
    const pki = await buildPki();
    const result = await verifyChain({ leaf: pki.client.pem, intermediates: [pki.other.pem, pki.intermediate.pem], trustAnchors: pki.root.pem, purpose: "client" });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.path).toEqual(["CN=client,O=mTLS Lab Test", "CN=Test Intermediate,O=mTLS Lab Test", "CN=Test Root,O=mTLS Lab Test"]);
  });

  it("reports first and last errors for a leaf sent without its intermediate", async () => {
    const pki = await buildPki();
    const result = await verifyChain({ leaf: pki.client.pem, trustAnchors: pki.root.pem });
    expect(result.firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(result.lastError).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
  });

  it("gives clear errors for bad input", async () => {
    const pki = await buildPki();
    await expect(verifyChain({ leaf: "garbage", trustAnchors: pki.root.pem })).rejects.toThrow(/leaf: no PEM certificate found/);
    await expect(verifyChain({ leaf: pki.clientKeyPem, trustAnchors: pki.root.pem })).rejects.toThrow(/leaf: found a PRIVATE KEY where a certificate belongs/);
    await expect(verifyChain({ leaf: pki.client.pem, trustAnchors: [] })).rejects.toThrow(/trustAnchors: empty trust store/);
    // One error type: X509Error with code BAD_INPUT (VerifyInputError, the former name, is an X509Error too).
    const damaged = verifyChain({ leaf: new Uint8Array([0x30, 0x82, 0x01]), trustAnchors: pki.root.pem });
    await expect(damaged).rejects.toBeInstanceOf(X509Error);
    await expect(damaged).rejects.toBeInstanceOf(VerifyInputError);
    await expect(damaged).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringMatching(/^leaf: not a certificate \(/) });
    await expect(verifyChain({ leaf: pki.client.pem, trustAnchors: pki.root.pem, at: "yesterday" })).rejects.toThrow(/at: not a valid date/);
  });
});

describe("verifyChain inputs and semantics", () => {
  it("takes DER, a leaf file holding its chain, and lists", async () => {
    const pki = await buildPki();
    const bundle = pki.client.pem + pki.intermediate.pem;
    expect((await verifyChain({ leaf: bundle, trustAnchors: pki.root.pem })).valid).toBe(true);
    expect((await verifyChain({ leaf: pki.client.der, intermediates: [pki.intermediate.der], trustAnchors: [pki.other.der, pki.root.der] })).valid).toBe(true);
    expect((await verifyChain({ leaf: new TextEncoder().encode(bundle), trustAnchors: new TextEncoder().encode(pki.root.pem) })).valid).toBe(true);
  });

  it("checks the purpose: a client certificate is not a server certificate", async () => {
    const pki = await buildPki();
    const result = await verifyChain({ leaf: pki.client.pem, intermediates: pki.intermediate.pem, trustAnchors: pki.root.pem, purpose: "server" });
    expect(result.errors).toEqual([{ code: "INVALID_PURPOSE", depth: 0, message: "unsuitable certificate purpose" }]);
  });

  it("reports dates at the `at` time, leaf and intermediate", async () => {
    const pki = await buildPki();
    const later = await verifyChain({ leaf: pki.client.pem, intermediates: pki.intermediate.pem, trustAnchors: pki.root.pem, at: new Date(Date.now() + 500 * 86_400_000) });
    expect(later.errors.map((e) => [e.code, e.depth])).toEqual([["CERT_HAS_EXPIRED", 0]]);
    const muchLater = await verifyChain({ leaf: pki.client.pem, intermediates: pki.intermediate.pem, trustAnchors: pki.root.pem, at: "2090-01-01T00:00:00Z" });
    expect(muchLater.errors.map((e) => [e.code, e.depth])).toEqual([["CERT_HAS_EXPIRED", 2], ["CERT_HAS_EXPIRED", 1], ["CERT_HAS_EXPIRED", 0]]);
    expect(muchLater.firstError).toBe("CERT_HAS_EXPIRED");
  });

  it("keeps the host check after the chain, as Node does", async () => {
    const pki = await buildPki();
    const result = await verifyChain({ leaf: pki.client.pem, intermediates: pki.intermediate.pem, trustAnchors: pki.other.pem, purpose: "server", host: "evil.test" });
    expect(result.firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(result.lastError).toBe("INVALID_PURPOSE");
    expect(result.errors.at(-1)).toMatchObject({ code: "ERR_TLS_CERT_ALTNAME_INVALID", message: "Hostname/IP does not match certificate's altnames: Host: evil.test. is not cert's CN: client" });
  });
});

describe("verifyChain security levels", () => {
  it("refuses an RSA-1024 leaf at level 2 (nginx, curl) and accepts it at level 1 (Node)", async () => {
    const pki = await buildPki();
    const { issueCertificate } = await import("../src/index.js");
    const weak = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
    const leaf = await issueCertificate({ profile: "client", subject: "CN=weak", publicKey: weak.publicKey, issuer: { certificate: pki.intermediate.der, privateKey: pki.intermediateKey.privateKey } });
    const input = { leaf: leaf.pem, intermediates: pki.intermediate.pem, trustAnchors: pki.root.pem };
    expect((await verifyChain({ ...input, securityLevel: 1 })).valid).toBe(true);
    expect((await verifyChain(input)).valid).toBe(true);
    const strict = await verifyChain({ ...input, securityLevel: 2 });
    expect(strict.errors).toEqual([{ code: "EE_KEY_TOO_SMALL", depth: 0, message: "EE certificate key too weak" }]);
  });
});
