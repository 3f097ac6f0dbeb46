/**
 * Public types of @mtls-lab/handshake: the capture file (schema v1), the step model of a flow, and the
 * decoded handshake. The site and the CLI code against these shapes; change them deliberately.
 */

/** Who sends a message. */
export const Peer = { client: "client", server: "server" } as const;
export type Peer = (typeof Peer)[keyof typeof Peer];

/** TLS record content types (RFC 8446 5.1, RFC 5246 6.2.1). */
export const ContentType = {
  changeCipherSpec: 20,
  alert: 21,
  handshake: 22,
  applicationData: 23,
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

/** One chunk of bytes as the relay saw it. */
export interface CaptureEvent {
  /** Milliseconds since `startedAt`. */
  t: number;
  from: Peer;
  /** The bytes, base64. */
  data: string;
}

/** The capture file written by `mtls-lab serve --capture DIR`, one JSON file per connection (schema v1). */
export interface Capture {
  format: "mtls-lab-capture";
  version: 1;
  /** ISO 8601. */
  startedAt: string;
  client: { address: string; port: number };
  server: { address: string; port: number };
  events: CaptureEvent[];
  /** NSS key log lines (SSLKEYLOGFILE format) of either peer. */
  keylog: string[];
  result: { tlsVersion?: string; cipher?: string; authorized?: boolean; authorizationError?: string };
  /** The recorder stopped before the connection ended (size limit): the last record may be cut. */
  truncated?: true;
}

/** Field values shown beside a step: strings, numbers, booleans, lists and nested objects. */
export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };
export type Fields = Record<string, FieldValue>;

/** One decoded step of a captured handshake. */
export interface DecodedStep {
  /** RFC message name: ClientHello, ServerHello, Certificate, Finished, ChangeCipherSpec, Alert, ... */
  name: string;
  from: Peer;
  /** Sent inside encrypted records. */
  encrypted: boolean;
  /**
   * [start, end) into the sending direction's byte stream (all bytes that peer sent, in order).
   * For plaintext messages the exact message bytes; for encrypted ones the record(s) that carry it.
   */
  range: [number, number];
  /** "message" when `range` covers exactly this message, "record" when it covers the encrypting record(s). */
  rangeKind: "message" | "record";
  /** Annotated fields. */
  fields: Fields;
  /** The message bytes (decrypted when it was encrypted), lowercase hex. */
  hex: string;
  /** Certificates carried by a Certificate message, in the order sent. */
  certificates?: DecodedCertificate[];
  /**
   * Encrypted handshake messages: the message begins `offset` bytes into the decrypted content of the
   * record at `record` (stream range), so a viewer can point inside the record.
   */
  inRecord?: { record: [number, number]; offset: number };
}

/** A certificate found in a Certificate message. */
export interface DecodedCertificate {
  /** SHA-256 of the DER, lowercase hex. */
  sha256: string;
  der: Uint8Array;
  /** Subject and issuer when @mtls-lab/x509 could decode it. */
  subject?: string;
  issuer?: string;
  /** Byte range of the DER inside the message (`hex`). */
  rangeInMessage: [number, number];
}

/** Whether a Finished message's verify_data was recomputed and matched. */
export interface FinishedCheck {
  verified: boolean;
  /** Why not, when it was not verified. */
  reason?: string;
}

/** The result of decoding a capture. */
export interface DecodedHandshake {
  /** "TLSv1.3", "TLSv1.2" or "unknown". */
  tlsVersion: string;
  /** IANA name, e.g. "TLS_AES_128_GCM_SHA256". */
  cipherSuite?: string;
  steps: DecodedStep[];
  finished: { client: FinishedCheck; server: FinishedCheck };
  /** Things worth saying that are not errors: records not decryptable, a truncated capture, ... */
  notes: string[];
}

/** The `mtls-lab explain --json` shape. */
export interface ExplainOutput {
  tlsVersion: string;
  steps: { name: string; from: Peer; encrypted: boolean; range: [number, number]; fields: Fields }[];
  finishedVerified: { client: boolean; server: boolean };
}

/** Record type of a flow step: what the record header says on the wire. */
export type RecordKind = "handshake" | "change_cipher_spec" | "alert" | "application_data";

/** One failure that can happen at a step, and what each side says then (measured with Node 20 / OpenSSL 3.0). */
export interface StepFailure {
  /** Verify / diagnosis codes as Node or our diagnosis spells them. */
  codes: readonly string[];
  what: string;
  /** The alert this side sends, e.g. "48 unknown_ca". */
  alert?: string;
  /** What the client sees. */
  client?: string;
  /** What the server sees or logs. */
  server?: string;
}

/** One step of a flow, as data. */
export interface FlowStep {
  /** Stable id within the flow ("client-certificate"). */
  id: string;
  /** RFC message name, or "Alert" / "HTTP 400". */
  name: string;
  from: Peer;
  /** The record type the message travels in on the wire. */
  record: RecordKind;
  /** Encrypted on the wire. */
  encrypted: boolean;
  /** May be absent in a real handshake (NewSessionTicket, TLS 1.3 compatibility ChangeCipherSpec). */
  optional?: boolean;
  /** Not part of the TLS byte stream (an HTTP response after the handshake). */
  application?: boolean;
  /** Sent after the handshake completed (RFC 8446 4.6); not compared as part of the handshake sequence. */
  postHandshake?: boolean;
  summary: string;
  /** The fields that matter for mTLS, name to meaning. */
  mtlsFields: Readonly<Record<string, string>>;
  /** What the receiving side checks now. */
  checks: readonly string[];
  failures: readonly StepFailure[];
  /** "RFC 8446 4.4.2" */
  rfc: string;
  /** For alert steps: the alert description number. */
  alert?: number;
}

