import { describe, expect, it } from "vitest";
import { verifyChain, VerifyInputError } from "../src/verify/index.js";
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
    await expect(verifyChain({ leaf: new Uint8Array([0x30, 0x82, 0x01]), trustAnchors: pki.root.pem })).rejects.toBeInstanceOf(VerifyInputError);
    await expect(verifyChain({ leaf: pki.client.pem, trustAnchors: pki.root.pem, at: "yesterday" })).rejects.toThrow(/at: not a valid date/);
  });
});
