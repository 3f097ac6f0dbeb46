/**
 * The one signature verifier, over WebCrypto so the same code runs in Node and the browser: RSA PKCS#1 v1.5,
 * RSA-PSS, ECDSA on P-256/384/521, Ed25519 and Ed448 (where the WebCrypto at hand has them). An algorithm it
 * cannot check gets one answer, "unsupported signature algorithm" (OpenSSL's words), never a wrong verdict.
 */
import { Tag, readChildren, readTlv } from "../asn1/der.js";
import { readOid } from "../asn1/values.js";
import type { CryptoProvider } from "../types.js";
import { HashOids, SignatureAlgorithms, WebCryptoCurves, WebCryptoHashes, signatureFitsKey } from "./algorithms.js";
import type { ParsedAlgorithm, ParsedPublicKey } from "./types.js";

/** OpenSSL's wording for an algorithm it cannot check. */
export const UNSUPPORTED_SIGNATURE_ALGORITHM = "unsupported signature algorithm";

/** What checking one signature found. */
export type SignatureCheck =
  | { status: "valid" }
  /** The signature does not verify, or the key cannot have made it (algorithm and key mismatch). */
  | { status: "invalid"; reason: string }
  /** The issuer's key is malformed for its algorithm (OpenSSL: unable to decode issuer public key). */
  | { status: "bad-key"; reason: string }
  /** "unsupported signature algorithm: <why>": MD5, SHA-224, DSA, another curve, Ed448 without WebCrypto support... */
  | { status: "unsupported"; reason: string };

/** Imported keys, shared across the checks of one run (keyed by import parameters and SPKI). */
export type KeyCache = Map<string, Promise<CryptoKey | Error>>;

type Scheme = { importParams: RsaHashedImportParams | EcKeyImportParams | Algorithm; verifyParams: Algorithm | RsaPssParams | EcdsaParams; ecdsaSize?: number };

function unsupported(why: string): SignatureCheck {
  return { status: "unsupported", reason: `${UNSUPPORTED_SIGNATURE_ALGORITHM}: ${why}` };
}

/** RSASSA-PSS-params (RFC 4055 3.1): hash, MGF1 hash, salt length; undefined when WebCrypto cannot express them. */
function pssParams(der: Uint8Array | undefined): { hash: string; saltLength: number } | string {
  let hash = "SHA-1";
  let mgfHash = "SHA-1";
  let saltLength = 20;
  if (!der || der[0] === Tag.null) return { hash, saltLength };
  try {
    const bytes = der;
    const params = readTlv(der, 0, der.length);
    if (params.tag !== Tag.sequence) return "malformed RSA-PSS parameters";
    for (const item of readChildren(bytes, params)) {
      const inner = readTlv(bytes, item.start, item.end);
      if (item.tag === 0xa0) hash = HashOids[readOid(bytes, readTlv(bytes, inner.start, inner.end))] ?? "unknown";
      else if (item.tag === 0xa1) {
        // MaskGenAlgorithm: MGF1 with its own hash; WebCrypto always uses the signature hash.
        const mgfOid = readTlv(bytes, inner.start, inner.end);
        if (readOid(bytes, mgfOid) !== "1.2.840.113549.1.1.8") return "a mask generation function other than MGF1";
        const mgfHashAlg = readTlv(bytes, mgfOid.end, inner.end);
        mgfHash = HashOids[readOid(bytes, readTlv(bytes, mgfHashAlg.start, mgfHashAlg.end))] ?? "unknown";
      } else if (item.tag === 0xa2) {
        saltLength = 0;
        for (let i = inner.start; i < inner.end; i++) saltLength = saltLength * 256 + (bytes[i] as number);
      } else if (item.tag === 0xa3) {
        if (inner.length !== 1 || bytes[inner.start] !== 1) return "an RSA-PSS trailer field other than 1";
      }
    }
  } catch {
    return "malformed RSA-PSS parameters";
  }
  if (!WebCryptoHashes.has(hash)) return `RSA-PSS with hash ${hash}`;
  if (mgfHash !== hash) return "RSA-PSS whose MGF1 hash differs from its hash";
  return { hash, saltLength };
}

