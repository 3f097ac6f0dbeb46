/**
 * OID names, as OpenSSL spells them (so decoded output compares equal to `openssl x509 -text`).
 * Unknown OIDs are shown dotted; these tables only name what is known.
 */

import { NameAttributeOids } from "./name-attribute-oids.js";

export { NameAttributeOids };

/** Signature algorithms by OpenSSL's names ("Signature Algorithm:" in `openssl x509 -text`). */
export const SignatureAlgorithmOids: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.2": "md2WithRSAEncryption",
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassaPss",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.3.101.112": "ED25519",
  "1.3.101.113": "ED448",
  "1.2.840.10040.4.3": "dsaWithSHA1",
  "2.16.840.1.101.3.4.3.1": "dsa_with_SHA224",
  "2.16.840.1.101.3.4.3.2": "dsa_with_SHA256",
};

/** Public key algorithms (the `publicKey.algorithm` names of the JSON). */
export const KeyAlgorithmOids: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10045.2.1": "EC",
  "1.3.101.110": "X25519",
  "1.3.101.111": "X448",
  "1.3.101.112": "Ed25519",
  "1.3.101.113": "Ed448",
  "1.2.840.10040.4.1": "DSA",
};

/** Named curves: the name and the field size in bits. */
export const CurveOids: Readonly<Record<string, { name: string; size: number }>> = {
  "1.2.840.10045.3.1.1": { name: "P-192", size: 192 },
  "1.3.132.0.33": { name: "P-224", size: 224 },
  "1.2.840.10045.3.1.7": { name: "P-256", size: 256 },
  "1.3.132.0.34": { name: "P-384", size: 384 },
  "1.3.132.0.35": { name: "P-521", size: 521 },
  "1.3.132.0.10": { name: "secp256k1", size: 256 },
  "1.3.36.3.3.2.8.1.1.7": { name: "brainpoolP256r1", size: 256 },
  "1.3.36.3.3.2.8.1.1.11": { name: "brainpoolP384r1", size: 384 },
  "1.3.36.3.3.2.8.1.1.13": { name: "brainpoolP512r1", size: 512 },
};

/** Certificate and CRL extensions (OpenSSL's short names). */
export const ExtensionOids: Readonly<Record<string, string>> = {
  "2.5.29.9": "subjectDirectoryAttributes",
  "2.5.29.14": "subjectKeyIdentifier",
  "2.5.29.15": "keyUsage",
  "2.5.29.16": "privateKeyUsagePeriod",
  "2.5.29.17": "subjectAltName",
  "2.5.29.18": "issuerAltName",
  "2.5.29.19": "basicConstraints",
  "2.5.29.20": "crlNumber",
  "2.5.29.21": "CRLReason",
  "2.5.29.24": "invalidityDate",
  "2.5.29.27": "deltaCRL",
  "2.5.29.28": "issuingDistributionPoint",
  "2.5.29.29": "certificateIssuer",
  "2.5.29.30": "nameConstraints",
  "2.5.29.31": "crlDistributionPoints",
  "2.5.29.32": "certificatePolicies",
  "2.5.29.33": "policyMappings",
  "2.5.29.35": "authorityKeyIdentifier",
  "2.5.29.36": "policyConstraints",
  "2.5.29.37": "extendedKeyUsage",
  "2.5.29.46": "freshestCRL",
  "2.5.29.54": "inhibitAnyPolicy",
  "1.3.6.1.5.5.7.1.1": "authorityInfoAccess",
  "1.3.6.1.5.5.7.1.11": "subjectInfoAccess",
  "1.3.6.1.5.5.7.1.24": "tlsfeature",
  "1.3.6.1.5.5.7.1.3": "qcStatements",
  "1.3.6.1.4.1.11129.2.4.2": "ct_precert_scts",
  "1.3.6.1.4.1.11129.2.4.3": "ct_precert_poison",
  "2.16.840.1.113730.1.1": "nsCertType",
  "2.16.840.1.113730.1.13": "nsComment",
  "1.3.6.1.4.1.311.20.2": "msCertificateTemplateName",
  "1.3.6.1.4.1.311.21.1": "msCaVersion",
  "1.3.6.1.4.1.311.21.2": "msPreviousCaHash",
  "1.3.6.1.4.1.311.21.7": "msCertificateTemplate",
  "1.3.6.1.4.1.311.21.10": "msApplicationPolicies",
};

