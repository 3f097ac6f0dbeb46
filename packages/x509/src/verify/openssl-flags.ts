/**
 * What OpenSSL 3.0's ossl_x509v3_cache_extensions() (crypto/x509/v3_purp.c) concludes about a certificate,
 * computed from the model: EXFLAG_INVALID, the unhandled critical extensions, EXFLAG_SS. Measured with
 * OpenSSL 3.0.19 on the differential corpus (packages/x509/test/differential): an extension of the cached
 * kinds that X509_get_ext_d2i cannot read, or that occurs twice, makes the certificate invalid; an invalid
 * certificate issues nothing and has no issuer (ossl_x509_likely_issued fails), so chains through it stop.
 */
import { readTlv } from "../asn1/der.js";
import type { ParsedDistributionPoint } from "../model/extension-values.js";
import type { ParsedCertificate } from "../model/types.js";
import { ExtensionOid, HandledCritical, signatureFitsKey } from "../model/algorithms.js";

/** Extensions x509v3_cache_extensions reads with X509_get_ext_d2i: a failure or a duplicate sets EXFLAG_INVALID. */
const CACHED: ReadonlySet<string> = new Set([
  ExtensionOid.basicConstraints,
  ExtensionOid.keyUsage,
  ExtensionOid.extKeyUsage,
  ExtensionOid.subjectAltName,
  ExtensionOid.subjectKeyIdentifier,
  ExtensionOid.authorityKeyIdentifier,
  ExtensionOid.nameConstraints,
  ExtensionOid.crlDistributionPoints,
]);

/**
 * X509_supported_extension() in 3.0.19: the handled set plus crlDistributionPoints (a critical CRLDP is no
 * UNHANDLED_CRITICAL_EXTENSION in `openssl verify`; a critical SKI, AKI, issuerAltName or AIA is).
 */
const SUPPORTED_CRITICAL: ReadonlySet<string> = new Set([...HandledCritical, ExtensionOid.crlDistributionPoints]);

/** OpenSSL's view of one certificate. */
export interface OpensslFlags {
  /** EXFLAG_INVALID: an extension OpenSSL needs does not decode, occurs twice, or says something impossible. */
  invalid: boolean;
  /** EXFLAG_CRITICAL: a critical extension OpenSSL does not handle. */
  unhandledCritical: boolean;
  /** EXFLAG_SS: self-issued, X509_check_akid(x, x->akid) passes and the signature algorithm fits its own key. */
  selfSigned: boolean;
  /**
   * X509_get0_pubkey() returns a key: the algorithm is one OpenSSL's decoders know and the key fits it. Without
   * one the certificate issues nothing (check_sig_alg_match fails) and X509_get_pubkey_parameters() stops
   * verification (X509_V_ERR_UNSPECIFIED when nothing else was reported).
   */
  keyDecodable: boolean;
  /** A DSA key whose parameters are inherited from its issuer (EVP_PKEY_missing_parameters). */
  missingParameters: boolean;
  /** The first octet of Netscape's nsCertType BIT STRING (ex_nscert), null without the extension. */
  nsCertType: number | null;
}

/** Netscape certificate type bits (x509v3.h NS_SSL_CLIENT ... NS_OBJSIGN_CA). */
export const NsCertType = { sslClient: 0x80, sslServer: 0x40, sslCa: 0x04, anyCa: 0x07 } as const;

/** nsCertType as x509v3_cache_extensions reads it: the first octet, or "invalid" when d2i fails. */
function nsCertType(cert: ParsedCertificate): number | null | "invalid" {
  const ext = cert.extensions.find((e) => e.oid === ExtensionOid.netscapeCertType);
  if (!ext) return null;
  if (cert.duplicateExtensions.includes(ext.oid)) return "invalid";
  try {
    const bits = readTlv(ext.value, 0, ext.value.length);
    if (bits.tag !== 0x03 || bits.length < 1 || ext.value[bits.start]! > 7) return "invalid";
    return bits.length > 1 ? ext.value[bits.start + 1]! : 0;
  } catch {
    return "invalid";
  }
}

/** Key algorithms OpenSSL 3.0's default provider decodes, with the key length each needs (0: any). */
const KEY_SIZES: Readonly<Record<string, number>> = { RSA: 0, "RSA-PSS": 0, EC: 0, DSA: 0, Ed25519: 32, Ed448: 57, X25519: 32, X448: 56 };

