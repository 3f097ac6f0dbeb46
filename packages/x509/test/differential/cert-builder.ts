/**
 * Certificates as editable specs: every TBS field is a DER byte string, so a mutation replaces exactly one
 * field and the certificate is then signed again with node:crypto (only the intended property changes).
 */
import { type KeyObject, createHash, createPublicKey, generateKeyPairSync, constants as cryptoConstants, sign } from "node:crypto";
import { bits, bool, cat, ctx, int, nul, octets, oid, seq, time, tlv } from "./der.js";

export const KeyKind = {
  p256: "p256",
  p384: "p384",
  p521: "p521",
  p224: "p224",
  p192: "p192",
  secp256k1: "secp256k1",
  rsa2048: "rsa2048",
  rsa1024: "rsa1024",
  rsaPss: "rsaPss",
  ed25519: "ed25519",
  ed448: "ed448",
  dsa: "dsa",
} as const;
export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

/** A signing key with its SubjectPublicKeyInfo, its signature AlgorithmIdentifier and a signer. */
export interface Key {
  kind: KeyKind;
  privateKey: KeyObject;
  spki: Uint8Array;
  sigAlg: Uint8Array;
  /** RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
  keyId: Uint8Array;
  sign(tbs: Uint8Array): Uint8Array;
}

const sha256Id = seq(oid("2.16.840.1.101.3.4.2.1"));
/** RSASSA-PSS-params with SHA-256, MGF1-SHA-256, salt 32 (RFC 4055 3.1). */
export const pssSigAlg = seq(oid("1.2.840.113549.1.1.10"), seq(ctx(0, true, sha256Id), ctx(1, true, seq(oid("1.2.840.113549.1.1.8"), sha256Id)), ctx(2, true, int(32))));

const SigAlgs: Record<KeyKind, Uint8Array> = {
  p256: seq(oid("1.2.840.10045.4.3.2")),
  p384: seq(oid("1.2.840.10045.4.3.3")),
  p521: seq(oid("1.2.840.10045.4.3.4")),
  p224: seq(oid("1.2.840.10045.4.3.2")),
  p192: seq(oid("1.2.840.10045.4.3.2")),
  secp256k1: seq(oid("1.2.840.10045.4.3.2")),
  rsa2048: seq(oid("1.2.840.113549.1.1.11"), nul()),
  rsa1024: seq(oid("1.2.840.113549.1.1.11"), nul()),
  rsaPss: pssSigAlg,
  ed25519: seq(oid("1.3.101.112")),
  ed448: seq(oid("1.3.101.113")),
  dsa: seq(oid("2.16.840.1.101.3.4.3.2")),
};

const Curves: Partial<Record<KeyKind, string>> = { p256: "prime256v1", p384: "secp384r1", p521: "secp521r1", p224: "secp224r1", p192: "prime192v1", secp256k1: "secp256k1" };

function generate(kind: KeyKind): KeyObject {
  const curve = Curves[kind];
  if (curve) return generateKeyPairSync("ec", { namedCurve: curve }).privateKey;
  switch (kind) {
    case "rsa2048":
      return generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    case "rsa1024":
      return generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    case "rsaPss":
      return generateKeyPairSync("rsa-pss", { modulusLength: 2048, hashAlgorithm: "sha256", mgf1HashAlgorithm: "sha256", saltLength: 32 }).privateKey;
    case "ed25519":
      return generateKeyPairSync("ed25519").privateKey;
    case "ed448":
      return generateKeyPairSync("ed448").privateKey;
    case "dsa":
      return generateKeyPairSync("dsa", { modulusLength: 2048, divisorLength: 256 }).privateKey;
    default:
      throw new Error(`no key kind ${kind}`);
  }
}

/** Reads the subjectPublicKey BIT STRING contents of an SPKI (for the key identifier). */
function publicKeyBits(spki: Uint8Array): Uint8Array {
  // SEQUENCE { AlgorithmIdentifier, BIT STRING }: skip the outer header and the algorithm.
  const skipHeader = (at: number) => (spki[at + 1]! & 0x80 ? at + 2 + (spki[at + 1]! & 0x7f) : at + 2);
  const lengthAt = (at: number) => {
    const first = spki[at + 1]!;
    if (!(first & 0x80)) return first;
    let n = 0;
    for (let i = 0; i < (first & 0x7f); i++) n = n * 256 + spki[at + 2 + i]!;
    return n;
  };
  const algorithm = skipHeader(0);
  const bitString = skipHeader(algorithm) + lengthAt(algorithm);
  return spki.subarray(skipHeader(bitString) + 1, skipHeader(bitString) + lengthAt(bitString));
}

/** A fresh key of the given kind. */
export function makeKey(kind: KeyKind): Key {
  const privateKey = generate(kind);
  const spki = new Uint8Array(createPublicKey(privateKey).export({ type: "spki", format: "der" }));
  const hash = kind === "p384" ? "sha384" : kind === "p521" ? "sha512" : kind === "ed25519" || kind === "ed448" ? null : "sha256";
  return {
    kind,
    privateKey,
    spki,
    sigAlg: SigAlgs[kind],
    keyId: new Uint8Array(createHash("sha1").update(publicKeyBits(spki)).digest()),
    sign: (tbs) =>
      new Uint8Array(
        kind === "rsaPss"
          ? sign(hash, tbs, { key: privateKey, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
          : sign(hash, tbs, privateKey),
      ),
  };
}

/** One extension: extnValue holds the DER of the extension's own value (written as given). */
export interface ExtensionSpec {
  oid: string;
  /** true / false (omitted, the DER default) / "explicit-false" (BOOLEAN FALSE written, which DER forbids). */
  critical?: boolean | "explicit-false";
  value: Uint8Array;
}

/** Every field of a TBSCertificate as DER; `undefined` leaves optional ones out. */
export interface CertSpec {
  /** The [0] version value (2 = v3); null leaves the field out (v1). */
  version: number | null;
  serial: Uint8Array;
  /** The TBS signature AlgorithmIdentifier; default the signer's. */
  tbsSigAlg?: Uint8Array;
  /** The outer signatureAlgorithm; default the TBS one. */
  outerSigAlg?: Uint8Array;
  issuer: Uint8Array;
  notBefore: Uint8Array;
  notAfter: Uint8Array;
  subject: Uint8Array;
  spki: Uint8Array;
  issuerUid?: Uint8Array;
  subjectUid?: Uint8Array;
  extensions?: ExtensionSpec[];
  /** Replaces the whole [3] field (raw bytes); takes precedence over `extensions`. */
  rawExtensions?: Uint8Array;
  /** Bytes appended inside the TBS SEQUENCE / after the Certificate SEQUENCE. */
  tbsTrailing?: Uint8Array;
  certTrailing?: Uint8Array;
  /** Flip one bit of the signature after signing. */
  badSignature?: boolean;
}

/** Extension DER (RFC 5280 4.1). */
export function extensionDer(e: ExtensionSpec): Uint8Array {
  const critical = e.critical === true ? bool(true) : e.critical === "explicit-false" ? bool(false) : new Uint8Array();
  return seq(oid(e.oid), critical, octets(e.value));
}

/** The TBSCertificate DER of a spec, for a signer's algorithm. */
export function tbsDer(spec: CertSpec, signer: Key): Uint8Array {
  const version = spec.version === null ? new Uint8Array() : ctx(0, true, int(spec.version));
  let extensions = new Uint8Array();
  if (spec.rawExtensions) extensions = spec.rawExtensions;
  else if (spec.extensions && spec.extensions.length > 0) extensions = ctx(3, true, seq(...spec.extensions.map(extensionDer)));
  return seq(
    version,
    spec.serial,
    spec.tbsSigAlg ?? signer.sigAlg,
    spec.issuer,
    seq(spec.notBefore, spec.notAfter),
    spec.subject,
    spec.spki,
    spec.issuerUid ?? new Uint8Array(),
    spec.subjectUid ?? new Uint8Array(),
    extensions,
    spec.tbsTrailing ?? new Uint8Array(),
  );
}

/** Signs the spec's TBS with `signer` and returns the Certificate DER. */
export function issue(spec: CertSpec, signer: Key): Uint8Array {
  const tbs = tbsDer(spec, signer);
  const signature = signer.sign(tbs);
  if (spec.badSignature) signature[signature.length - 1]! ^= 0x01;
  return cat(seq(tbs, spec.outerSigAlg ?? spec.tbsSigAlg ?? signer.sigAlg, bits(signature)), spec.certTrailing ?? new Uint8Array());
}

/** Validity around `at`: from a day before to 30 days after, as RFC 5280 times. */
export function validity(at: Date, beforeDays = 1, afterDays = 30): { notBefore: Uint8Array; notAfter: Uint8Array } {
  return { notBefore: time(new Date(at.getTime() - beforeDays * 86_400_000)), notAfter: time(new Date(at.getTime() + afterDays * 86_400_000)) };
}

export { tlv };
