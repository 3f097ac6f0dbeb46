/**
 * The one certificate model: what parseCertificate / parseCsr / parseCrl read from the DER, once, with the byte
 * range of every field. decode (for display), verify, lint, diagnose, the site's worker and handshake's capture
 * decoder all read these objects; none of them reads DER itself.
 */
/** Where a field is in the DER: `start` is its first header byte, `end` one past its last byte. */
export interface ByteRange {
  start: number;
  end: number;
}

/** An AlgorithmIdentifier (RFC 5280 4.1.1.2). */
export interface ParsedAlgorithm {
  oid: string;
  /** OpenSSL's long name ("sha256WithRSAEncryption") or the OID. */
  name: string;
  /** The parameters element's DER, when present (RSA-PSS parameters, NULL...): a view. */
  params?: Uint8Array;
  range: ByteRange;
}

/** One AttributeTypeAndValue of a Name, in DER order. */
export interface ParsedNameAttribute {
  /** OpenSSL's short name ("CN", "O", "emailAddress") or the dotted OID when OpenSSL does not know it. */
  type: string;
  oid: string;
  /** The value as text (string types decoded as OpenSSL converts them to UTF-8), or "#" + hex of its DER. */
  value: string;
  /** The ASN.1 tag of the value (0x0c UTF8String, 0x13 PrintableString, 0x14 T61String, 0x1e BMPString...). */
  tag: number;
  /** Index of the RDN (SET) it belongs to, counting empty ones: attributes with the same index are one RDN. */
  rdn: number;
  range: ByteRange;
}

/** A distinguished name read once: attributes, the one string everybody prints, and the chaining key. */
export interface ParsedName {
  attributes: ParsedNameAttribute[];
  /**
   * `openssl x509 -nameopt RFC2253,-esc_msb` (identical to `-nameopt RFC2253` for ASCII; UTF-8 where RFC2253
   * alone prints \XX octets): most specific first, "+" inside a multi-valued RDN, RFC 2253 escapes.
   */
  text: string;
  /** Canonical form that OpenSSL's X509_NAME_cmp compares (case- and whitespace-folded): equal keys chain. */
  key: string;
  /** The Name's DER (a view into the certificate). */
  der: Uint8Array;
  range: ByteRange;
}

export type ParsedGeneralNameType = "dns" | "ip" | "email" | "uri" | "dirName" | "registeredId" | "other";

/** One GeneralName (RFC 5280 4.2.1.6). */
export interface ParsedGeneralName {
  type: ParsedGeneralNameType;
  /** Text as `decode` shows it ("127.0.0.1", "CN=x,O=y", "UPN:user@x"). */
  value: string;
  /** Raw bytes for IP addresses (address, or address+mask in name constraints). */
  bytes?: Uint8Array;
  /** For "other": the otherName type OID, or "x400Address" / "ediPartyName". */
  otherType?: string;
  /** For "dirName": the parsed name. */
  name?: ParsedName;
}

/** One extension, always with its raw value; `decoded` when its contents decode, `malformed` when they do not. */
export interface ParsedExtension {
  oid: string;
  /** OpenSSL's short name ("subjectAltName") or the OID. */
  name: string;
  critical: boolean;
  /** extnValue's contents: the DER the extension carries. */
  value: Uint8Array;
  /** The whole Extension SEQUENCE. */
  range: ByteRange;
  /** The contents of extnValue. */
  valueRange: ByteRange;
  /** The typed value for the extensions this model knows (see ExtensionValues), as OpenSSL's d2i would read it. */
  decoded?: unknown;
  /**
   * One line saying what is wrong with the value and where (offset within the certificate): a truncated INTEGER,
   * a wrong type, trailing bytes... The certificate still decodes, as it does in OpenSSL.
   */
  malformed?: string;
}

/** A public key as the SubjectPublicKeyInfo says it. */
export interface ParsedPublicKey {
  /** "RSA", "RSA-PSS", "EC", "Ed25519", "Ed448", "X25519", "X448", "DSA", or the OID. */
  algorithm: string;
  oid: string;
  /** Bits: modulus (RSA), field (EC), prime (DSA); OpenSSL's fixed sizes for the Edwards and Montgomery keys. */
  bits: number;
  /** EC: "P-256", "P-384", "P-521", another curve's name or OID; "explicit" for explicit parameters. */
  curve?: string;
  /** EC parameters spelled out instead of a named curve (OpenSSL 3 refuses these in verification). */
  explicitEcParams: boolean;
  /** The whole SubjectPublicKeyInfo DER (a view). */
  der: Uint8Array;
  /** The key bits inside the BIT STRING (a view). */
  keyBytes: Uint8Array;
  /** Set when the key's contents do not decode (OpenSSL loads the certificate; the key is unusable): why. */
  malformed?: string;
  range: ByteRange;
}

/** BasicConstraints (RFC 5280 4.2.1.9). `pathLength` may be negative or huge: OpenSSL's d2i reads both. */
export interface ParsedBasicConstraints {
  ca: boolean;
  /** The pathLenConstraint when it fits a JavaScript number (negative values kept: OpenSSL flags them invalid). */
  pathLength?: number;
}

