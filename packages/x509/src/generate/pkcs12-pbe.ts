/**
 * The password-based pieces of a PKCS#12 file: the PKCS#12 key derivation (RFC 7292 appendix B.2), the legacy
 * pbeWithSHAAnd3-KeyTripleDES-CBC key encryption (RFC 7292 appendix C), PBES2 with PBKDF2 and AES-256-CBC
 * (RFC 8018 6.2), and the password MAC (RFC 7292 4). Each returns DER-ready parts for pkijs to assemble.
 */
import * as asn1js from "asn1js";
// des.js: the DES/3DES block cipher in plain JavaScript (WebCrypto has no DES; the compat profile needs it).
import des from "des.js";
import type { CryptoProvider } from "../types.js";
import { rc2CbcDecrypt } from "./rc2.js";

export const Pkcs12Oid = {
  pbeWithSha1And3DesCbc: "1.2.840.113549.1.12.1.3",
  pbeWithSha1And2DesCbc: "1.2.840.113549.1.12.1.4",
  pbeWithSha1And128BitRc2Cbc: "1.2.840.113549.1.12.1.5",
  pbeWithSha1And40BitRc2Cbc: "1.2.840.113549.1.12.1.6",
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
} as const;

type Hash = "SHA-1" | "SHA-256";
const BLOCK = { "SHA-1": 64, "SHA-256": 64 } as const;
const OUT = { "SHA-1": 20, "SHA-256": 32 } as const;

/** The password as the PKCS#12 KDF takes it: BMPString (UTF-16BE) with a two-byte NUL terminator (B.1). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[2 * i] = password.charCodeAt(i) >> 8;
    out[2 * i + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

function repeatTo(bytes: Uint8Array, v: number): Uint8Array {
  if (bytes.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(bytes.length / v));
  for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]!;
  return out;
}

/** RFC 7292 B.2: id 1 derives an encryption key, 2 an IV, 3 a MAC key. */
export async function pkcs12Kdf(hash: Hash, id: 1 | 2 | 3, password: string, salt: Uint8Array, iterations: number, length: number, crypto: CryptoProvider): Promise<Uint8Array> {
  const v = BLOCK[hash];
  const u = OUT[hash];
  const d = new Uint8Array(v).fill(id);
  const s = repeatTo(salt, v);
  const p = repeatTo(bmpPassword(password), v);
  const i = new Uint8Array(s.length + p.length);
  i.set(s);
  i.set(p, s.length);
  const out = new Uint8Array(length);
  for (let done = 0; done < length; done += u) {
    let a = new Uint8Array(await crypto.subtle.digest(hash, concat(d, i) as BufferSource));
    for (let r = 1; r < iterations; r++) a = new Uint8Array(await crypto.subtle.digest(hash, a as BufferSource));
    out.set(a.subarray(0, Math.min(u, length - done)), done);
    if (done + u >= length) break;
    // I_j = (I_j + B + 1) mod 2^(v*8) for each v-byte block of I, with B = A repeated to v bytes.
    const b = repeatTo(a, v);
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = i[j + k]! + b[k]! + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Encrypted content plus the AlgorithmIdentifier that says how to decrypt it. */
export interface Encrypted {
  algorithm: asn1js.Sequence;
  data: Uint8Array;
}

/** pbeWithSHAAnd3-KeyTripleDES-CBC: key and IV from the PKCS#12 KDF with SHA-1 (RFC 7292 C). */
export async function encrypt3des(plain: Uint8Array, password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): Promise<Encrypted> {
  const key = await pkcs12Kdf("SHA-1", 1, password, salt, iterations, 24, crypto);
  const iv = await pkcs12Kdf("SHA-1", 2, password, salt, iterations, 8, crypto);
  const cipher = des.CBC.instantiate(des.EDE).create({ type: "encrypt", key: Array.from(key), iv: Array.from(iv) });
  const data = new Uint8Array([...cipher.update(Array.from(plain)), ...cipher.final()]);
  const params = new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: salt }), new asn1js.Integer({ value: iterations })] });
  return { algorithm: new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: Pkcs12Oid.pbeWithSha1And3DesCbc }), params] }), data };
}

/** PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC; the password goes in as its UTF-8 bytes, as OpenSSL does. */
export async function encryptPbes2(plain: Uint8Array, password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): Promise<Encrypted> {
  const iv = crypto.getRandomValues(new Uint8Array(16));
  const base = await crypto.subtle.importKey("raw", new TextEncoder().encode(password) as BufferSource, "PBKDF2", false, ["deriveKey"]);
  const key = await crypto.subtle.deriveKey({ name: "PBKDF2", salt: salt as BufferSource, iterations, hash: "SHA-256" }, base, { name: "AES-CBC", length: 256 }, false, ["encrypt"]);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-CBC", iv: iv as BufferSource }, key, plain as BufferSource));
  const oid = (value: string) => new asn1js.ObjectIdentifier({ value });
  const kdf = new asn1js.Sequence({
    value: [
      oid(Pkcs12Oid.pbkdf2),
      new asn1js.Sequence({
        value: [new asn1js.OctetString({ valueHex: salt }), new asn1js.Integer({ value: iterations }), new asn1js.Sequence({ value: [oid(Pkcs12Oid.hmacWithSha256), new asn1js.Null()] })],
      }),
    ],
  });
  const scheme = new asn1js.Sequence({ value: [oid(Pkcs12Oid.aes256Cbc), new asn1js.OctetString({ valueHex: iv })] });
  return { algorithm: new asn1js.Sequence({ value: [oid(Pkcs12Oid.pbes2), new asn1js.Sequence({ value: [kdf, scheme] })] }), data };
}

/** The MacData's digest: HMAC over the AuthenticatedSafe with a key from the PKCS#12 KDF (id 3). */
export async function pkcs12Mac(hash: Hash, content: Uint8Array, password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): Promise<Uint8Array> {
  const raw = await pkcs12Kdf(hash, 3, password, salt, iterations, OUT[hash], crypto);
  const key = await crypto.subtle.importKey("raw", raw as BufferSource, { name: "HMAC", hash }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, content as BufferSource));
}

/** Reverses {@link encrypt3des}; `params` is the algorithm's SEQUENCE { salt, iterations }. Throws on a wrong password. */
export async function decrypt3des(encrypted: Uint8Array, password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): Promise<Uint8Array> {
  const key = await pkcs12Kdf("SHA-1", 1, password, salt, iterations, 24, crypto);
  const iv = await pkcs12Kdf("SHA-1", 2, password, salt, iterations, 8, crypto);
  const cipher = des.CBC.instantiate(des.EDE).create({ type: "decrypt", key: Array.from(key), iv: Array.from(iv) });
  // des.js checks the PKCS#7 padding in final() and throws on a mismatch: the sign of a wrong password.
  return new Uint8Array([...cipher.update(Array.from(encrypted)), ...cipher.final()]);
}

/**
 * The PKCS#12 PBE schemes (RFC 7292 appendix C) the decoder decrypts: key length in bytes from the PKCS#12 KDF
 * with SHA-1, and the cipher. RC2's effective key length equals its key length in bits (RFC 7292 C, RFC 2268).
 * Not here: pbeWithSHAAnd128BitRC4 and 40BitRC4 (OpenSSL -certpbe PBE-SHA1-RC4-128), which nothing writes by default.
 */
const PBE_SCHEMES: Readonly<Record<string, { keyLength: number; cipher: "3des" | "rc2" }>> = {
  [Pkcs12Oid.pbeWithSha1And3DesCbc]: { keyLength: 24, cipher: "3des" },
  // Two-key 3DES: K1, K2 and K1 again (OpenSSL's DES-EDE-CBC).
  [Pkcs12Oid.pbeWithSha1And2DesCbc]: { keyLength: 16, cipher: "3des" },
  [Pkcs12Oid.pbeWithSha1And128BitRc2Cbc]: { keyLength: 16, cipher: "rc2" },
  [Pkcs12Oid.pbeWithSha1And40BitRc2Cbc]: { keyLength: 5, cipher: "rc2" },
};

/** True for the PKCS#12 PBE schemes {@link decryptPkcs12Pbe} decrypts. */
export function isPkcs12Pbe(oid: string): boolean {
  return Object.hasOwn(PBE_SCHEMES, oid);
}

/**
 * Decrypts data protected with a PKCS#12 PBE scheme (3DES or RC2, RFC 7292 appendix C): a shrouded key bag or an
 * EncryptedData safe (`openssl pkcs12 -export -legacy` puts the certificates in RC2-40). Throws on a wrong password.
 */
export async function decryptPkcs12Pbe(oid: string, encrypted: Uint8Array, password: string, salt: Uint8Array, iterations: number, crypto: CryptoProvider): Promise<Uint8Array> {
  const scheme = PBE_SCHEMES[oid];
  if (!scheme) throw new Error(`unsupported PKCS#12 PBE scheme ${oid}`);
  if (oid === Pkcs12Oid.pbeWithSha1And3DesCbc) return decrypt3des(encrypted, password, salt, iterations, crypto);
  const key = await pkcs12Kdf("SHA-1", 1, password, salt, iterations, scheme.keyLength, crypto);
  const iv = await pkcs12Kdf("SHA-1", 2, password, salt, iterations, 8, crypto);
  if (scheme.cipher === "rc2") return rc2CbcDecrypt(encrypted, key, key.length * 8, iv);
  const cipher = des.CBC.instantiate(des.EDE).create({ type: "decrypt", key: [...key, ...key.subarray(0, 8)], iv: Array.from(iv) });
  return new Uint8Array([...cipher.update(Array.from(encrypted)), ...cipher.final()]);
}
