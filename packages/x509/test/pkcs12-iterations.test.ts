/**
 * PKCS#12 iteration counts (issue 16): read as the full INTEGER (asn1js read 10 M and 100 M as 0, so the right
 * password got "wrong password"), and one limit for MAC and PBKDF2 counts with a clear message and an option
 * to raise it. Files made by OpenSSL; the 10 M and 100 M MAC counts are written into them (running that many
 * iterations to make them would take minutes, and the limit refuses them before any derivation).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MaxPkcs12Iterations, decode } from "../src/index.js";
import { integerValue } from "../src/decode/pkcs12-iterations.js";

const temp = tempDir("mtls-lab-p12-iter-");
afterAll(() => temp.cleanup());

/** DER length octets (X.690 8.1.3). */
function lengthBytes(length: number): number[] {
  if (length < 0x80) return [length];
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return [0x80 | bytes.length, ...bytes];
}

function tlv(tag: number, content: Uint8Array): Uint8Array {
  return new Uint8Array([tag, ...lengthBytes(content.length), ...content]);
}

/** The children of the constructed DER element at the start of `der`. */
function children(der: Uint8Array): Uint8Array[] {
  const first = der[1] as number;
  const lengthSize = first < 0x80 ? 1 : 1 + (first & 0x7f);
  let pos = 1 + lengthSize;
  const out: Uint8Array[] = [];
  while (pos < der.length) {
    const b = der[pos + 1] as number;
    const n = b < 0x80 ? 1 : 1 + (b & 0x7f);
    let length = b < 0x80 ? b : 0;
    for (let i = 1; i < n; i += 1) length = length * 256 + (der[pos + 1 + i] as number);
    out.push(der.subarray(pos, pos + 1 + n + length));
    pos += 1 + n + length;
  }
  return out;
}

/** Minimal two's-complement INTEGER content of a positive number. */
function integerContent(value: number): Uint8Array {
  const bytes: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  if (bytes.length === 0 || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return new Uint8Array(bytes);
}

/** The PFX with its MacData's iterations INTEGER set to `count` (RFC 7292 4). */
function withMacIterations(pfx: Uint8Array, count: number): Uint8Array {
  const [version, authSafe, macData] = children(pfx) as [Uint8Array, Uint8Array, Uint8Array];
  const [mac, salt] = children(macData) as [Uint8Array, Uint8Array];
  const newMacData = tlv(0x30, new Uint8Array([...mac, ...salt, ...tlv(0x02, integerContent(count))]));
  return tlv(0x30, new Uint8Array([...version, ...authSafe, ...newMacData]));
}

let macFile: Uint8Array; // MAC 2048, PBKDF2 2048 (OpenSSL 3's defaults)
let pbkdf2File: Uint8Array; // MAC 1 (-nomaciter), PBKDF2 5000

beforeAll(async () => {
  const d = (name: string) => join(temp.path, name);
  const made = await run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", d("k.pem"), "-out", d("c.pem"),
    "-subj", "/CN=iterations", "-days", "30"], { timeoutMs: 30_000 });
  expect(made.code, made.stderr).toBe(0);
  for (const [name, extra] of [["mac.p12", ["-iter", "2048"]], ["pbkdf2.p12", ["-iter", "5000", "-nomaciter"]]] as const) {
    const p12 = await run("openssl", ["pkcs12", "-export", "-inkey", d("k.pem"), "-in", d("c.pem"), "-out", d(name), "-passout", "pass:pw", ...extra], { timeoutMs: 30_000 });
    expect(p12.code, p12.stderr).toBe(0);
  }
  macFile = new Uint8Array(readFileSync(d("mac.p12")));
  pbkdf2File = new Uint8Array(readFileSync(d("pbkdf2.p12")));
});

describe("PKCS#12 iteration counts", () => {
  it("reads INTEGERs of any length", () => {
    expect(integerValue(new Uint8Array([0x00, 0x98, 0x96, 0x80]))).toBe(10_000_000n);
    expect(integerValue(new Uint8Array([0x05, 0xf5, 0xe1, 0x00]))).toBe(100_000_000n);
    expect(integerValue(new Uint8Array([0xff]))).toBe(-1n);
  });

  it("opens OpenSSL's defaults with the right password", async () => {
    const { items } = await decode(macFile, { password: "pw" });
    expect(items[0]?.kind).toBe("pkcs12");
  });

  it.each([10_000_000, 100_000_000])("refuses a MAC iteration count of %i with the limit's message, not 'wrong password'", async (count) => {
    const file = withMacIterations(macFile, count);
    await expect(decode(file, { password: "pw" })).rejects.toThrow(
      `DER object 1: PKCS#12: MAC iteration count ${count} is above the limit of ${MaxPkcs12Iterations}; raise the limit (mtls-lab: --max-iterations) only for a file you trust`,
    );
  });

  it("a MAC iteration count of 0 is malformed", async () => {
    await expect(decode(withMacIterations(macFile, 0), { password: "pw" })).rejects.toThrow("MAC iteration count is 0; it must be at least 1");
  });

  it("applies the same limit to PBKDF2 counts, and the option raises it", async () => {
    await expect(decode(pbkdf2File, { password: "pw", maxIterations: 4096 })).rejects.toThrow(
      /PKCS#12 encrypted certificates: PBKDF2 iteration count 5000 is above the limit of 4096; raise the limit/,
    );
    const { items } = await decode(pbkdf2File, { password: "pw", maxIterations: 5000 });
    expect(items[0]?.kind).toBe("pkcs12");
  });
});