/** Extended key usage purposes (RFC 5280 4.2.1.12 and common vendor ones). */
export const ExtendedKeyUsageOids: Readonly<Record<string, string>> = {
  "2.5.29.37.0": "anyExtendedKeyUsage",
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.5": "ipsecEndSystem",
  "1.3.6.1.5.5.7.3.6": "ipsecTunnel",
  "1.3.6.1.5.5.7.3.7": "ipsecUser",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "1.3.6.1.5.5.7.3.17": "ipsecIKE",
  "1.3.6.1.4.1.311.10.3.3": "msSGC",
  "1.3.6.1.4.1.311.10.3.4": "msEFS",
  "1.3.6.1.4.1.311.20.2.2": "msSmartcardLogin",
  "2.16.840.1.113730.4.1": "nsSGC",
};

/** Key usage bits in order (RFC 5280 4.2.1.3). */
export const KeyUsageBits = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
] as const;

/** Access methods of AIA / SIA (RFC 5280 4.2.2.1). */
export const AccessMethodOids: Readonly<Record<string, string>> = {
  "1.3.6.1.5.5.7.48.1": "OCSP",
  "1.3.6.1.5.5.7.48.2": "caIssuers",
  "1.3.6.1.5.5.7.48.3": "timeStamping",
  "1.3.6.1.5.5.7.48.5": "caRepository",
};

/** Policies and qualifiers people meet (RFC 5280 4.2.1.4; CA/Browser Forum 7.1.6.1). */
export const PolicyOids: Readonly<Record<string, string>> = {
  "2.5.29.32.0": "anyPolicy",
  "1.3.6.1.5.5.7.2.1": "CPS",
  "1.3.6.1.5.5.7.2.2": "userNotice",
  "2.23.140.1.1": "ev-guidelines",
  "2.23.140.1.2.1": "domain-validated",
  "2.23.140.1.2.2": "organization-validated",
  "2.23.140.1.2.3": "individual-validated",
};

/** Containers and attributes: PKCS#7, PKCS#9, PKCS#12. */
export const ContainerOids: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.7.1": "data",
  "1.2.840.113549.1.7.2": "signedData",
  "1.2.840.113549.1.7.3": "envelopedData",
  "1.2.840.113549.1.7.6": "encryptedData",
  "1.2.840.113549.1.9.7": "challengePassword",
  "1.2.840.113549.1.9.14": "extensionRequest",
  "1.2.840.113549.1.9.20": "friendlyName",
  "1.2.840.113549.1.9.21": "localKeyID",
  "1.2.840.113549.1.5.13": "PBES2",
  "1.2.840.113549.1.5.12": "PBKDF2",
  "2.16.840.1.101.3.4.1.42": "aes-256-cbc",
  "2.16.840.1.101.3.4.1.2": "aes-128-cbc",
  "1.2.840.113549.1.12.1.1": "pbeWithSHA1And128BitRC4",
  "1.2.840.113549.1.12.1.2": "pbeWithSHA1And40BitRC4",
  "1.2.840.113549.1.12.1.3": "pbeWithSHA1And3-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.4": "pbeWithSHA1And2-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.5": "pbeWithSHA1And128BitRC2-CBC",
  "1.2.840.113549.1.12.1.6": "pbeWithSHA1And40BitRC2-CBC",
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const all: Record<string, string> = {};
for (const table of [ContainerOids, PolicyOids, AccessMethodOids, ExtendedKeyUsageOids, KeyAlgorithmOids, SignatureAlgorithmOids, ExtensionOids, NameAttributeOids]) {
  Object.assign(all, table);
}
for (const [oid, curve] of Object.entries(CurveOids)) all[oid] = curve.name;

/** Any known OID's name, or undefined. */
export function nameOid(oid: string): string | undefined {
  return all[oid];
}
