/**
 * Verifies a TLS signature with the public key of the signer's certificate, on WebCrypto (RFC 8446
 * 4.2.3 schemes; RFC 5246 7.4.1.4.1 pairs). The key comes from the certificate's SubjectPublicKeyInfo,
 * read with @mtls-lab/x509's ASN.1 view.
 */
import { parseAsn1 } from "@mtls-lab/x509";

const HASHES: Readonly<Record<number, string>> = { 2: "SHA-1", 4: "SHA-256", 5: "SHA-384", 6: "SHA-512" };
const CURVES: Readonly<Record<string, { name: string; size: number }>> = {
  "1.2.840.10045.3.1.7": { name: "P-256", size: 32 },
  "1.3.132.0.34": { name: "P-384", size: 48 },
  "1.3.132.0.35": { name: "P-521", size: 66 },
};

/** The DER SubjectPublicKeyInfo of a certificate and its curve OID for EC keys (RFC 5280 4.1). */
export function subjectPublicKeyInfo(der: Uint8Array): { spki: Uint8Array; curveOid?: string } | null {
  try {
    const tbs = parseAsn1(der).children?.[0];
    const fields = tbs?.children ?? [];
    const at = fields[0]?.tag === "[0]" ? 6 : 5;
    const spki = fields[at];
    if (!spki) return null;
    const algorithm = spki.children?.[0]?.children ?? [];
    const curveOid = algorithm[1]?.tag === "OBJECT IDENTIFIER" ? algorithm[1].value?.split(" ")[0] : undefined;
    const bytes = der.subarray(spki.offset, spki.offset + spki.headerLength + spki.length);
    return curveOid ? { spki: bytes, curveOid } : { spki: bytes };
  } catch {
    return null;
  }
}

/** RFC 8446 4.2.3 / RFC 3279 2.2.3: ECDSA-Sig-Value DER -> r || s, each `size` bytes (WebCrypto's form). */
export function ecdsaToRaw(der: Uint8Array, size: number): Uint8Array | null {
  if (der[0] !== 0x30) return null;
  let at = der[1] === 0x81 ? 3 : 2;
  const out = new Uint8Array(2 * size);
  for (let i = 0; i < 2; i++) {
    if (der[at] !== 0x02) return null;
    const length = der[at + 1] as number;
    let value = der.subarray(at + 2, at + 2 + length);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    if (value.length > size) return null;
    out.set(value, i * size + size - value.length);
    at += 2 + length;
  }
  return out;
}

/** The hash a scheme signs with ("SHA-256"), undefined for EdDSA. */
export function schemeHash(scheme: number): string | undefined {
  if (scheme === 0x0807 || scheme === 0x0808) return undefined;
  if (scheme >= 0x0804 && scheme <= 0x080b) return ["SHA-256", "SHA-384", "SHA-512"][(scheme - 0x0804) % 3];
  return HASHES[scheme >> 8];
}

const buffer = (bytes: Uint8Array) => bytes.slice() as Uint8Array<ArrayBuffer>;

/** Verifies `signature` over `data` with scheme `scheme` and the certificate `der`; a reason when it cannot. */
export async function verifyTlsSignature(scheme: number, der: Uint8Array, data: Uint8Array, signature: Uint8Array, crypto: Crypto): Promise<{ verified: boolean; reason?: string }> {
  const key = subjectPublicKeyInfo(der);
  if (!key) return { verified: false, reason: "the certificate's public key could not be read" };
  const hash = schemeHash(scheme);
  const kind = scheme & 0xff;
  try {
    if (scheme === 0x0807 || scheme === 0x0808) {
      const name = scheme === 0x0807 ? "Ed25519" : "Ed448";
      const imported = await crypto.subtle.importKey("spki", buffer(key.spki), { name }, false, ["verify"]);
      return { verified: await crypto.subtle.verify({ name }, imported, buffer(signature), buffer(data)) };
    }
    if (!hash) return { verified: false, reason: `signature scheme 0x${scheme.toString(16)} is not one this checker supports` };
    if (scheme >= 0x0804 && scheme <= 0x080b) {
      const imported = await crypto.subtle.importKey("spki", buffer(key.spki), { name: "RSA-PSS", hash }, false, ["verify"]);
      const saltLength = hash === "SHA-256" ? 32 : hash === "SHA-384" ? 48 : 64; // RFC 8446 4.2.3: salt = hash length
      return { verified: await crypto.subtle.verify({ name: "RSA-PSS", saltLength }, imported, buffer(signature), buffer(data)) };
    }
    if (kind === 1) {
      const imported = await crypto.subtle.importKey("spki", buffer(key.spki), { name: "RSASSA-PKCS1-v1_5", hash }, false, ["verify"]);
      return { verified: await crypto.subtle.verify({ name: "RSASSA-PKCS1-v1_5" }, imported, buffer(signature), buffer(data)) };
    }
    if (kind === 3) {
      const curve = CURVES[key.curveOid ?? ""];
      if (!curve) return { verified: false, reason: `EC curve ${key.curveOid ?? "?"} is not one WebCrypto verifies` };
      const raw = ecdsaToRaw(signature, curve.size);
      if (!raw) return { verified: false, reason: "the ECDSA signature is not a DER ECDSA-Sig-Value" };
      const imported = await crypto.subtle.importKey("spki", buffer(key.spki), { name: "ECDSA", namedCurve: curve.name }, false, ["verify"]);
      return { verified: await crypto.subtle.verify({ name: "ECDSA", hash }, imported, buffer(raw), buffer(data)) };
    }
    return { verified: false, reason: `signature scheme 0x${scheme.toString(16)} is not one this checker supports` };
  } catch (error) {
    return { verified: false, reason: `the public key does not fit scheme 0x${scheme.toString(16)} (${(error as Error).message})` };
  }
}