function keyDecodable(cert: ParsedCertificate): boolean {
  const key = cert.publicKey;
  // The model could not read the key's contents (an RSA key that is not RSAPublicKey...): neither can OpenSSL.
  if (key.malformed) return false;
  const size = KEY_SIZES[key.algorithm];
  if (size === undefined) return false;
  if (size > 0) return key.keyBytes.length === size;
  if (key.algorithm === "DSA") return hasParameters(cert);
  if (key.algorithm === "EC" && !key.explicitEcParams) {
    // An uncompressed (04) or compressed (02/03) point of the curve's field size (SEC 1 2.3.3).
    const field = Math.ceil(key.bits / 8);
    const point = key.keyBytes;
    return (point[0] === 4 && point.length === 1 + 2 * field) || ((point[0] === 2 || point[0] === 3) && point.length === 1 + field);
  }
  return true;
}

/** True when the SPKI's AlgorithmIdentifier carries parameters (Dss-Parms for DSA). */
function hasParameters(cert: ParsedCertificate): boolean {
  const der = cert.publicKey.der;
  const spki = readTlv(der, 0, der.length);
  const algorithm = readTlv(der, spki.start, spki.end);
  const oid = readTlv(der, algorithm.start, algorithm.end);
  return oid.end < algorithm.end;
}

/**
 * asn1_get_length() (crypto/asn1/asn1_lib.c) refuses a long-form length unless at least one more octet than
 * the length octets remains in the input: `30 81 00` at the end of an extension value does not decode.
 */
function longFormAtEnd(value: Uint8Array): boolean {
  if (value.length < 2 || !(value[1]! & 0x80) || value[1] === 0x80) return false;
  return value.length - 2 < (value[1]! & 0x7f) + 1;
}

function isInvalid(cert: ParsedCertificate): boolean {
  for (const ext of cert.extensions) {
    if (!CACHED.has(ext.oid)) continue;
    if (cert.duplicateExtensions.includes(ext.oid)) return true;
    if (ext.decoded === undefined || longFormAtEnd(ext.value)) return true;
  }
  // v3_purp.c: a negative pathLenConstraint, and a keyUsage with no bit set in its first two octets.
  if ((cert.basicConstraints?.pathLength ?? 0) < 0) return true;
  if (cert.keyUsage && cert.keyUsage.size === 0) return true;
  // setup_dp(): a DistributionPoint with neither a distributionPoint nor a cRLIssuer.
  const crldp = cert.extensions.find((e) => e.oid === ExtensionOid.crlDistributionPoints)?.decoded as ParsedDistributionPoint[] | undefined;
  if (crldp?.some((dp) => !dp.fullName && !dp.relativeName && !(dp.crlIssuer && dp.crlIssuer.length > 0))) return true;
  return false;
}

/** X509_check_akid(issuer, subject's AKI): key identifiers, serial, and the first dirName of authorityCertIssuer. */
export function akidMatches(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  if (subject.authorityKeyId !== undefined && issuer.subjectKeyId !== undefined && subject.authorityKeyId !== issuer.subjectKeyId) return false;
  if (subject.authoritySerial !== undefined && subject.authoritySerial !== issuer.serial) return false;
  const dirName = subject.authorityIssuer?.find((n) => n.type === "dirName");
  if (dirName?.name && dirName.name.key !== issuer.issuerKey) return false;
  return true;
}

const cache = new WeakMap<ParsedCertificate, OpensslFlags>();

/** OpenSSL's flags for `cert` (computed once per parsed certificate). */
export function opensslFlags(cert: ParsedCertificate): OpensslFlags {
  let flags = cache.get(cert);
  if (!flags) {
    const ns = nsCertType(cert);
    const invalid = isInvalid(cert) || ns === "invalid";
    const decodable = keyDecodable(cert);
    flags = {
      invalid,
      unhandledCritical: cert.extensions.some((e) => e.critical && !SUPPORTED_CRITICAL.has(e.oid)),
      selfSigned: !invalid && decodable && cert.selfIssued && akidMatches(cert, cert) && signatureFitsKey(cert.innerSignatureAlgorithm.oid, cert.keyAlgorithm),
      keyDecodable: decodable,
      missingParameters: cert.keyAlgorithm === "DSA" && !hasParameters(cert),
      nsCertType: ns === "invalid" ? null : ns,
    };
    cache.set(cert, flags);
  }
  return flags;
}
