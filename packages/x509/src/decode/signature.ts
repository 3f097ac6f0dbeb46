/**
 * Verifying a signature made by a given SubjectPublicKeyInfo, with WebCrypto. Used to tell whether a
 * certificate is self-signed and whether a CSR's proof of possession holds.
 */
import { Tag, readChildren, readTlv } from "../asn1/der.js";
import type { CryptoProvider } from "../types.js";
import type { SpkiFacts } from "./public-key.js";

/** WebCrypto parameters per signature OID (RFC 4055, RFC 5758, RFC 8410). */
const SignatureSchemes: Readonly<Record<string, { name: string; hash?: string }>> = {
  "1.2.840.113549.1.1.5": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-1" },
  "1.2.840.113549.1.1.11": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
  "1.2.840.113549.1.1.12": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-384" },
  "1.2.840.113549.1.1.13": { name: "RSASSA-PKCS1-v1_5", hash: "SHA-512" },
  "1.2.840.10045.4.1": { name: "ECDSA", hash: "SHA-1" },
  "1.2.840.10045.4.3.2": { name: "ECDSA", hash: "SHA-256" },
  "1.2.840.10045.4.3.3": { name: "ECDSA", hash: "SHA-384" },
  "1.2.840.10045.4.3.4": { name: "ECDSA", hash: "SHA-512" },
  "1.3.101.112": { name: "Ed25519" },
};

/** ECDSA signatures are DER SEQUENCE { r, s } in X.509 (RFC 3279 2.2.3) but r||s in WebCrypto. */
function ecdsaDerToRaw(sig: Uint8Array, size: number): Uint8Array | undefined {
  const seq = readTlv(sig, 0, sig.length);
  if (seq.tag !== Tag.sequence || seq.end !== sig.length) return undefined;
  const parts = readChildren(sig, seq);
  if (parts.length !== 2) return undefined;
  const octets = Math.ceil(size / 8);
  const out = new Uint8Array(octets * 2);
  for (let i = 0; i < 2; i++) {
    const part = parts[i];
    if (part?.tag !== Tag.integer) return undefined;
    let value = sig.subarray(part.start, part.end);
    while (value.length > octets && value[0] === 0) value = value.subarray(1);
    if (value.length > octets) return undefined;
    out.set(value, octets * (i + 1) - value.length);
  }
  return out;
}

/**
 * True or false when the signature could be checked; undefined when WebCrypto cannot check it
 * (MD5, RSA-PSS parameters, an unsupported curve or algorithm), so callers can fall back.
 */
export async function verifySignature(
  signatureOid: string,
  key: SpkiFacts,
  signed: Uint8Array,
  signature: Uint8Array,
  crypto: CryptoProvider,
): Promise<boolean | undefined> {
  const scheme = SignatureSchemes[signatureOid];
  if (!scheme) return undefined;
  try {
    let importParams: RsaHashedImportParams | EcKeyImportParams | Algorithm;
    let verifyParams: EcdsaParams | Algorithm = { name: scheme.name };
    let sig = signature;
    if (scheme.name === "ECDSA") {
      if (key.algorithm !== "EC" || !key.curve || !/^P-(256|384|521)$/.test(key.curve)) return undefined;
      importParams = { name: "ECDSA", namedCurve: key.curve };
      verifyParams = { name: "ECDSA", hash: scheme.hash as string };
      const raw = ecdsaDerToRaw(signature, key.size);
      if (!raw) return false;
      sig = raw;
    } else if (scheme.name === "RSASSA-PKCS1-v1_5") {
      if (key.algorithm !== "RSA") return undefined;
      importParams = { name: scheme.name, hash: scheme.hash as string };
    } else {
      if (key.algorithm !== "Ed25519") return undefined;
      importParams = { name: "Ed25519" };
    }
    const cryptoKey = await crypto.subtle.importKey("spki", key.der as Uint8Array<ArrayBuffer>, importParams, false, ["verify"]);
    return await crypto.subtle.verify(verifyParams, cryptoKey, sig as Uint8Array<ArrayBuffer>, signed as Uint8Array<ArrayBuffer>);
  } catch {
    return undefined;
  }
}
