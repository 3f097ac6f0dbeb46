/**
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7): algorithm, size in bits, curve, and whether EC parameters are explicit.
 */
import { type Tlv, Tag, expectTlv, readTlv } from "../asn1/der.js";
import { CurveOids, KeyAlgorithmOids } from "../asn1/oids.js";
import { bitLength, readOid } from "../asn1/values.js";
import { X509Error, badInput } from "../decode/errors.js";
import type { ParsedPublicKey } from "./types.js";

/** Fixed sizes that OpenSSL reports ("ED25519 Public-Key:" and friends; X25519's field is 253 bits). */
const FixedSizes: Readonly<Record<string, number>> = { Ed25519: 256, Ed448: 456, X25519: 253, X448: 448 };

/** Reads the SPKI at `spki` (a SEQUENCE { AlgorithmIdentifier, BIT STRING }); throws X509Error when malformed. */
export function readPublicKey(bytes: Uint8Array, spki: Tlv): ParsedPublicKey {
  if (spki.tag !== Tag.sequence) throw badInput("SubjectPublicKeyInfo: expected a SEQUENCE", spki.offset);
  const algId = expectTlv(bytes, spki.start, spki.end, Tag.sequence, "SubjectPublicKeyInfo algorithm");
  const keyBits = expectTlv(bytes, algId.end, spki.end, Tag.bitString, "SubjectPublicKeyInfo key");
  if (keyBits.end !== spki.end) throw badInput("SubjectPublicKeyInfo: bytes after the key", keyBits.end);
  if (keyBits.length === 0) throw badInput("SubjectPublicKeyInfo: empty BIT STRING", keyBits.offset);
  const oidTlv = expectTlv(bytes, algId.start, algId.end, Tag.oid, "key algorithm");
  const oid = readOid(bytes, oidTlv);
  const params = oidTlv.end < algId.end ? readTlv(bytes, oidTlv.end, algId.end) : undefined;
  const algorithm = KeyAlgorithmOids[oid] ?? oid;
  // BIT STRING: one octet of unused bits, then the key (RFC 5280 keeps whole octets).
  const keyBytes = bytes.subarray(keyBits.start + 1, keyBits.end);
  const base = { algorithm, oid, explicitEcParams: false, der: bytes.subarray(spki.offset, spki.end), keyBytes, range: { start: spki.offset, end: spki.end } };
  const fixed = FixedSizes[algorithm];
  if (fixed !== undefined) return { ...base, bits: fixed };
  try {
    return sized(bytes, base, params);
  } catch (error) {
    // OpenSSL's d2i keeps a certificate whose key does not decode (X509_get0_pubkey is NULL later): so do we.
    if (!(error instanceof X509Error)) throw error;
    return { ...base, bits: 0, malformed: `${algorithm} key: ${error.message.replace(/ at byte (\d+)/g, " at byte $1 of the key")}` };
  }
}

/** The size (and curve) of a key whose contents must be read: RSA modulus, EC point and curve, DSA prime. */
function sized(bytes: Uint8Array, base: Omit<ParsedPublicKey, "bits">, params: Tlv | undefined): ParsedPublicKey {
  const { algorithm, keyBytes } = base;
  if (algorithm === "RSA" || algorithm === "RSA-PSS") {
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)
    const seq = expectTlv(keyBytes, 0, keyBytes.length, Tag.sequence, "RSA public key");
    const modulus = expectTlv(keyBytes, seq.start, seq.end, Tag.integer, "RSA modulus");
    return { ...base, bits: bitLength(keyBytes.subarray(modulus.start, modulus.end)) };
  }
  if (algorithm === "EC") {
    // Uncompressed point 04||X||Y or compressed 02/03||X (SEC 1 2.3.3): the field size follows from it.
    const pointBits = keyBytes[0] === 4 ? ((keyBytes.length - 1) / 2) * 8 : (keyBytes.length - 1) * 8;
    if (params?.tag === Tag.oid) {
      const curveOid = readOid(bytes, params);
      const known = CurveOids[curveOid];
      return { ...base, bits: known?.size ?? pointBits, curve: known?.name ?? curveOid };
    }
    // ECParameters spelled out (RFC 3279 2.3.5): allowed by the syntax, refused by OpenSSL 3's verifier.
    return { ...base, bits: pointBits, curve: "explicit", explicitEcParams: params?.tag === Tag.sequence };
  }
  if (algorithm === "DSA" && params?.tag === Tag.sequence) {
    // Dss-Parms ::= SEQUENCE { p, q, g } (RFC 3279 2.3.2): the size is p's.
    const p = expectTlv(bytes, params.start, params.end, Tag.integer, "DSA prime");
    return { ...base, bits: bitLength(bytes.subarray(p.start, p.end)) };
  }
  return { ...base, bits: keyBytes.length * 8 };
}
