/**
 * RC2 against RFC 2268 section 5 (every vector: the same key with 63, 64 and 128 effective bits gives different
 * ciphertexts, so the effective-length step is exercised) and against OpenSSL's rc2-40-cbc and rc2-cbc from its
 * legacy provider, with padding.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { rc2CbcDecrypt, rc2DecryptBlock, rc2EncryptBlock, rc2ExpandKey } from "../src/generate/rc2.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => new Uint8Array(Buffer.from(text, "hex"));

// RFC 2268 section 5: key, effective key bits, plaintext, ciphertext.
const VECTORS = [
  ["0000000000000000", 63, "0000000000000000", "ebb773f993278eff"],
  ["ffffffffffffffff", 64, "ffffffffffffffff", "278b27e42e2f0d49"],
  ["3000000000000000", 64, "1000000000000001", "30649edf9be7d2c2"],
  ["88", 64, "0000000000000000", "61a8a244adacccf0"],
  ["88bca90e90875a", 64, "0000000000000000", "6ccf4308974c267f"],
  ["88bca90e90875a7f0f79c384627bafb2", 64, "0000000000000000", "1a807d272bbe5db1"],
  ["88bca90e90875a7f0f79c384627bafb2", 128, "0000000000000000", "2269552ab0f85ca6"],
  ["88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e", 129, "0000000000000000", "5b78d3a43dfff1f1"],
] as const;

const dir = tempDir("mtls-lab-rc2-");
afterAll(() => dir.cleanup());

describe("RC2 (RFC 2268)", () => {
  for (const [key, bits, plain, cipher] of VECTORS) {
    it(`key ${key.slice(0, 16)}${key.length > 16 ? "..." : ""}, ${bits} effective bits`, () => {
      const k = rc2ExpandKey(bytes(key), bits);
      const block = bytes(plain);
      rc2EncryptBlock(k, block);
      expect(hex(block)).toBe(cipher);
      rc2DecryptBlock(k, block);
      expect(hex(block)).toBe(plain);
    });
  }

  for (const [cipher, keyLength] of [["rc2-40-cbc", 5], ["rc2-cbc", 16]] as const) {
    it(`CBC with PKCS#7 padding decrypts what openssl enc -${cipher} encrypted`, async () => {
      for (const length of [0, 7, 8, 100]) {
        const key = randomBytes(keyLength);
        const iv = randomBytes(8);
        const plain = randomBytes(length);
        const input = join(dir.path, `plain-${cipher}-${length}`);
        writeFileSync(input, plain);
        const result = await run("sh", ["-c", `openssl enc -${cipher} -provider legacy -provider default -K ${key.toString("hex")} -iv ${iv.toString("hex")} -in ${input} | od -An -v -tx1`]);
        expect(result.code, result.stderr).toBe(0);
        const encrypted = bytes(result.stdout.replace(/\s/g, ""));
        expect(hex(rc2CbcDecrypt(encrypted, key, keyLength * 8, iv))).toBe(plain.toString("hex"));
      }
    });
  }

  it("refuses bad lengths and a wrong key by its padding", () => {
    expect(() => rc2CbcDecrypt(new Uint8Array(7), new Uint8Array(5), 40, new Uint8Array(8))).toThrow(/not a whole number of 8-byte blocks/);
    expect(() => rc2ExpandKey(new Uint8Array(0), 40)).toThrow(/key length 0/);
    expect(() => rc2ExpandKey(new Uint8Array(5), 0)).toThrow(/effective key length 0/);
    // This block decrypts (all-zero key and IV) to bytes whose last is not a valid PKCS#7 pad run.
    expect(() => rc2CbcDecrypt(bytes("0102030405060708"), new Uint8Array(5), 40, new Uint8Array(8))).toThrow(/bad padding/);
  });
});
