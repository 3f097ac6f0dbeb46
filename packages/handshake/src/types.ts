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
