/**
 * Public types of @mtls-lab/x509. Every other package and app codes against these shapes;
 * change them deliberately.
 */

/** What a decoded object is. */
export const ObjectKind = {
  certificate: "certificate",
  csr: "csr",
  crl: "crl",
  privateKey: "privateKey",
  publicKey: "publicKey",
  pkcs7: "pkcs7",
  pkcs12: "pkcs12",
} as const;
export type ObjectKind = (typeof ObjectKind)[keyof typeof ObjectKind];

/** Public key algorithms by their usual names; anything else is reported by OID. */
export type KeyAlgorithmName = "RSA" | "EC" | "Ed25519" | "Ed448" | "DSA" | (string & {});

/** A WebCrypto implementation: the global `crypto` in Node 20+ and browsers. */
export type CryptoProvider = Crypto;

export interface PublicKeyInfo {
  algorithm: KeyAlgorithmName;
  /** Bits: the modulus for RSA, the field size for EC (256 for P-256), 256 for Ed25519. */
  size: number;
  /** "P-256", "P-384", "P-521" or the OID of another named curve. */
  curve?: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, lowercase hex: matches a key to its certificate. */
  spkiSha256: string;
}

/** One attribute of a distinguished name, in the order it appears in the DER. */
export interface NameAttribute {
  /** Short name ("CN", "O", "OU", "C", "ST", "L", "emailAddress", "DC", ...) or the dotted OID. */
  type: string;
  oid: string;
  value: string;
}

export type GeneralNameType = "dns" | "ip" | "email" | "uri" | "dirName" | "registeredId" | "other";
export interface GeneralName {
  type: GeneralNameType;
  value: string;
}

export interface BasicConstraints {
  ca: boolean;
  pathLength?: number;
}

/** One extension: always its OID, name and criticality; `value` is the decoded form when known. */
export interface ExtensionInfo {
  oid: string;
  name: string;
  critical: boolean;
  /** Decoded value for known extensions; for unknown or malformed ones an ASN.1 tree (`Asn1Node`) or hex. */
  value: unknown;
  /**
   * Set when the value does not decode as its extension's syntax (a truncated INTEGER, a wrong type, trailing
   * bytes): one line saying what and at which byte of the certificate. The rest of the certificate is still shown.
   */
  malformed?: string;
}

export interface Fingerprints {
  /** Lowercase hex, no colons. */
  sha1: string;
  sha256: string;
}

/** A node of the ASN.1 view, with byte offsets into the input DER (as lapo's asn1js shows). */
export interface Asn1Node {
  /** "SEQUENCE", "INTEGER", "[0]", "OBJECT IDENTIFIER", ... */
  tag: string;
  tagClass: "universal" | "application" | "context" | "private";
  tagNumber: number;
  constructed: boolean;
  /** Offset of the first header byte. */
  offset: number;
  headerLength: number;
  /** Length of the contents, not counting the header. */
  length: number;
  /** Decoded value for primitives: integer as hex, OID with its name, strings, times, bit/octet strings as hex. */
  value?: string;
  children?: Asn1Node[];
}

export interface CertificateInfo {
  kind: "certificate";
  /** 1, 2 or 3; OpenSSL also loads certificates with other version numbers (4, 0...), shown as they are. */
  version: number;
  /** Lowercase hex in whole octets, no colons, no leading zero octet; a negative serial as "-7fff" (openssl, Node). */
  serialNumber: string;
  /** RFC 4514 string, most specific attribute first ("CN=client,O=Acme"). */
  subject: string;
  subjectAttributes: NameAttribute[];
  issuer: string;
  issuerAttributes: NameAttribute[];
  /** ISO 8601 (a time that does not parse is shown as its text, and `findings` says so). */
  notBefore: string;
  notAfter: string;
  /** At the `at` time of decoding (default now). */
  expired: boolean;
  notYetValid: boolean;
  publicKey: PublicKeyInfo;
  /** "sha256WithRSAEncryption", "ecdsa-with-SHA256", "ED25519", ... (OpenSSL's long names) */
  signatureAlgorithm: string;
  subjectAltNames: GeneralName[];
  /** OpenSSL's names: "digitalSignature", "keyEncipherment", "keyCertSign", "cRLSign", ... */
  keyUsage: string[];
  /** "serverAuth", "clientAuth", ... or the OID. */
  extendedKeyUsage: string[];
  basicConstraints: BasicConstraints | null;
  /** Lowercase hex. */
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  extensions: ExtensionInfo[];
  fingerprints: Fingerprints;
  /** base64 SHA-256 of the SubjectPublicKeyInfo (HPKP / curl --pinnedpubkey form). */
  spkiPin: string;
  /** Subject equals issuer and the signature verifies with its own key. */
  selfSigned: boolean;
  /** OIDs of extensions present more than once (OpenSSL refuses such a certificate in verification). */
  duplicateExtensions?: string[];
  /** What OpenSSL loads but RFC 5280 forbids, outside extensions: a time that does not parse, an unknown version. */
  findings?: string[];
  der: Uint8Array;
}

