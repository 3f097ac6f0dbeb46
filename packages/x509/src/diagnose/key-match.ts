/**
 * Does a private key belong to a certificate? The public half is rebuilt from the key's JWK export and
 * compared with the certificate's SubjectPublicKeyInfo, so it works in Node and the browser alike.
 */
import { parsePem } from "../encoding.js";
import type { CryptoProvider } from "../types.js";
import { bytesEqual, children, readOid, readTlv } from "../verify/der.js";
import { CurveNames, KeyOid } from "../verify/oids.js";
import type { ParsedCertificate } from "../verify/parse-certificate.js";

/** "match", "mismatch", or why it could not be checked. */
export type KeyMatch = { status: "match" } | { status: "mismatch" } | { status: "unreadable"; reason: string };

function pkcs8Der(key: string | Uint8Array): Uint8Array | string {
  if (typeof key !== "string") {
    if (key[0] === 0x30) return key;
    return pkcs8Der(new TextDecoder().decode(key));
  }
  const block = parsePem(key).find((b) => /PRIVATE KEY/.test(b.label));
  if (!block) return "no PEM private key found";
  if (block.label === "ENCRYPTED PRIVATE KEY" || block.headers["Proc-Type"]) return "the key is encrypted: decrypt it first (openssl pkey -in key.pem -out plain.pem)";
  if (block.label !== "PRIVATE KEY") return `a ${block.label} (legacy format): convert it to PKCS#8 with openssl pkey to compare`;
  return block.der;
}

/** Compares `key` (PKCS#8 PEM or DER) with the certificate's public key. */
export async function matchKey(key: string | Uint8Array, cert: ParsedCertificate, crypto: CryptoProvider = globalThis.crypto): Promise<KeyMatch> {
  const der = pkcs8Der(key);
  if (typeof der === "string") return { status: "unreadable", reason: der };
  let algorithm: RsaHashedImportParams | EcKeyImportParams | Algorithm;
  try {
    const [, algId] = children(readTlv(der));
    const [oidTlv, params] = algId ? children(algId) : [];
    const oid = oidTlv ? readOid(oidTlv) : "";
    if (oid === KeyOid.rsa) algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    else if (oid === KeyOid.rsaPss) algorithm = { name: "RSA-PSS", hash: "SHA-256" };
    else if (oid === KeyOid.ec) algorithm = { name: "ECDSA", namedCurve: CurveNames[params ? readOid(params) : ""]?.name ?? "unknown" };
    else if (oid === KeyOid.ed25519) algorithm = { name: "Ed25519" };
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
    const keyBits = (s: Uint8Array) => {
      const [, bits] = children(readTlv(s));
      return bits ? bits.bytes.subarray(bits.contentStart, bits.end) : new Uint8Array();
    };
    return bytesEqual(keyBits(spki), keyBits(cert.spki)) ? { status: "match" } : { status: "mismatch" };
  } catch {
    return { status: "unreadable", reason: "the key does not import (wrong algorithm or damaged)" };
  }
}