/** A certificate (RFC 5280 4.1), read once. Field names are what verify, lint and diagnose use. */
export interface ParsedCertificate {
  kind: "certificate";
  der: Uint8Array;
  /** TBSCertificate DER (what the signature covers). */
  tbs: Uint8Array;
  /** The version field plus one: 1, 2, 3, and also 4 or more (OpenSSL loads those and prints "Unknown"). */
  version: number;
  /** Lowercase hex in whole octets without sign padding; negative as "-7fff" (openssl -serial, Node). */
  serial: string;
  /** TBSCertificate.signature: the algorithm the issuer claims inside the signed part. */
  innerSignatureAlgorithm: ParsedAlgorithm;
  /** Certificate.signatureAlgorithm. */
  signatureAlgorithm: ParsedAlgorithm;
  /** Shorthands of signatureAlgorithm: OID and parameters. */
  signatureOid: string;
  signatureParams?: Uint8Array;
  /** The signature bits (BIT STRING contents after the unused-bits octet). */
  signature: Uint8Array;
  subjectName: ParsedName;
  issuerName: ParsedName;
  /** subjectName.text and issuerName.text: the one string inspect, verify, lint and diagnose print. */
  subject: string;
  issuer: string;
  /** subjectName.key and issuerName.key. */
  subjectKey: string;
  issuerKey: string;
  /** The subject's CN values, in DER order. */
  commonNames: string[];
  /** Invalid Date (NaN) when the time does not parse; `findings` then says why (OpenSSL: "Bad time value"). */
  notBefore: Date;
  notAfter: Date;
  publicKey: ParsedPublicKey;
  /** Shorthands of publicKey: the SPKI DER, algorithm, bits, curve. */
  spki: Uint8Array;
  keyAlgorithm: string;
  keyBits: number;
  curve?: string;
  explicitEcParams: boolean;
  extensions: ParsedExtension[];
  /** OIDs that occur more than once (OpenSSL marks such a certificate invalid). */
  duplicateExtensions: string[];
  /** Critical extensions OpenSSL 3.0 does not handle (UNHANDLED_CRITICAL_EXTENSION). */
  unhandledCritical: string[];
  basicConstraints: ParsedBasicConstraints | null;
  /** Key usage bits by name; null without the extension. */
  keyUsage: Set<string> | null;
  /** EKU names ("serverAuth") or OIDs; null without the extension. */
  extKeyUsage: string[] | null;
  subjectAltNames: ParsedGeneralName[];
  hasSubjectAltName: boolean;
  /** Lowercase hex. */
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** AKI authorityCertIssuer and authorityCertSerialNumber (hex as `serial`). */
  authorityIssuer?: ParsedGeneralName[];
  authoritySerial?: string;
  /** Subtrees as GeneralNames, plus `minimum` / `maximum` when encoded (NaN when beyond 2^53). */
  nameConstraints: { permitted: (ParsedGeneralName & { minimum?: number; maximum?: number })[]; excluded: (ParsedGeneralName & { minimum?: number; maximum?: number })[] } | null;
  /** Subject and issuer names compare equal (X509_NAME_cmp). */
  selfIssued: boolean;
  /**
   * Self-issued, AKI absent or equal to the SKI, and the signature algorithm fits its own key: OpenSSL's
   * EXFLAG_SS before any signature is checked.
   */
  selfSigned: boolean;
  /** Lenient-decode findings outside extensions ("notBefore: malformed time ..."), one line each. */
  findings: string[];
  ranges: {
    tbs: ByteRange;
    version?: ByteRange;
    serial: ByteRange;
    issuer: ByteRange;
    validity: ByteRange;
    notBefore: ByteRange;
    notAfter: ByteRange;
    subject: ByteRange;
    spki: ByteRange;
    issuerUniqueId?: ByteRange;
    subjectUniqueId?: ByteRange;
    extensions?: ByteRange;
    signatureValue: ByteRange;
  };
}

/** A PKCS#10 certificate request (RFC 2986), read once. */
export interface ParsedCsr {
  kind: "csr";
  der: Uint8Array;
  /** CertificationRequestInfo DER (what the signature covers). */
  info: Uint8Array;
  version: number;
  subjectName: ParsedName;
  subject: string;
  publicKey: ParsedPublicKey;
  signatureAlgorithm: ParsedAlgorithm;
  signature: Uint8Array;
  /** The extensionRequest attribute's extensions. */
  extensions: ParsedExtension[];
  subjectAltNames: ParsedGeneralName[];
}

/** One revoked certificate of a CRL. */
export interface ParsedRevoked {
  serial: string;
  revocationDate: Date;
  /** CRLReason name (RFC 5280 5.3.1) when the entry has one. */
  reason?: string;
  extensions: ParsedExtension[];
  range: ByteRange;
}

/** A CRL (RFC 5280 5.1), read once. */
export interface ParsedCrl {
  kind: "crl";
  der: Uint8Array;
  tbs: Uint8Array;
  version: number;
  issuerName: ParsedName;
  issuer: string;
  thisUpdate: Date;
  nextUpdate?: Date;
  signatureAlgorithm: ParsedAlgorithm;
  signature: Uint8Array;
  revoked: ParsedRevoked[];
  extensions: ParsedExtension[];
}
