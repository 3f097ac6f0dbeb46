/**
 * What a DER object is, from its structure alone (files are often misnamed, and bare DER has no label).
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import type { ObjectKind, PrivateKeyInfo } from "../types.js";
import { X509Error, X509ErrorCode, badInput } from "./errors.js";
import { detectPrivateKeyFormat } from "./private-key.js";

/** The kind of object, plus the key format for keys; "rsaPublicKey" is a bare PKCS#1 RSAPublicKey. */
export type DerShape =
  | { kind: Exclude<ObjectKind, "privateKey"> }
  | { kind: "privateKey"; format: PrivateKeyInfo["format"] }
  | { kind: "rsaPublicKey" };

function isTime(tlv: Tlv | undefined): boolean {
  return tlv?.tag === Tag.utcTime || tlv?.tag === Tag.generalizedTime;
}

/** Tells a signed X.509 object (certificate, CSR, CRL) by the fields of its to-be-signed part. */
function classifySigned(der: Uint8Array, tbs: Tlv): DerShape | undefined {
  const [t0, t1, , t3] = readChildren(der, tbs);
  if (t0?.tag === 0xa0) return { kind: "certificate" };
  if (t0?.tag === Tag.sequence) return { kind: "crl" }; // v1 CRL starts with its AlgorithmIdentifier
  if (t0?.tag !== Tag.integer || t1?.tag !== Tag.sequence) return undefined;
  const inner = t1.start < t1.end ? readTlv(der, t1.start, t1.end) : undefined;
  // CSR: version then subject Name (a SEQUENCE of SETs); certificate v1 and CRL v2: then an AlgorithmIdentifier.
  if (!inner || inner.tag === Tag.set) return { kind: "csr" };
  if (inner.tag !== Tag.oid) return undefined;
  if (t3?.tag === Tag.sequence) return { kind: "certificate" };
  if (isTime(t3)) return { kind: "crl" };
  return undefined;
}

/** Classifies the DER object `der` (exactly one TLV). Throws X509Error when it is none of the known kinds. */
export function classifyDer(der: Uint8Array): DerShape {
  const top = readTlv(der, 0, der.length);
  if (top.tag !== Tag.sequence) {
    throw badInput(`expected an ASN.1 SEQUENCE (0x30) at byte 0, found 0x${(der[0] ?? 0).toString(16).padStart(2, "0")}`);
  }
  const kids = readChildren(der, top);
  const [k0, k1, k2] = kids;
  if (k0?.tag === Tag.integer && k0.length === 1 && der[k0.start] === 3 && k1?.tag === Tag.sequence) return { kind: "pkcs12" };
  if (k0?.tag === Tag.oid) return { kind: "pkcs7" };
  if (kids.length === 3 && k0?.tag === Tag.sequence && k1?.tag === Tag.sequence && k2?.tag === Tag.bitString) {
    const shape = classifySigned(der, k0);
    if (shape) return shape;
  }
  if (kids.length === 2 && k0?.tag === Tag.sequence && k1?.tag === Tag.bitString) return { kind: "publicKey" };
  if (kids.length === 2 && k0?.tag === Tag.integer && k1?.tag === Tag.integer) return { kind: "rsaPublicKey" };
  const format = kids.length >= 2 ? detectPrivateKeyFormat(der, top) : undefined;
  if (format) return { kind: "privateKey", format };
  throw new X509Error(
    X509ErrorCode.badInput,
    "the ASN.1 structure is not a certificate, CSR, CRL, PKCS#7, PKCS#12, private key or public key",
  );
}
