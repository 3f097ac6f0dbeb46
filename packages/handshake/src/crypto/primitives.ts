/**
 * The key schedule pieces needed to read a captured handshake, on WebCrypto so they run in browsers:
 * HMAC, HKDF-Expand-Label (RFC 8446 7.1), the TLS 1.2 PRF (RFC 5246 5).
 */
export type HashName = "SHA-256" | "SHA-384";

const encoder = new TextEncoder();

function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.slice() as Uint8Array<ArrayBuffer>;
}

/** Hash length in bytes. */
export function hashLength(hash: HashName): number {
  return hash === "SHA-384" ? 48 : 32;
}

export async function digest(hash: HashName, data: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(hash, buffer(data)));
}

export async function hmac(hash: HashName, key: Uint8Array, data: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const imported = await crypto.subtle.importKey("raw", buffer(key), { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", imported, buffer(data)));
}

/** Concatenation of byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** RFC 5869 2.3 HKDF-Expand, with HMAC done by WebCrypto. */
async function hkdfExpand(hash: HashName, secret: Uint8Array, info: Uint8Array, length: number, crypto: Crypto): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  let previous: Uint8Array = new Uint8Array(0);
  let total = 0;
  for (let counter = 1; total < length; counter++) {
    previous = await hmac(hash, secret, concat(previous, info, new Uint8Array([counter])), crypto);
    out.push(previous);
    total += previous.length;
  }
  return concat(...out).subarray(0, length);
}

/** RFC 8446 7.1: HKDF-Expand-Label(Secret, Label, Context, Length) with the "tls13 " prefix. */
export async function hkdfExpandLabel(
  hash: HashName,
  secret: Uint8Array,
  label: string,
  context: Uint8Array,
  length: number,
  crypto: Crypto,
): Promise<Uint8Array> {
  const fullLabel = encoder.encode(`tls13 ${label}`);
  const info = concat(new Uint8Array([length >> 8, length & 0xff, fullLabel.length]), fullLabel, new Uint8Array([context.length]), context);
  return hkdfExpand(hash, secret, info, length, crypto);
}

/** RFC 5246 5: PRF(secret, label, seed) = P_hash(secret, label + seed), cut to `length`. */
export async function tls12Prf(hash: HashName, secret: Uint8Array, label: string, seed: Uint8Array, length: number, crypto: Crypto): Promise<Uint8Array> {
  const labelSeed = concat(encoder.encode(label), seed);
  const out: Uint8Array[] = [];
  let a = labelSeed;
  let total = 0;
  while (total < length) {
    a = await hmac(hash, secret, a, crypto);
    const block = await hmac(hash, secret, concat(a, labelSeed), crypto);
    out.push(block);
    total += block.length;
  }
  return concat(...out).subarray(0, length);
}

/** Constant-time-irrelevant equality (we compare public transcript values, not secrets under attack). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Hex to bytes for values this package produced itself (already validated). */
export function fromHexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
