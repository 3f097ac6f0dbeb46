/**
 * Signatures OpenSSL 3.0 checks and WebCrypto cannot: DSA (FIPS 186-4 4.7), ECDSA (SEC 1 4.1.4) on curves
 * other than P-256/384/521 (P-192, P-224, secp256k1) or with explicit curve parameters, and RSA PKCS#1 v1.5
 * (RFC 8017 8.2.2) or ECDSA over MD5 / SHA-224, in plain BigInt arithmetic so it runs in Node and the browser
 * alike. Only verification, only public data: no constant-time concerns. SHA-1/256/384/512 come from
 * WebCrypto, MD5 and SHA-224 from legacy-digests.ts.
 */
import { type Tlv, readChildren, readTlv } from "../asn1/der.js";
import { readOid } from "../asn1/values.js";
import { SignatureAlgorithms } from "../model/algorithms.js";
import type { ParsedPublicKey } from "../model/types.js";
import type { CryptoProvider } from "../types.js";
import { md5, sha224 } from "./legacy-digests.js";

interface Curve {
  p: bigint;
  a: bigint;
  gx: bigint;
  gy: bigint;
  n: bigint;
}

const h = (hex: string) => BigInt(`0x${hex}`);
/** SEC 2 (v2) domain parameters by curve OID. */
const NamedCurves: Readonly<Record<string, Curve>> = {
  "1.2.840.10045.3.1.7": { p: h("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"), a: h("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"), gx: h("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"), gy: h("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"), n: h("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551") },
  "1.2.840.10045.3.1.1": { p: h("fffffffffffffffffffffffffffffffeffffffffffffffff"), a: h("fffffffffffffffffffffffffffffffefffffffffffffffc"), gx: h("188da80eb03090f67cbf20eb43a18800f4ff0afd82ff1012"), gy: h("07192b95ffc8da78631011ed6b24cdd573f977a11e794811"), n: h("ffffffffffffffffffffffff99def836146bc9b1b4d22831") },
  "1.3.132.0.33": { p: h("ffffffffffffffffffffffffffffffff000000000000000000000001"), a: h("fffffffffffffffffffffffffffffffefffffffffffffffffffffffe"), gx: h("b70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21"), gy: h("bd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34"), n: h("ffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3d") },
  "1.3.132.0.10": { p: h("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"), a: 0n, gx: h("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"), gy: h("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"), n: h("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141") },
};

const toBig = (bytes: Uint8Array) => (bytes.length === 0 ? 0n : BigInt(`0x${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`));
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