/** A handshake flow: a named sequence of steps. */
export interface Flow {
  id: string;
  title: string;
  tlsVersion: "TLSv1.3" | "TLSv1.2";
  description: string;
  steps: readonly FlowStep[];
}

/**
 * One labelled byte range of an annotated record (explain schema 2, docs/capture-schema.md). The children
 * of a node cover its range exactly, in order, without overlap; a node without children is a leaf.
 */
export interface ByteNode {
  /** Stable id of the field kind ("record.header", "client_hello.cipher_suites"): what a page keys styles and explanations on. */
  key: string;
  /** Short label: "cipher_suites", "Extension: key_share", "certificate 1 (DER)". */
  label: string;
  /** One sentence saying what the field is and why it matters. */
  explain: string;
  /** [start, end) in the node's byte space: the record's wire bytes, or the record's decrypted plaintext. */
  range: [number, number];
  /** The decoded value, when it reads as one ("TLS_AES_128_GCM_SHA256 (0x1301)", "CN=demo-client,O=mTLS Lab"). */
  value?: string;
  /** A part of the handshake specific to client authentication (CertificateRequest, the client's Certificate, ...). */
  mtls?: true;
  /** This node is the DER of a certificate: index into its Certificate step's `certificates`, for Inspect. */
  certificate?: { index: number; sha256: string };
  /** Set when a structure is split across records: which part this is ("1/2"). */
  part?: string;
  children?: ByteNode[];
}

/** How an encrypted record was opened: the traffic secret, its key and IV, and the per-record nonce. */
export interface RecordKeys {
  /** Key log label of the secret the key and IV come from ("SERVER_HANDSHAKE_TRAFFIC_SECRET"), or "key_block" in TLS 1.2. */
  secret: string;
  key: string;
  iv: string;
  /** Record sequence number under these keys. */
  sequence: number;
  /** The AEAD nonce used (RFC 8446 5.3: iv XOR sequence; RFC 5288 3: salt + explicit nonce). */
  nonce: string;
  /** The AEAD additional data (RFC 8446 5.2: the record header; RFC 5246 6.2.3.3: seq + header). */
  aad: string;
}

/** One TLS record with its bytes annotated, and its decrypted content annotated when it was encrypted. */
export interface AnnotatedRecord {
  from: Peer;
  /** Index among the records this peer sent. */
  index: number;
  /** [start, end) of the record in the sending direction's byte stream. */
  streamRange: [number, number];
  /** The record's wire bytes, lowercase hex. `tree.range` is [0, bytes). */
  hex: string;
  tree: ByteNode;
  /** The message names this record carries, in order ("EncryptedExtensions", "Certificate", ...). */
  carries: string[];
  /** Encrypted records that could be opened: the plaintext, its annotation and the keys used. */
  plaintext?: { hex: string; tree: ByteNode; keys: RecordKeys };
}

/** One computed step of the proof, with the openssl commands that reproduce it outside mTLS Lab. */
export interface ProofStep {
  id: string;
  title: string;
  /** What is computed, in one sentence, with its RFC section. */
  explain: string;
  /** Named inputs, lowercase hex or text. */
  inputs: Record<string, string>;
  /** The result, lowercase hex. */
  output: string;
  /** For checks: whether the result matches what the capture carries. */
  matches?: boolean;
  /** Shell lines (openssl only) that recompute `output` from `inputs`. */
  openssl: string[];
}

/** A signature checked against the public key of the signer's certificate. */
export interface SignatureCheck {
  from: Peer;
  /** "CertificateVerify", or "ServerKeyExchange" for a TLS 1.2 server. */
  message: string;
  algorithm: string;
  /** Exactly the bytes that were signed, lowercase hex (TLS 1.3: 64 spaces, context string, 0x00, transcript hash). */
  signedContent: string;
  /** TLS 1.3: the context string; TLS 1.2: what the signed bytes are. */
  context: string;
  /** The transcript hash inside the signed content (TLS 1.3). */
  transcriptHash?: string;
  signature: string;
  /** SHA-256 of the certificate whose public key verified it. */
  certificateSha256?: string;
  verified: boolean;
  reason?: string;
  openssl: string[];
}

/** The computed proof of a captured handshake. */
export interface HandshakeProof {
  /** Hash of the suite: SHA-256 or SHA-384. */
  hash?: string;
  /** Key log secrets and what is derived from them (TLS 1.3 key and IV per traffic secret; TLS 1.2 key block). */
  keySchedule: ProofStep[];
  /** Transcript hash after each handshake message, in transcript order. */
  transcript: { message: string; from: Peer; hash: string }[];
  signatures: { client?: SignatureCheck; server?: SignatureCheck };
  finished: { client?: ProofStep; server?: ProofStep };
}

/** `annotateCapture`'s result: every record annotated and the handshake proven (explain schema 2). */
export interface AnnotatedHandshake {
  tlsVersion: string;
  cipherSuite?: string;
  records: AnnotatedRecord[];
  proof: HandshakeProof;
  certificateVerifyVerified: { client: boolean; server: boolean };
  finishedVerified: { client: boolean; server: boolean };
  notes: string[];
}

/** `mtls-lab explain --json`, schema 2: the schema 1 steps plus the annotated records and the proof. */
export interface AnnotatedExplainOutput extends ExplainOutput {
  schema: 2;
  cipherSuite?: string;
  certificateVerifyVerified: { client: boolean; server: boolean };
  records: AnnotatedRecord[];
  proof: HandshakeProof;
  notes: string[];
}