export interface CsrInfo {
  kind: "csr";
  subject: string;
  subjectAttributes: NameAttribute[];
  publicKey: PublicKeyInfo;
  signatureAlgorithm: string;
  subjectAltNames: GeneralName[];
  extensions: ExtensionInfo[];
  signatureValid: boolean;
  der: Uint8Array;
}

export interface CrlInfo {
  kind: "crl";
  issuer: string;
  thisUpdate: string;
  nextUpdate?: string;
  signatureAlgorithm: string;
  revoked: { serialNumber: string; revocationDate: string; reason?: string }[];
  extensions: ExtensionInfo[];
  der: Uint8Array;
}

export interface PrivateKeyInfo {
  kind: "privateKey";
  /** "pkcs8", "pkcs1" (RSA PRIVATE KEY), "sec1" (EC PRIVATE KEY), "encrypted-pkcs8". */
  format: "pkcs8" | "pkcs1" | "sec1" | "encrypted-pkcs8";
  encrypted: boolean;
  /** For encrypted keys: the encryption scheme ("PBES2", "pbeWithSHA1And3-KeyTripleDES-CBC", or the OID). */
  encryption?: string;
  /** Absent when encrypted. The public half, so the key can be matched to a certificate. */
  publicKey?: PublicKeyInfo;
  /** Never the key material itself unless `revealPrivateKeys` was asked for. */
  pem?: string;
  der: Uint8Array;
}

export interface PublicKeyItem {
  kind: "publicKey";
  publicKey: PublicKeyInfo;
  der: Uint8Array;
}

export interface Pkcs7Info {
  kind: "pkcs7";
  /** Certificates and CRLs inside, decoded. */
  items: (CertificateInfo | CrlInfo)[];
  der: Uint8Array;
}

/** How a PKCS#12 file is protected, as `openssl pkcs12 -info` reports it. */
export interface Pkcs12Protection {
  /** "sha1", "sha256", ...; absent when the file has no password MAC. */
  macAlgorithm?: string;
  macIterations?: number;
  macSaltLength?: number;
  /** Each part of the authenticated safe: certificates or a key, and its encryption when it has one. */
  parts: { contents: "certificates" | "key" | "other"; encryption?: string; iterations?: number; friendlyName?: string; localKeyId?: string }[];
}

/** One system's verdict on a PKCS#12 file (see docs/pkcs12.md for the sources). */
export interface Pkcs12Importer {
  system: string;
  imports: boolean;
  /** Why not, when it does not. */
  reason?: string;
  /** "measured": checked against the real tool by the test suite; "documented": from the cited source. */
  evidence: "measured" | "documented";
  source: string;
}

export interface Pkcs12Info {
  kind: "pkcs12";
  macAlgorithm?: string;
  protection?: Pkcs12Protection;
  /** Which systems import the file as it is protected (a prediction; see each entry's source). */
  importers?: Pkcs12Importer[];
  /** Certificates and keys inside, decoded (keys described, not revealed). */
  items: (CertificateInfo | PrivateKeyInfo)[];
  der: Uint8Array;
}

export type DecodedItem = CertificateInfo | CsrInfo | CrlInfo | PrivateKeyInfo | PublicKeyItem | Pkcs7Info | Pkcs12Info;

export interface DecodeOptions {
  /** PKCS#12 password. */
  password?: string;
  /** Time for expired / notYetValid; default now. */
  at?: Date;
  /** Include private keys' PEM in the result. */
  revealPrivateKeys?: boolean;
  /** Highest PKCS#12 MAC or PBKDF2 iteration count to run; default MaxPkcs12Iterations (1,000,000). */
  maxIterations?: number;
  /** Time budget of one call in ms; past it decode stops with an X509Error. Default DecodeTimeLimitMs (60 s). */
  timeLimitMs?: number;
  crypto?: CryptoProvider;
}

export interface DecodeResult {
  items: DecodedItem[];
  /** What was read past and ignored, as OpenSSL ignores it: bytes after an object that form no ASN.1 element. */
  warnings?: string[];
}

