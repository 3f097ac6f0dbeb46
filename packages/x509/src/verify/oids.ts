/** OIDs that chain verification reads, with the names OpenSSL prints. */

/** RFC 5280 4.2.1 extensions, plus the ones OpenSSL 3.0 treats as handled when critical (X509_supported_extension). */
export const ExtensionOid = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  inhibitAnyPolicy: "2.5.29.54",
  netscapeCertType: "2.16.840.1.113730.1.1",
  proxyCertInfo: "1.3.6.1.5.5.7.1.14",
  sbgpIpAddrBlock: "1.3.6.1.5.5.7.1.7",
  sbgpAutonomousSysNum: "1.3.6.1.5.5.7.1.8",
} as const;
export type ExtensionOid = (typeof ExtensionOid)[keyof typeof ExtensionOid];

/** OpenSSL 3.0 does not fail on these when critical (v3_purp.c, X509_supported_extension). */
export const HANDLED_CRITICAL: ReadonlySet<string> = new Set(Object.values(ExtensionOid).filter((oid) => oid !== ExtensionOid.subjectKeyIdentifier && oid !== ExtensionOid.authorityKeyIdentifier));

// Names shared with the decoder, so a verify message and `inspect` never spell an attribute or purpose differently.
export {
  ExtendedKeyUsageOids as EkuNames,
  KeyUsageBits,
  NameAttributeOids as AttributeNames,
} from "../asn1/oids.js";

/** Public key algorithms. */
export const KeyOid = {
  rsa: "1.2.840.113549.1.1.1",
  rsaPss: "1.2.840.113549.1.1.10",
  ec: "1.2.840.10045.2.1",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
} as const;

/** Named curves, by OID, as WebCrypto names them. */
export const CurveNames: Readonly<Record<string, { name: string; bits: number }>> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
};

/** Signature algorithms: the key family they need, the hash, and OpenSSL's long name. */
export const SignatureAlgorithms: Readonly<Record<string, { key: "RSA" | "RSA-PSS" | "EC" | "Ed25519" | "Ed448"; hash?: string; name: string }>> = {
  "1.2.840.113549.1.1.5": { key: "RSA", hash: "SHA-1", name: "sha1WithRSAEncryption" },
  "1.2.840.113549.1.1.4": { key: "RSA", hash: "MD5", name: "md5WithRSAEncryption" },
  "1.2.840.113549.1.1.11": { key: "RSA", hash: "SHA-256", name: "sha256WithRSAEncryption" },
  "1.2.840.113549.1.1.12": { key: "RSA", hash: "SHA-384", name: "sha384WithRSAEncryption" },
  "1.2.840.113549.1.1.13": { key: "RSA", hash: "SHA-512", name: "sha512WithRSAEncryption" },
  "1.2.840.113549.1.1.10": { key: "RSA-PSS", name: "rsassaPss" },
  "1.2.840.10045.4.1": { key: "EC", hash: "SHA-1", name: "ecdsa-with-SHA1" },
  "1.2.840.10045.4.3.2": { key: "EC", hash: "SHA-256", name: "ecdsa-with-SHA256" },
  "1.2.840.10045.4.3.3": { key: "EC", hash: "SHA-384", name: "ecdsa-with-SHA384" },
  "1.2.840.10045.4.3.4": { key: "EC", hash: "SHA-512", name: "ecdsa-with-SHA512" },
  "1.3.101.112": { key: "Ed25519", name: "ED25519" },
  "1.3.101.113": { key: "Ed448", name: "ED448" },
};

/** Hash OIDs inside RSA-PSS parameters (RFC 4055). */
export const HashOids: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};
