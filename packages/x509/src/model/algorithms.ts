/**
 * Algorithm and extension facts the model, the signature verifier and the checks share: which key family and
 * hash a signature OID means, which curves WebCrypto has, which critical extensions OpenSSL handles.
 */
import { SignatureAlgorithmOids } from "../asn1/oids.js";

/** Key families a signature algorithm needs. */
export type SignatureKeyFamily = "RSA" | "RSA-PSS" | "EC" | "Ed25519" | "Ed448" | "DSA";

/** Signature algorithms: the key family, the hash (WebCrypto's name), and OpenSSL's long name. */
export const SignatureAlgorithms: Readonly<Record<string, { key: SignatureKeyFamily; hash?: string; name: string }>> = {
  "1.2.840.113549.1.1.2": { key: "RSA", hash: "MD2", name: "md2WithRSAEncryption" },
  "1.2.840.113549.1.1.4": { key: "RSA", hash: "MD5", name: "md5WithRSAEncryption" },
  "1.2.840.113549.1.1.5": { key: "RSA", hash: "SHA-1", name: "sha1WithRSAEncryption" },
  // OIW's older OID for the same algorithm (OpenSSL: RSA-SHA1-2, long name sha1WithRSA).
  "1.3.14.3.2.29": { key: "RSA", hash: "SHA-1", name: "sha1WithRSA" },
  "1.2.840.113549.1.1.14": { key: "RSA", hash: "SHA-224", name: "sha224WithRSAEncryption" },
  "1.2.840.113549.1.1.11": { key: "RSA", hash: "SHA-256", name: "sha256WithRSAEncryption" },
  "1.2.840.113549.1.1.12": { key: "RSA", hash: "SHA-384", name: "sha384WithRSAEncryption" },
  "1.2.840.113549.1.1.13": { key: "RSA", hash: "SHA-512", name: "sha512WithRSAEncryption" },
  "1.2.840.113549.1.1.10": { key: "RSA-PSS", name: "rsassaPss" },
  "1.2.840.10045.4.1": { key: "EC", hash: "SHA-1", name: "ecdsa-with-SHA1" },
  "1.2.840.10045.4.3.1": { key: "EC", hash: "SHA-224", name: "ecdsa-with-SHA224" },
  "1.2.840.10045.4.3.2": { key: "EC", hash: "SHA-256", name: "ecdsa-with-SHA256" },
  "1.2.840.10045.4.3.3": { key: "EC", hash: "SHA-384", name: "ecdsa-with-SHA384" },
  "1.2.840.10045.4.3.4": { key: "EC", hash: "SHA-512", name: "ecdsa-with-SHA512" },
  "1.3.101.112": { key: "Ed25519", name: "ED25519" },
  "1.3.101.113": { key: "Ed448", name: "ED448" },
  "1.2.840.10040.4.3": { key: "DSA", hash: "SHA-1", name: "dsaWithSHA1" },
  "2.16.840.1.101.3.4.3.1": { key: "DSA", hash: "SHA-224", name: "dsa_with_SHA224" },
  "2.16.840.1.101.3.4.3.2": { key: "DSA", hash: "SHA-256", name: "dsa_with_SHA256" },
};

/** OpenSSL's long name of a signature algorithm OID, or the OID. */
export function signatureAlgorithmName(oid: string): string {
  return SignatureAlgorithms[oid]?.name ?? SignatureAlgorithmOids[oid] ?? oid;
}

/** True when a key of `keyAlgorithm` can have made a signature of `signatureOid` (OpenSSL's issued check). */
export function signatureFitsKey(signatureOid: string, keyAlgorithm: string): boolean {
  const family = SignatureAlgorithms[signatureOid]?.key;
  return family === keyAlgorithm || (family === "RSA-PSS" && keyAlgorithm === "RSA");
}

/** Hash OIDs inside RSA-PSS parameters (RFC 4055 2.1), by WebCrypto's names. */
export const HashOids: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.4": "SHA-224",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

/** Hashes WebCrypto implements (WebCrypto has no MD2, MD5 or SHA-224). */
export const WebCryptoHashes: ReadonlySet<string> = new Set(["SHA-1", "SHA-256", "SHA-384", "SHA-512"]);

/** Curves WebCrypto's ECDSA implements, by their WebCrypto names. */
export const WebCryptoCurves: ReadonlySet<string> = new Set(["P-256", "P-384", "P-521"]);

/** RFC 5280 4.2.1 extensions that chain verification reads. */
export const ExtensionOid = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  netscapeCertType: "2.16.840.1.113730.1.1",
  proxyCertInfo: "1.3.6.1.5.5.7.1.14",
  sbgpIpAddrBlock: "1.3.6.1.5.5.7.1.7",
  sbgpAutonomousSysNum: "1.3.6.1.5.5.7.1.8",
} as const;
export type ExtensionOid = (typeof ExtensionOid)[keyof typeof ExtensionOid];

/**
 * Critical extensions OpenSSL 3.0 does not fail on (X509_supported_extension in v3_purp.c: nsCertType, keyUsage,
 * subjectAltName, basicConstraints, certificatePolicies, crlDistributionPoints, extKeyUsage, proxyCertInfo,
 * policyConstraints, nameConstraints, policyMappings, inhibitAnyPolicy, the RFC 3779 blocks). Measured with
 * `openssl verify` 3.0.19: a critical SKI, AKI, issuerAltName or AIA gives "unhandled critical extension".
 */
export const HandledCritical: ReadonlySet<string> = new Set([
  ExtensionOid.netscapeCertType,
  ExtensionOid.keyUsage,
  ExtensionOid.subjectAltName,
  ExtensionOid.basicConstraints,
  ExtensionOid.certificatePolicies,
  ExtensionOid.crlDistributionPoints,
  ExtensionOid.extKeyUsage,
  ExtensionOid.proxyCertInfo,
  ExtensionOid.policyConstraints,
  ExtensionOid.nameConstraints,
  ExtensionOid.policyMappings,
  ExtensionOid.inhibitAnyPolicy,
  ExtensionOid.sbgpIpAddrBlock,
  ExtensionOid.sbgpAutonomousSysNum,
]);