/** Key types a kit can be generated with (the CLI's --key values). */
export const KeyType = {
  ecP256: "ec-p256",
  ecP384: "ec-p384",
  rsa2048: "rsa-2048",
  rsa3072: "rsa-3072",
  rsa4096: "rsa-4096",
  ed25519: "ed25519",
} as const;
export type KeyType = (typeof KeyType)[keyof typeof KeyType];

/** Roles of the files in a kit, as written to kit.json. */
export const KitRole = {
  serverCa: "serverCa",
  serverCaKey: "serverCaKey",
  clientCa: "clientCa",
  clientCaKey: "clientCaKey",
  serverIntermediate: "serverIntermediate",
  serverIntermediateKey: "serverIntermediateKey",
  clientIntermediate: "clientIntermediate",
  clientIntermediateKey: "clientIntermediateKey",
  serverCert: "serverCert",
  serverKey: "serverKey",
  serverChain: "serverChain",
  clientCert: "clientCert",
  clientKey: "clientKey",
  clientChain: "clientChain",
  clientP12: "clientP12",
  clientCaCrl: "clientCaCrl",
  clientIntermediateCrl: "clientIntermediateCrl",
  clientCrls: "clientCrls",
} as const;
export type KitRole = (typeof KitRole)[keyof typeof KitRole];

export interface KitOptions {
  /** Default "ec-p256". */
  keyType?: KeyType;
  /** DNS names of the server; default ["localhost"]. */
  hosts?: string[];
  /** IP addresses of the server; default ["127.0.0.1"]. */
  ips?: string[];
  /** Client names (CN); default ["client"]. */
  clients?: string[];
  /** Put an intermediate CA under each root. */
  intermediate?: boolean;
  /** Leaf validity in days; default 398. */
  days?: number;
  /** Start of validity; default now minus a minute. Lets tests make expired or future kits. */
  notBefore?: Date;
  /** PKCS#12 password; default "changeit". */
  p12Password?: string;
  /** Organization put into every subject; default "mTLS Lab". */
  organization?: string;
  /** PKCS#12 protection: "modern" (AES-256, SHA-256 MAC; default) or "compat" (3DES, SHA-1 MAC) for older systems. */
  p12Profile?: "modern" | "compat";
  /** Write an empty CRL for each client-side CA and their concatenation (client-crls.pem). Default false. */
  crl?: boolean;
  /**
   * OCSP responder URL (http://) put into the client leaves and the client intermediate (AIA, RFC 5280 4.2.2.1),
   * e.g. `mtls-lab ocsp`'s; kit.json records it and emitted nginx configs then check clients with ssl_ocsp.
   */
  ocspUrl?: string;
  crypto?: CryptoProvider;
}

/** One file of a kit. File names are self-explaining: server-ca.crt, server.key, client.p12, ... */
export interface KitFile {
  name: string;
  role: KitRole;
  /** PEM text for certificates and keys, bytes for PKCS#12. */
  contents: string | Uint8Array;
  /** 0o600 for keys and PKCS#12, 0o644 otherwise. */
  mode: number;
  /** For certificates and bundles: SHA-256 fingerprint of the (first) certificate, lowercase hex. */
  sha256?: string;
  /** For client files: which client. */
  client?: string;
}

export interface Kit {
  options: Required<Omit<KitOptions, "crypto" | "notBefore" | "ocspUrl">> & { notBefore: string; ocspUrl?: string };
  files: KitFile[];
  /** ISO 8601 time the kit was generated (kit.json's generatedAt). */
  generatedAt?: string;
  /** The CRLs written when `crl` was asked for. */
  crls?: KitCrlRecord[];
}

/** One CRL of a kit, as kit.json records it. */
export interface KitCrlRecord {
  name: string;
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
}

/** kit.json: the manifest written beside the files. */
export interface KitManifest {
  version: 1;
  generatedAt: string;
  keyType: KeyType;
  files: { name: string; role: KitRole; sha256?: string; client?: string }[];
  /** The kit's CRLs (a kit made with `crl`): each CRL's number and dates, re-signed by `mtls-lab crl`. */
  crls?: KitCrlRecord[];
  /** Clients revoked with `mtls-lab revoke`, in the order they were revoked. */
  revoked?: { client: string; serialNumber: string; reason?: string; revokedAt: string }[];
  /** The OCSP responder URL in the client certificates (a kit made with `ocspUrl`). */
  ocspUrl?: string;
}
