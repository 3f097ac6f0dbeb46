import { describe, expect, it } from "vitest";
import { forgetKeys, keptKeyType, reusingCrypto } from "./key-pool";

const ec = { name: "ECDSA", namedCurve: "P-256" } as const;
const spki = async (crypto: Crypto, key: CryptoKey) => Buffer.from(await crypto.subtle.exportKey("spki", key)).toString("hex");

describe("key pool", () => {
  it("hands out the same key pairs, in order, while the key type stays; new ones for a new type or after forgetKeys", async () => {
    forgetKeys();
    const first = reusingCrypto("ec-p256");
    const a = (await first.crypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair;
    const b = (await first.crypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair;
    expect(first.reused()).toBe(false);
    const again = reusingCrypto("ec-p256");
    const a2 = (await again.crypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair;
    const b2 = (await again.crypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair;
    const c2 = (await again.crypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair;
    expect(again.reused()).toBe(true);
    expect([a2, b2]).toEqual([a, b]);
    expect(c2).not.toBe(a);
    // Other subtle operations go to the real implementation.
    expect(await spki(again.crypto, a2.publicKey)).toBe(await spki(globalThis.crypto, a.publicKey));
    const other = reusingCrypto("ec-p384");
    const p384 = (await other.crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, ["sign", "verify"])) as CryptoKeyPair;
    expect(other.reused()).toBe(false);
    expect(p384).not.toBe(a);
    forgetKeys();
    const fresh = reusingCrypto("ec-p256");
    expect(await fresh.crypto.subtle.generateKey(ec, true, ["sign", "verify"])).not.toBe(a);
    expect(fresh.reused()).toBe(false);
  });

  it("passes symmetric keys through without keeping them", async () => {
    forgetKeys();
    const { crypto, reused } = reusingCrypto("ec-p256");
    const k1 = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]);
    const k2 = await crypto.subtle.generateKey({ name: "AES-GCM", length: 128 }, true, ["encrypt"]);
    expect(k1).not.toBe(k2);
    expect(reused()).toBe(false);
  });

  it("tells a listener of each key pair, kept or made, in order", async () => {
    forgetKeys();
    expect(keptKeyType()).toBeNull();
    const events: { index: number; reused: boolean }[] = [];
    const first = reusingCrypto("ec-p256", globalThis.crypto, ({ index, reused }) => events.push({ index, reused }));
    await first.crypto.subtle.generateKey(ec, true, ["sign", "verify"]);
    await first.crypto.subtle.generateKey(ec, true, ["sign", "verify"]);
    const again = reusingCrypto("ec-p256", globalThis.crypto, ({ index, reused }) => events.push({ index, reused }));
    await again.crypto.subtle.generateKey(ec, true, ["sign", "verify"]);
    expect(events).toEqual([
      { index: 0, reused: false },
      { index: 1, reused: false },
      { index: 0, reused: true },
    ]);
    expect(keptKeyType()).toBe("ec-p256");
    expect(first.keyMs()).toBeGreaterThan(0);
    expect(again.keyMs()).toBe(0);
  });
});
