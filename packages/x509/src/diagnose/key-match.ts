/**
 * Does a private key belong to a certificate? The public half is rebuilt from the key's JWK export and
 * compared with the certificate's SubjectPublicKeyInfo, so it works in Node and the browser alike.
 * Reads PKCS#8 ("PRIVATE KEY") and OpenSSL's legacy PKCS#1 and SEC1 PEM, and DER PKCS#8.
 */
import { type Tlv, readChildren, readTlv } from "../asn1/der.js";
import { CurveOids, KeyAlgorithmOids } from "../asn1/oids.js";
import { readOid } from "../asn1/values.js";
import { parsePem } from "../encoding.js";
import { readPublicKey } from "../model/public-key.js";
import type { ParsedCertificate } from "../model/types.js";
import type { CryptoProvider } from "../types.js";

/** The elements of the DER SEQUENCE `der` (the whole input). */
function elements(der: Uint8Array): Tlv[] {
  return readChildren(der, readTlv(der, 0, der.length));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** "match", "mismatch", or why it could not be checked. */
export type KeyMatch = { status: "match" } | { status: "mismatch" } | { status: "unreadable"; reason: string };

function tlv(tag: number, body: Uint8Array): Uint8Array {
  const length = body.length < 0x80 ? [body.length] : body.length < 0x100 ? [0x81, body.length] : [0x82, body.length >> 8, body.length & 0xff];
  const out = new Uint8Array(1 + length.length + body.length);
  out.set([tag, ...length]);
  out.set(body, 1 + length.length);
  return out;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) (out.set(part, offset), (offset += part.length));
  return out;
};

const RSA_ALGORITHM = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);
const EC_OID = Uint8Array.from([0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
const VERSION_0 = Uint8Array.from([0x02, 0x01, 0x00]);

/** Wraps OpenSSL's legacy "RSA PRIVATE KEY" (PKCS#1) and "EC PRIVATE KEY" (SEC1, RFC 5915) into PKCS#8. */
function wrapLegacy(label: string, der: Uint8Array): Uint8Array | string {
  if (label === "RSA PRIVATE KEY") return tlv(0x30, concat(VERSION_0, RSA_ALGORITHM, tlv(0x04, der)));
  // SEC1 carries its curve in [0] parameters; PKCS#8 wants it in the AlgorithmIdentifier.
  const curve = elements(der).find((item) => item.tag === 0xa0);
  const curveOid = curve ? readChildren(der, curve)[0] : undefined;
  if (!curveOid) return "an EC PRIVATE KEY without its curve: convert it with openssl pkey";
  return tlv(0x30, concat(VERSION_0, tlv(0x30, concat(EC_OID, der.subarray(curveOid.offset, curveOid.end))), tlv(0x04, der)));
}

function wrapLegacyResult(label: string, der: Uint8Array): Uint8Array {
  const wrapped = wrapLegacy(label, der);
  if (typeof wrapped === "string") throw new Error(wrapped);
  return wrapped;
}

function pkcs8Der(key: string | Uint8Array): { der: Uint8Array } | string {
  if (typeof key !== "string") {
    if (key[0] !== 0x30) return pkcs8Der(new TextDecoder().decode(key));
    // DER comes in all three shapes (openssl pkey -outform DER keeps a legacy key legacy): tell them apart by
    // the second element: AlgorithmIdentifier (PKCS#8), OCTET STRING (SEC1), INTEGER (PKCS#1).
    try {
      const second = elements(key)[1]?.tag;
      if (second === 0x04) return pkcs8Der(wrapLegacyResult("EC PRIVATE KEY", key));
      if (second === 0x02) return pkcs8Der(wrapLegacyResult("RSA PRIVATE KEY", key));
    } catch {
      return "not a DER private key";
    }
    return { der: key };
  }
  const block = parsePem(key).find((b) => /PRIVATE KEY/.test(b.label));
  if (!block) return "no PEM private key found";
  if (block.label === "ENCRYPTED PRIVATE KEY" || block.headers["Proc-Type"]) return "the key is encrypted: decrypt it first (openssl pkey -in key.pem -out plain.pem)";
  if (block.label === "RSA PRIVATE KEY" || block.label === "EC PRIVATE KEY") {
    try {
      const wrapped = wrapLegacy(block.label, block.der);
      return typeof wrapped === "string" ? wrapped : { der: wrapped };
    } catch {
      return `a damaged ${block.label}`;
    }
  }
  if (block.label !== "PRIVATE KEY") return `a ${block.label}: convert it to PKCS#8 with openssl pkey to compare`;
  return { der: block.der };
}

/** Compares `key` (PKCS#8 PEM or DER) with the certificate's public key. */
export async function matchKey(key: string | Uint8Array, cert: ParsedCertificate, crypto: CryptoProvider = globalThis.crypto): Promise<KeyMatch> {
  const read = pkcs8Der(key);
  if (typeof read === "string") return { status: "unreadable", reason: read };
  const der = read.der;
  let algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  try {
    const [, algId] = elements(der);
    const [oidTlv, params] = algId ? readChildren(der, algId) : [];
    const oid = oidTlv ? readOid(der, oidTlv) : "";
    const family = KeyAlgorithmOids[oid];
    if (family === "RSA") algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    else if (family === "RSA-PSS") algorithm = { name: "RSA-PSS", hash: "SHA-256" };
    else if (family === "EC") algorithm = { name: "ECDSA", namedCurve: CurveOids[params?.tag === 0x06 ? readOid(der, params) : ""]?.name ?? "unknown" };
    else if (family === "Ed25519") algorithm = { name: "Ed25519" };
    else return { status: "unreadable", reason: `unsupported key algorithm ${oid}` };
  } catch {
    return { status: "unreadable", reason: "not a PKCS#8 private key" };
  }
  try {
    const privateKey = await crypto.subtle.importKey("pkcs8", der as BufferSource, algorithm, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", privateKey);
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...publicJwk } = jwk;
    const publicKey = await crypto.subtle.importKey("jwk", publicJwk, algorithm, true, ["verify"]);
    const spki = new Uint8Array(await crypto.subtle.exportKey("spki", publicKey));
    // The certificate's SPKI may carry RSA-PSS or differently encoded parameters: compare the key bits too.
    if (bytesEqual(spki, cert.spki)) return { status: "match" };
    const keyBits = readPublicKey(spki, readTlv(spki, 0, spki.length)).keyBytes;
    return bytesEqual(keyBits, cert.publicKey.keyBytes) ? { status: "match" } : { status: "mismatch" };
  } catch {
    return { status: "unreadable", reason: "the key does not import (wrong algorithm or damaged)" };
  }
}