function power(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

type Point = [bigint, bigint] | null;
/** Jacobian coordinates (x = X/Z², y = Y/Z³): no inversion per step; null is the point at infinity. */
type Jacobian = [bigint, bigint, bigint] | null;

function double(c: Curve, P: Jacobian): Jacobian {
  if (!P || P[1] === 0n) return null;
  const [X, Y, Z] = P;
  const Y2 = mod(Y * Y, c.p);
  const S = mod(4n * X * Y2, c.p);
  const Z2 = mod(Z * Z, c.p);
  const M = mod(3n * X * X + c.a * Z2 * Z2, c.p);
  const X3 = mod(M * M - 2n * S, c.p);
  return [X3, mod(M * (S - X3) - 8n * Y2 * Y2, c.p), mod(2n * Y * Z, c.p)];
}

function add(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  if (!P) return Q;
  if (!Q) return P;
  const Z1Z1 = mod(P[2] * P[2], c.p);
  const Z2Z2 = mod(Q[2] * Q[2], c.p);
  const U1 = mod(P[0] * Z2Z2, c.p);
  const U2 = mod(Q[0] * Z1Z1, c.p);
  const S1 = mod(P[1] * Z2Z2 * Q[2], c.p);
  const S2 = mod(Q[1] * Z1Z1 * P[2], c.p);
  if (U1 === U2) return S1 === S2 ? double(c, P) : null;
  const H = mod(U2 - U1, c.p);
  const R = mod(S2 - S1, c.p);
  const H2 = mod(H * H, c.p);
  const H3 = mod(H2 * H, c.p);
  const X3 = mod(R * R - H3 - 2n * U1 * H2, c.p);
  return [X3, mod(R * (U1 * H2 - X3) - S1 * H3, c.p), mod(H * P[2] * Q[2], c.p)];
}

function multiply(c: Curve, k: bigint, P: Point): Jacobian {
  if (!P) return null;
  let result: Jacobian = null;
  const base: Jacobian = [P[0], P[1], 1n];
  for (let i = k.toString(2).length - 1; i >= 0; i--) {
    result = double(c, result);
    if ((k >> BigInt(i)) & 1n) result = add(c, result, base);
  }
  return result;
}

function affineX(c: Curve, P: Jacobian): bigint | null {
  if (!P || P[2] === 0n) return null;
  const zInv = inverse(P[2], c.p);
  return mod(P[0] * zInv * zInv, c.p);
}

/** The two INTEGERs of a DER Dss-Sig-Value / ECDSA-Sig-Value. */
function rs(signature: Uint8Array): [bigint, bigint] | null {
  try {
    const seq = readTlv(signature, 0, signature.length);
    const parts = readChildren(signature, seq);
    if (seq.tag !== 0x30 || parts.length !== 2 || parts.some((p) => p.tag !== 0x02)) return null;
    return [toBig(signature.subarray(parts[0]!.start, parts[0]!.end)), toBig(signature.subarray(parts[1]!.start, parts[1]!.end))];
  } catch {
    return null;
  }
}

/** FIPS 186-4 / SEC 1: the leftmost bits of the digest, as many as the group order has. */
function truncated(digest: Uint8Array, order: bigint): bigint {
  const bits = order.toString(2).length;
  const e = toBig(digest);
  const excess = digest.length * 8 - bits;
  return excess > 0 ? e >> BigInt(excess) : e;
}

/** The AlgorithmIdentifier parameters of an SPKI (a TLV into key.der). */
function keyParams(key: ParsedPublicKey): Tlv | undefined {
  const spki = readTlv(key.der, 0, key.der.length);
  const algorithm = readTlv(key.der, spki.start, spki.end);
  const oidTlv = readTlv(key.der, algorithm.start, algorithm.end);
  return oidTlv.end < algorithm.end ? readTlv(key.der, oidTlv.end, algorithm.end) : undefined;
}

function curveOf(key: ParsedPublicKey): Curve | null {
  const params = keyParams(key);
  const bytes = key.der;
  if (!params) return null;
  if (params.tag === 0x06) return NamedCurves[readOid(bytes, params)] ?? null;
  // ECParameters (RFC 3279 2.3.5): version, fieldID { prime-field, p }, curve { a, b }, base, order, cofactor.
  const [, fieldId, curve, base, order] = readChildren(bytes, params);
  if (!fieldId || !curve || !base || !order) return null;
  const field = readChildren(bytes, fieldId);
  const ab = readChildren(bytes, curve);
  const point = bytes.subarray(base.start, base.end);
  if (!field[1] || !ab[0] || point[0] !== 4) return null;
  const size = (point.length - 1) / 2;
  return { p: toBig(bytes.subarray(field[1].start, field[1].end)), a: toBig(bytes.subarray(ab[0].start, ab[0].end)), gx: toBig(point.subarray(1, 1 + size)), gy: toBig(point.subarray(1 + size)), n: toBig(bytes.subarray(order.start, order.end)) };
}

/**
 * Verifies a DSA or ECDSA signature WebCrypto cannot; null when this is not such a case (or its hash is one
 * WebCrypto lacks), so the caller keeps its "unsupported" answer.
 */
export async function verifyLegacySignature(signatureOid: string, key: ParsedPublicKey, signed: Uint8Array, signature: Uint8Array, crypto: CryptoProvider): Promise<boolean | null> {
  const algorithm = SignatureAlgorithms[signatureOid];
  const hash = algorithm?.hash;
  if (!hash || !["MD5", "SHA-1", "SHA-224", "SHA-256", "SHA-384", "SHA-512"].includes(hash)) return null;
  if (algorithm.key !== "DSA" && algorithm.key !== "EC" && algorithm.key !== "RSA") return null;
  try {
    const digest = hash === "MD5" ? md5(signed) : hash === "SHA-224" ? sha224(signed) : new Uint8Array(await crypto.subtle.digest(hash, signed as Uint8Array<ArrayBuffer>));
    if (algorithm.key === "RSA") return key.algorithm === "RSA" ? rsaPkcs1(key, hash, digest, signature) : null;
    const values = rs(signature);
    if (!values) return false;
    const [r, s] = values;
    if (algorithm.key === "DSA") {
      const params = keyParams(key);
      if (!params || params.tag !== 0x30) return null;
      const [p, q, g] = readChildren(key.der, params).map((t) => toBig(key.der.subarray(t.start, t.end)));
      const yTlv = readTlv(key.keyBytes, 0, key.keyBytes.length);
      const y = toBig(key.keyBytes.subarray(yTlv.start, yTlv.end));
      if (!p || !q || !g || r <= 0n || r >= q || s <= 0n || s >= q) return false;
      // dsa_ossl.c: p at most 10000 bits (OPENSSL_DSA_MAX_MODULUS_BITS), q of 160, 224 or 256 bits.
      if (p.toString(2).length > 10000 || ![160, 224, 256].includes(q.toString(2).length)) return false;
      const w = inverse(s, q);
      const u1 = mod(truncated(digest, q) * w, q);
      const u2 = mod(r * w, q);
      return mod((power(g, u1, p) * power(y, u2, p)) % p, q) === r;
    }
    const curve = curveOf(key);
    if (!curve || key.keyBytes[0] !== 4) return null;
    // OPENSSL_ECC_MAX_FIELD_BITS: explicit parameters beyond 661 bits are refused.
    if (curve.p.toString(2).length > 661) return false;
    if (r <= 0n || r >= curve.n || s <= 0n || s >= curve.n) return false;
    const size = (key.keyBytes.length - 1) / 2;
    const Q: Point = [toBig(key.keyBytes.subarray(1, 1 + size)), toBig(key.keyBytes.subarray(1 + size))];
    const w = inverse(s, curve.n);
    const x = affineX(curve, add(curve, multiply(curve, mod(truncated(digest, curve.n) * w, curve.n), [curve.gx, curve.gy]), multiply(curve, mod(r * w, curve.n), Q)));
    return x !== null && mod(x, curve.n) === r;
  } catch {
    return false;
  }
}

/** DigestInfo prefixes (RFC 8017 9.2 note 1) for the digests WebCrypto lacks and SHA-1. */
const DIGEST_INFO: Readonly<Record<string, string>> = {
  MD5: "3020300c06082a864886f70d020505000410",
  "SHA-1": "3021300906052b0e03021a05000414",
  "SHA-224": "302d300d06096086480165030402040500041c",
};

/** RSASSA-PKCS1-v1_5 verification (RFC 8017 8.2.2): s^e mod n must be 00 01 FF.. 00 || DigestInfo. */
function rsaPkcs1(key: ParsedPublicKey, hash: string, digest: Uint8Array, signature: Uint8Array): boolean | null {
  const prefix = DIGEST_INFO[hash];
  if (!prefix) return null;
  const seq = readTlv(key.keyBytes, 0, key.keyBytes.length);
  const [modulus, exponent] = readChildren(key.keyBytes, seq);
  if (!modulus || !exponent) return false;
  const n = toBig(key.keyBytes.subarray(modulus.start, modulus.end));
  const e = toBig(key.keyBytes.subarray(exponent.start, exponent.end));
  // OpenSSL's limits (rsa_ossl.c): at most 16384 modulus bits, and a 64-bit exponent above 3072 bits.
  const nBits = n.toString(2).length;
  if (nBits > 16384 || e > n || (nBits > 3072 && e.toString(2).length > 64)) return false;
  const k = Math.ceil(n.toString(16).length / 2);
  if (signature.length !== k) return false;
  const m = power(toBig(signature), e, n);
  const t = prefix + Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  const expected = `0001${"ff".repeat(k - 3 - t.length / 2)}00${t}`;
  return m.toString(16).padStart(k * 2, "0") === expected;
}
