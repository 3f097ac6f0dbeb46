import { describe, expect, it } from "vitest";
import { diagnose, lint, verifyChain, VerifyInputError } from "../src/index.js";
import { buildPki } from "./verify-fixtures.js";

/** Deterministic pseudo-random numbers, so a failure replays. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe("bad input never crashes verify, diagnose or lint", () => {
  it("damaged DER: every outcome is a result or a VerifyInputError naming the argument", async () => {
    const pki = await buildPki();
    const next = random(42);
    const outcomes = { result: 0, inputError: 0 };
    for (let i = 0; i < 300; i++) {
      const der = pki.client.der.slice();
      const mode = i % 3;
      let damaged: Uint8Array;
      if (mode === 0) {
        const at = Math.floor(next() * der.length);
        der[at] = der[at]! ^ (1 + Math.floor(next() * 255));
        damaged = der;
      } else if (mode === 1) damaged = der.subarray(0, Math.floor(next() * der.length));
      else damaged = Uint8Array.from({ length: 1 + Math.floor(next() * 400) }, () => Math.floor(next() * 256));
      try {
        const result = await verifyChain({ leaf: damaged, intermediates: pki.intermediate.der, trustAnchors: pki.root.der });
        expect(typeof result.valid).toBe("boolean");
        outcomes.result += 1;
      } catch (error) {
        expect(error).toBeInstanceOf(VerifyInputError);
        expect((error as Error).message).toMatch(/^leaf: /);
        expect((error as Error).message).not.toContain("\n");
        outcomes.inputError += 1;
      }
      try {
        lint(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(VerifyInputError);
      }
    }
    // Both kinds happen: some flips keep the DER readable (and then fail verification), others do not.
    expect(outcomes.result).toBeGreaterThan(0);
    expect(outcomes.inputError).toBeGreaterThan(0);
  });

  it("wrong types and shapes get one line, not a TypeError", async () => {
    const pki = await buildPki();
    await expect(verifyChain(undefined as never)).rejects.toThrow(VerifyInputError);
    await expect(verifyChain({ leaf: 42 as never, trustAnchors: pki.root.pem })).rejects.toThrow(/leaf: /);
    await expect(verifyChain({ leaf: pki.client.pem, trustAnchors: pki.root.pem, purpose: "email" as never })).rejects.toThrow(/purpose: expected "server" or "client"/);
    await expect(verifyChain({ leaf: pki.client.pem, trustAnchors: "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n" })).rejects.toThrow(/trustAnchors: /);
    await expect(diagnose({ serverChain: pki.client.pem, serverTrustsForClients: pki.root.pem, verifyClient: "maybe" as never })).rejects.toThrow(/verifyClient: expected on, optional or optional_no_ca/);
    expect(() => lint({ files: [] } as never)).toThrow(/kit: no certificate files found/);
  });
});
