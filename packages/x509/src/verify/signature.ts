/**
 * Certificate signature checks through WebCrypto: RSA PKCS#1 v1.5, RSA-PSS, ECDSA (DER -> raw r||s)
 * and Ed25519, so the same code runs in Node and the browser.
 */
import type { CryptoProvider } from "../types.js";
import { children, contents, hex, readOid, readTlv, type Tlv } from "./der.js";
import { CurveNames, HashOids, SignatureAlgorithms } from "./oids.js";
import type { ParsedCertificate } from "./parse-certificate.js";

/** Imported issuer keys, per verification run (keyed by algorithm + SPKI identity). */
export type KeyCache = Map<string, Promise<CryptoKey | null>>;

function pssParams(params: Tlv | undefined): { hash: string; saltLength: number } {
  let hash = "SHA-1";
  let saltLength = 20; // RFC 4055 defaults
  if (!params || params.tag !== 0x30) return { hash, saltLength };
  for (const item of children(params)) {
    if (item.tag === 0xa0) {
      const algorithm = children(item)[0];
      const oid = algorithm ? children(algorithm)[0] : undefined;
      if (oid) hash = HashOids[readOid(oid)] ?? hash;
    } else if (item.tag === 0xa2) {
      const integer = children(item)[0];
      if (integer) saltLength = contents(integer).reduce((n, b) => n * 256 + b, 0);
    }
  }
  return { hash, saltLength };
}

/** ECDSA-Sig-Value (DER SEQUENCE of r, s) to WebCrypto's fixed-size r||s; null when malformed. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const sequence = readTlv(der);
    if (sequence.tag !== 0x30 || sequence.end !== der.length) return null;
    const [r, s] = children(sequence);
    if (!r || !s) return null;
    const out = new Uint8Array(size * 2);
    for (const [index, part] of [r, s].entries()) {
      let body = contents(part);
      while (body.length > size && body[0] === 0) body = body.subarray(1);
      if (body.length > size) return null;
      out.set(body, index * size + (size - body.length));
    }
    return out;
  } catch {
    return null;
  }
}

function importParams(issuer: ParsedCertificate, subject: ParsedCertificate): { key: RsaHashedImportParams | EcKeyImportParams | Algorithm; verify: Algorithm | RsaPssParams | EcdsaParams } | null {
  const sig = SignatureAlgorithms[subject.signatureOid];
  if (!sig) return null;
  if (sig.key === "RSA") return { key: { name: "RSASSA-PKCS1-v1_5", hash: sig.hash! }, verify: { name: "RSASSA-PKCS1-v1_5" } };
  if (sig.key === "RSA-PSS") {
    const { hash, saltLength } = pssParams(subject.signatureParams);
    return { key: { name: "RSA-PSS", hash }, verify: { name: "RSA-PSS", saltLength } as RsaPssParams };
  }
  if (sig.key === "EC") {
    const curve = issuer.curve && Object.values(CurveNames).some((c) => c.name === issuer.curve) ? issuer.curve : null;
    if (!curve) return null;
    return { key: { name: "ECDSA", namedCurve: curve }, verify: { name: "ECDSA", hash: sig.hash! } as EcdsaParams };
  }
  if (sig.key === "Ed25519") return { key: { name: "Ed25519" }, verify: { name: "Ed25519" } };
  return null;
}

/**
 * True when `issuer`'s key verifies `subject`'s signature over its TBS. False for a bad signature, an
 * algorithm WebCrypto lacks, or a key that does not import (OpenSSL reports those as signature failures too).
 */
export async function verifySignature(subject: ParsedCertificate, issuer: ParsedCertificate, crypto: CryptoProvider, cache?: KeyCache): Promise<boolean> {
  const params = importParams(issuer, subject);
  if (!params) return false;
  const cacheKey = `${JSON.stringify(params.key)}:${hex(issuer.spki)}`;
  let keyPromise = cache?.get(cacheKey);
  if (!keyPromise) {
    keyPromise = crypto.subtle.importKey("spki", issuer.spki as BufferSource, params.key, false, ["verify"]).catch(() => null);
    cache?.set(cacheKey, keyPromise);
  }
  const key = await keyPromise;
  if (!key) return false;
  let signature: Uint8Array | null = subject.signature;
  if (params.key.name === "ECDSA") {
    const size = Math.ceil((CurveNames[Object.keys(CurveNames).find((oid) => CurveNames[oid]!.name === issuer.curve)!]!.bits) / 8);
    signature = ecdsaDerToRaw(subject.signature, size);
    if (!signature) return false;
  }
  try {
    return await crypto.subtle.verify(params.verify, key, signature as BufferSource, subject.tbs as BufferSource);
  } catch {
    return false;
  }
}
