/**
 * SubjectPublicKeyInfo (RFC 5280 4.1.2.7): algorithm, size in bits, curve; and the digest that pins it.
 */
import { type Tlv, Tag, expectTlv, readTlv } from "../asn1/der.js";
import { CurveOids, KeyAlgorithmOids } from "../asn1/oids.js";
import { bitLength, readOid } from "../asn1/values.js";
import { digestHex } from "../encoding.js";
import type { CryptoProvider, PublicKeyInfo } from "../types.js";
import { badInput } from "./errors.js";

/** What the SPKI says, before hashing: enough to describe it and to verify with it. */
export interface SpkiFacts {
  algorithm: string;
  /** The algorithm OID as written. */
  oid: string;
  size: number;
  curve?: string;
  /** The whole SubjectPublicKeyInfo DER (a view into the input). */
  der: Uint8Array;
}

/** Fixed sizes that OpenSSL reports ("ED25519 Public-Key:" and friends; X25519's field is 253 bits). */
const FixedSizes: Readonly<Record<string, number>> = { Ed25519: 256, Ed448: 456, X25519: 253, X448: 448 };

/** Reads the SPKI at `spki` (a SEQUENCE { AlgorithmIdentifier, BIT STRING }). */
export function readSpki(bytes: Uint8Array, spki: Tlv): SpkiFacts {
  if (spki.tag !== Tag.sequence) throw badInput("SubjectPublicKeyInfo: expected a SEQUENCE", spki.offset);
  const algId = expectTlv(bytes, spki.start, spki.end, Tag.sequence, "SubjectPublicKeyInfo algorithm");
  const keyBits = expectTlv(bytes, algId.end, spki.end, Tag.bitString, "SubjectPublicKeyInfo key");
  const oidTlv = expectTlv(bytes, algId.start, algId.end, Tag.oid, "key algorithm");
  const oid = readOid(bytes, oidTlv);
  const params = oidTlv.end < algId.end ? readTlv(bytes, oidTlv.end, algId.end) : undefined;
  const algorithm = KeyAlgorithmOids[oid] ?? oid;
  // BIT STRING: one octet of unused bits, then the key (RFC 5280 keeps whole octets).
  const key = bytes.subarray(Math.min(keyBits.start + 1, keyBits.end), keyBits.end);
  const der = bytes.subarray(spki.offset, spki.end);
  const fixed = FixedSizes[algorithm];
  if (fixed !== undefined) return { algorithm, oid, size: fixed, der };
  if (algorithm === "RSA" || algorithm === "RSA-PSS") {
    // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)
    const seq = expectTlv(key, 0, key.length, Tag.sequence, "RSA public key");
    const modulus = expectTlv(key, seq.start, seq.end, Tag.integer, "RSA modulus");
    return { algorithm, oid, size: bitLength(key.subarray(modulus.start, modulus.end)), der };
  }
  if (algorithm === "EC") {
    // Uncompressed point 04||X||Y or compressed 02/03||X (SEC 1 2.3.3): the field size follows from it.
    const pointBits = key[0] === 4 ? ((key.length - 1) / 2) * 8 : (key.length - 1) * 8;
    if (params?.tag === Tag.oid) {
      const curveOid = readOid(bytes, params);
      const known = CurveOids[curveOid];
      return { algorithm, oid, size: known?.size ?? pointBits, curve: known?.name ?? curveOid, der };
    }
    return { algorithm, oid, size: pointBits, curve: "explicit", der };
  }
  if (algorithm === "DSA" && params?.tag === Tag.sequence) {
    const p = expectTlv(bytes, params.start, params.end, Tag.integer, "DSA prime");
    return { algorithm, oid, size: bitLength(bytes.subarray(p.start, p.end)), der };
  }
  return { algorithm, oid, size: key.length * 8, der };
}

/** The public `PublicKeyInfo` of decoded SPKI facts: adds the SHA-256 of the SPKI DER. */
export async function describeSpki(facts: SpkiFacts, crypto: CryptoProvider): Promise<PublicKeyInfo> {
  const info: PublicKeyInfo = { algorithm: facts.algorithm, size: facts.size, spkiSha256: await digestHex("SHA-256", facts.der, crypto) };
  if (facts.curve !== undefined) info.curve = facts.curve;
  return info;
}