function schemeFor(algorithm: ParsedAlgorithm, key: ParsedPublicKey): Scheme | SignatureCheck {
  const known = SignatureAlgorithms[algorithm.oid];
  if (!known) return unsupported(`${algorithm.name} is not a signature algorithm this verifier knows`);
  if (!signatureFitsKey(algorithm.oid, key.algorithm)) {
    return { status: "invalid", reason: `subject signature algorithm and issuer public key algorithm mismatch (${known.name} with a ${key.algorithm} key)` };
  }
  switch (known.key) {
    case "RSA":
      if (!WebCryptoHashes.has(known.hash ?? "")) return unsupported(`${known.name} (WebCrypto has no ${known.hash})`);
      return { importParams: { name: "RSASSA-PKCS1-v1_5", hash: known.hash as string }, verifyParams: { name: "RSASSA-PKCS1-v1_5" } };
    case "RSA-PSS": {
      const params = pssParams(algorithm.params);
      if (typeof params === "string") return unsupported(params);
      return { importParams: { name: "RSA-PSS", hash: params.hash }, verifyParams: { name: "RSA-PSS", saltLength: params.saltLength } as RsaPssParams };
    }
    case "EC": {
      if (key.explicitEcParams || !key.curve || !WebCryptoCurves.has(key.curve)) return unsupported(`ECDSA on ${key.curve ?? "an unnamed curve"}`);
      if (!WebCryptoHashes.has(known.hash ?? "")) return unsupported(`${known.name} (WebCrypto has no ${known.hash})`);
      return { importParams: { name: "ECDSA", namedCurve: key.curve }, verifyParams: { name: "ECDSA", hash: known.hash as string } as EcdsaParams, ecdsaSize: Math.ceil(key.bits / 8) };
    }
    case "Ed25519":
    case "Ed448":
      return { importParams: { name: known.key }, verifyParams: { name: known.key } };
    default:
      return unsupported(`${known.name} (WebCrypto has no ${known.key})`);
  }
}

/** ECDSA-Sig-Value (DER SEQUENCE { r, s }, RFC 3279 2.2.3) to WebCrypto's fixed-size r||s; null when malformed. */
export function ecdsaDerToRaw(der: Uint8Array, size: number): Uint8Array | null {
  try {
    const sequence = readTlv(der, 0, der.length);
    if (sequence.tag !== Tag.sequence || sequence.end !== der.length) return null;
    const parts = readChildren(der, sequence);
    if (parts.length !== 2) return null;
    const out = new Uint8Array(size * 2);
    for (const [index, part] of parts.entries()) {
      if (part.tag !== Tag.integer || part.length === 0) return null;
      let body = der.subarray(part.start, part.end);
      while (body.length > size && body[0] === 0) body = body.subarray(1);
      if (body.length > size) return null;
      out.set(body, index * size + (size - body.length));
    }
    return out;
  } catch {
    return null;
  }
}

function cacheKey(params: Scheme["importParams"], key: ParsedPublicKey): string {
  let hex = "";
  for (const b of key.der) hex += b.toString(16).padStart(2, "0");
  return `${JSON.stringify(params)}:${hex}`;
}

/**
 * Checks `signature` over `signed` made with `algorithm` by `key`.
 * Never throws: a WebCrypto that lacks the algorithm gives "unsupported", a key that does not import "bad-key".
 */
export async function verifySignature(
  algorithm: ParsedAlgorithm,
  key: ParsedPublicKey,
  signed: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
  cache?: KeyCache,
): Promise<SignatureCheck> {
  const scheme = schemeFor(algorithm, key);
  if ("status" in scheme) return scheme;
  const id = cache ? cacheKey(scheme.importParams, key) : "";
  let imported = cache?.get(id);
  if (!imported) {
    imported = crypto.subtle.importKey("spki", key.der as Uint8Array<ArrayBuffer>, scheme.importParams, false, ["verify"]).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
    cache?.set(id, imported);
  }
  const cryptoKey = await imported;
  if (cryptoKey instanceof Error) {
    // NotSupportedError: this WebCrypto lacks the algorithm or curve (Ed448 in browsers); anything else: the key is bad.
    if (cryptoKey.name === "NotSupportedError") return unsupported(`${algorithm.name} is not available in this WebCrypto`);
    return { status: "bad-key", reason: `the issuer's ${key.algorithm} key does not import (${cryptoKey.message})` };
  }
  let sig: Uint8Array | null = signature;
  if (scheme.ecdsaSize !== undefined) {
    sig = ecdsaDerToRaw(signature, scheme.ecdsaSize);
    if (!sig) return { status: "invalid", reason: "the ECDSA signature is not a DER SEQUENCE of two INTEGERs" };
  }
  try {
    const ok = await crypto.subtle.verify(scheme.verifyParams, cryptoKey, sig as Uint8Array<ArrayBuffer>, signed as Uint8Array<ArrayBuffer>);
    return ok ? { status: "valid" } : { status: "invalid", reason: "the signature does not verify with the issuer's key" };
  } catch (error) {
    if (error instanceof Error && error.name === "NotSupportedError") return unsupported(`${algorithm.name} is not available in this WebCrypto`);
    return { status: "invalid", reason: "the signature does not verify with the issuer's key" };
  }
}
