/**
 * Types of certificate generation: extension specifications as plain data, profiles, issue parameters.
 * Extensions are described as data (not library objects) so profiles stay `as const` tables and tests
 * can describe deliberately broken certificates in one literal.
 */
import type { X509Certificate } from "@peculiar/x509";
import type { CryptoProvider } from "../types.js";

/** Key usage bit names as OpenSSL prints them (RFC 5280 4.2.1.3). */
export type KeyUsageName =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";

/** Extended key usage by name (RFC 5280 4.2.1.12) or as a dotted OID. */
export type ExtendedKeyUsageName = "serverAuth" | "clientAuth" | "codeSigning" | "emailProtection" | "timeStamping" | "OCSPSigning" | (string & {});

/** One extension to put into a certificate, as data. `critical` defaults as RFC 5280 recommends for each. */
export type ExtensionSpec =
  | { kind: "basicConstraints"; ca: boolean; pathLength?: number; critical?: boolean }
  /** `rsaAlso`: usages added only when the subject key is RSA (keyEncipherment for TLS 1.2 RSA key exchange). */
  | { kind: "keyUsage"; usages: readonly KeyUsageName[]; rsaAlso?: readonly KeyUsageName[]; critical?: boolean }
  | { kind: "extendedKeyUsage"; usages: readonly ExtendedKeyUsageName[]; critical?: boolean }
  /** Names default to the issue parameters' hosts, ips, emails and uris; the extension is left out when all are empty. */
  | { kind: "subjectAltName"; hosts?: readonly string[]; ips?: readonly string[]; emails?: readonly string[]; uris?: readonly string[]; critical?: boolean }
  /** SHA-1 of the subject public key (RFC 5280 4.2.1.2 method 1), as OpenSSL computes it. */
  | { kind: "subjectKeyIdentifier" }
  /** The issuer's key identifier (RFC 5280 4.2.1.1); for a self-signed certificate its own. */
  | { kind: "authorityKeyIdentifier" }
  /** Where to ask about this certificate (RFC 5280 4.2.2.1): OCSP responder URLs (http://, RFC 6960 appendix A). */
  | { kind: "authorityInfoAccess"; ocsp: readonly string[]; critical?: boolean }
  /** Any other extension: `value` is the DER of extnValue's contents. */
  | { kind: "raw"; oid: string; value: Uint8Array; critical?: boolean };

export type ExtensionKind = ExtensionSpec["kind"];

/** A named certificate template. */
export interface Profile {
  name: string;
  /** Default validity in days. */
  days: number;
  extensions: readonly ExtensionSpec[];
}

/** A certificate as DER bytes, PEM text or a parsed @peculiar/x509 certificate. */
export type CertificateInput = Uint8Array | string | X509Certificate;

/** The issuer of a certificate: its certificate and private key. */
export interface IssuerInput {
  certificate: CertificateInput;
  privateKey: CryptoKey;
}

/**
 * A DN: an RFC 4514 string, most specific first ("CN=client,O=Acme"), or attributes in that order
 * ([{ type: "CN", value: "client" }, { type: "O", value: "Acme, Inc." }]) when values hold special characters.
 */
export type DistinguishedNameInput = string | readonly { type: string; value: string }[];

export interface IssueCertificateParams {
  /** "root", "intermediate", "server" or "client", or a Profile object. Default "server". */
  profile?: string | Profile;
  /** Subject DN, most specific first ("CN=client,O=Acme"), as the decoder prints it. */
  subject: DistinguishedNameInput;
  /** The subject's public key. */
  publicKey: CryptoKey;
  /** The issuer; absent for a self-signed certificate, which then needs `signingKey`. */
  issuer?: IssuerInput;
  /** Key that signs when there is no `issuer` (the subject's own private key for a self-signed certificate). */
  signingKey?: CryptoKey;
  /** Overrides the issuer DN written into the certificate; for broken-chain tests. */
  issuerName?: DistinguishedNameInput;
  hosts?: readonly string[];
  ips?: readonly string[];
  emails?: readonly string[];
  uris?: readonly string[];
  /** Default now minus one minute (clock skew between peers). */
  notBefore?: Date;
  /** Default notBefore plus `days`. */
  notAfter?: Date;
  /** Default the profile's days. */
  days?: number;
  /** Hex serial; default 128 random bits, positive and non-zero. */
  serialNumber?: string;
  /** Replaces the profile's extensions entirely (an empty list makes a certificate without extensions). */
  extensions?: readonly ExtensionSpec[];
  /** Added after the profile's (or `extensions`') list. */
  extraExtensions?: readonly ExtensionSpec[];
  /**
   * Kinds to drop from the profile's (or `extensions`') list, before `extraExtensions` are added: omit
   * "extendedKeyUsage" for a leaf without EKU, or omit it and add another one to replace it.
   */
  omitExtensions?: readonly ExtensionKind[];
}

/** An issued certificate in every form callers need. */
export interface IssuedCertificate {
  certificate: X509Certificate;
  der: Uint8Array;
  pem: string;
  /** SHA-256 of the DER, lowercase hex. */
  sha256: string;
}

export interface Pkcs12Params {
  key: CryptoKey;
  certificate: CertificateInput;
  /** Intermediates after the leaf (not the root). */
  chain?: readonly CertificateInput[];
  password: string;
  /** Alias shown by keytool and browsers; default the certificate's CN or "client". */
  friendlyName?: string;
  /** PBKDF2 and MAC iterations; default 2048, OpenSSL 3's default. */
  iterations?: number;
  /** "modern" (AES-256, PBKDF2-SHA256, SHA-256 MAC; the default) or "compat" (3DES, SHA-1 MAC) for older systems. */
  profile?: "modern" | "compat";
}

export type { CryptoProvider };
