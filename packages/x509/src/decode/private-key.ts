/**
 * Private keys: PKCS#8 (RFC 5208 / RFC 5958), PKCS#1 RSA (RFC 8017 A.1.2), SEC1 EC (RFC 5915), encrypted
 * PKCS#8 (detected, not opened). A key is described by its public half, never echoed unless asked.
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { encodeOid, encodeTlv } from "../asn1/encode.js";
import { ContainerOids } from "../asn1/oids.js";
import { readOid } from "../asn1/values.js";
import { fromBase64, toPem } from "../encoding.js";
import type { CryptoProvider, PrivateKeyInfo } from "../types.js";
import { X509Error, badInput } from "./errors.js";
import { describeSpki, readSpki } from "./public-key.js";

const RSA_OID = "1.2.840.113549.1.1.1";
const EC_OID = "1.2.840.10045.2.1";
const NULL = new Uint8Array([0x05, 0x00]);

function bitString(content: Uint8Array): Uint8Array {
  const body = new Uint8Array(content.length + 1);
  body.set(content, 1);
  return encodeTlv(Tag.bitString, body);
}

function rsaSpki(der: Uint8Array, rsaKey: Tlv): Uint8Array {
  // RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, ... }
  const [, n, e] = readChildren(der, rsaKey);
  if (n?.tag !== Tag.integer || e?.tag !== Tag.integer) throw badInput("RSA private key: expected modulus and exponent", rsaKey.offset);
  const pub = encodeTlv(Tag.sequence, der.subarray(n.offset, n.end), der.subarray(e.offset, e.end));
  return encodeTlv(Tag.sequence, encodeTlv(Tag.sequence, encodeOid(RSA_OID), NULL), bitString(pub));
}

/** ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey } */
function ecSpki(der: Uint8Array, ecKey: Tlv, curveFromAlgorithm?: Uint8Array): Uint8Array | undefined {
  let curve = curveFromAlgorithm;
  let point: Uint8Array | undefined;
  for (const item of readChildren(der, ecKey)) {
    if (item.tag === 0xa0) curve = der.subarray(item.start, item.end);
    else if (item.tag === 0xa1) {
      const bits = expectTlv(der, item.start, item.end, Tag.bitString, "EC public key");
      point = der.subarray(bits.start + 1, bits.end);
    }
  }
  // Without the optional public key the point would need EC arithmetic; the key is then described without it.
  if (!curve || !point) return undefined;
  return encodeTlv(Tag.sequence, encodeTlv(Tag.sequence, encodeOid(EC_OID), curve), bitString(point));
}

/** Ed25519/Ed448 PKCS#8 holds only the seed: WebCrypto derives the public key (JWK "x"). */
async function edwardsSpki(der: Uint8Array, oid: string, crypto: CryptoProvider): Promise<Uint8Array | undefined> {
  const name = oid === "1.3.101.112" ? "Ed25519" : "Ed448";
  try {
    const key = await crypto.subtle.importKey("pkcs8", der as Uint8Array<ArrayBuffer>, { name }, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", key);
    const x = jwk.x ? fromBase64(jwk.x.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(jwk.x.length / 4) * 4, "=")) : null;
    return x ? encodeTlv(Tag.sequence, encodeTlv(Tag.sequence, encodeOid(oid)), bitString(x)) : undefined;
  } catch {
    return undefined;
  }
}

/** The format of a private key DER, from its structure; undefined when it is not one. */
export function detectPrivateKeyFormat(der: Uint8Array, top: Tlv): PrivateKeyInfo["format"] | undefined {
  const first = readTlv(der, top.start, top.end);
  const second = first.end < top.end ? readTlv(der, first.end, top.end) : undefined;
  if (!second) return undefined;
  if (first.tag === Tag.sequence && second.tag === Tag.octetString) return "encrypted-pkcs8";
  if (first.tag !== Tag.integer || first.length !== 1) return undefined;
  const version = der[first.start];
  if ((version === 0 || version === 1) && second.tag === Tag.sequence) return "pkcs8";
  if (version === 0 && second.tag === Tag.integer) return "pkcs1";
  if (version === 1 && second.tag === Tag.octetString) return "sec1";
  return undefined;
}

const Labels = { pkcs8: "PRIVATE KEY", pkcs1: "RSA PRIVATE KEY", sec1: "EC PRIVATE KEY", "encrypted-pkcs8": "ENCRYPTED PRIVATE KEY" } as const;

/** Describes a private key (type, size, curve, SPKI SHA-256 of its public half). */
export async function decodePrivateKeyDer(
  der: Uint8Array,
  format: PrivateKeyInfo["format"],
  options: { crypto: CryptoProvider; reveal: boolean; legacyEncrypted?: boolean },
  where = "private key",
): Promise<PrivateKeyInfo> {
  const own = der.slice();
  const info: PrivateKeyInfo = { kind: "privateKey", format, encrypted: format === "encrypted-pkcs8" || options.legacyEncrypted === true, der: own };
  if (options.reveal) info.pem = toPem(own, Labels[format]);
  if (options.legacyEncrypted) return info;
  try {
    const top = expectTlv(der, 0, der.length, Tag.sequence, "private key");
    let spki: Uint8Array | undefined;
    if (format === "encrypted-pkcs8") {
      const alg = expectTlv(der, top.start, top.end, Tag.sequence, "encryption algorithm");
      const oid = readOid(der, expectTlv(der, alg.start, alg.end, Tag.oid, "encryption algorithm"));
      info.encryption = ContainerOids[oid] ?? oid;
      return info;
    }
    if (format === "pkcs1") spki = rsaSpki(der, top);
    else if (format === "sec1") spki = ecSpki(der, top);
    else {
      const [, alg, key] = readChildren(der, top);
      if (alg?.tag !== Tag.sequence || key?.tag !== Tag.octetString) throw badInput("PKCS#8: expected algorithm and key", top.offset);
      const oidTlv = expectTlv(der, alg.start, alg.end, Tag.oid, "PKCS#8 algorithm");
      const oid = readOid(der, oidTlv);
      const inner = key.start < key.end ? readTlv(der, key.start, key.end) : undefined;
      if (oid === RSA_OID && inner) spki = rsaSpki(der, inner);
      else if (oid === EC_OID && inner) {
        const params = oidTlv.end < alg.end ? readTlv(der, oidTlv.end, alg.end) : undefined;
        spki = ecSpki(der, inner, params ? der.subarray(params.offset, params.end) : undefined);
      } else if (oid === "1.3.101.112" || oid === "1.3.101.113") spki = await edwardsSpki(der, oid, options.crypto);
      else return info;
    }
    if (spki) info.publicKey = await describeSpki(readSpki(spki, readTlv(spki, 0)), options.crypto);
    return info;
  } catch (error) {
    if (error instanceof X509Error) throw error.message.startsWith(where) ? error : new X509Error(error.code, `${where}: ${error.message}`);
    throw error;
  }
}

/** A legacy OpenSSL-encrypted PEM key ("Proc-Type: 4,ENCRYPTED"): encrypted, nothing else can be read. */
export function isLegacyEncrypted(headers: Record<string, string>): boolean {
  return /ENCRYPTED/i.test(headers["Proc-Type"] ?? "");
}
