/**
 * Messages between the page and the lab worker. The worker runs the packages' decode, ASN.1, text, diagnosis
 * and kit functions off the main thread, so a 5,000-certificate bundle or RSA key generation never freezes the
 * page, and the page never parses DER.
 */
import type { Asn1Node, CrlReason, DecodedItem, DiagnoseFileNames, Diagnosis, KeyType, KitManifest, KnownFile, LintWarning } from "@mtls-lab/x509";

export interface KitSettingsMessage {
  keyType: KeyType;
  hosts: string[];
  ips: string[];
  clients: string[];
  intermediate: boolean;
  days: number;
  profile: "modern" | "intermediate";
  verifyMode: "on" | "optional" | "optional_no_ca";
  upstream: string;
  p12Password: string;
  /** PKCS#12 protection: "modern" (AES-256, SHA-256 MAC) or "compat" (3DES, SHA-1 MAC). */
  p12Profile: "modern" | "compat";
  /** Write a CRL for each client-side CA; the emitted configs then check revocation. */
  crl: boolean;
}

/** Milliseconds the worker spent in each phase of making a kit (shown in OUTPUT, read by the benchmark). */
export interface GenerateTimings {
  /** Generating key pairs (WebCrypto generateKey), summed. */
  keys: number;
  /** The rest of generateKit: signing certificates, exporting keys, the PKCS#12 files, the CRLs. */
  sign: number;
  /** @mtls-lab/config's emitters, nginx.conf, test.sh and the README. */
  configs: number;
  /** Decoding the certificates and keys for their tabs, and linting them. */
  decode: number;
  /** The .zip. */
  zip: number;
}

/** A progress step: `done` of `total` keys made. */
export interface ProgressStep {
  done: number;
  total: number;
}

/** The folder inside the kit's .zip (what `unzip` creates). */
export const ZIP_FOLDER = "mtls-kit";

/** One file of a generated kit, as the Generate view shows and zips it. */
export interface GeneratedFile {
  path: string;
  contents: string | Uint8Array;
  /** Unix mode for the zip: 0o600 keys, 0o755 scripts, 0o644 the rest. */
  mode: number;
  /** "certificate", "key", "pkcs12", "config", "script", "doc". */
  kind: string;
  /** Certificate files, decoded once when the kit is made: a tab shows them without decoding again. */
  items?: DecodedItem[];
}

/** Diagnose's files by diagnose() field: each one's bytes as read from the file (PEM or DER). */
export interface DiagnoseFiles {
  serverChain?: Uint8Array;
  clientChain?: Uint8Array;
  serverTrustsForClients?: Uint8Array;
  clientTrustsForServer?: Uint8Array;
  serverKey?: Uint8Array;
  clientKey?: Uint8Array;
}

/** The question Diagnose asks besides the files: the server software and its client-verify mode, host, time, TLS version. */
export interface DiagnoseOptions {
  server: "node" | "nginx";
  verifyClient: "on" | "optional" | "optional_no_ca";
  host: string;
  /** The verification time; absent for now. */
  at?: Date;
  tlsVersion: "1.2" | "1.3";
}

export type WorkerRequest =
  /** Answers once the worker and the packages it runs are loaded: the page starts it before anyone acts. */
  | { op: "ready" }
  | { op: "decode"; bytes: Uint8Array; password?: string }
  | { op: "asn1"; der: Uint8Array }
  | { op: "render"; item: DecodedItem }
  /**
   * x509's diagnose() on Diagnose's files: `names` are the user's file names (the leading cause says which file
   * holds what), `known` the workspace's other certificate files (PEM text or DER bytes).
   */
  | { op: "diagnose"; files: DiagnoseFiles; options: DiagnoseOptions; names: DiagnoseFileNames; known: KnownFile[] }
  | { op: "generate"; settings: KitSettingsMessage }
  /** Makes a kit with `settings` and drops it (keys kept): the Generate page's idle warm-up. RSA is skipped. */
  | { op: "warm"; settings: KitSettingsMessage }
  /**
   * Revokes `client` in the kit described by kit.json (`manifest`) and re-signs the client-side CRLs;
   * `files` holds the PEM text of the files updateKitCrls reads (the client CAs, their keys, the client).
   */
  | { op: "revoke"; manifest: KitManifest; files: Record<string, string>; client: string; reason?: CrlReason }
  /** The kit as a .zip under `folder/`, Unix modes kept. */
  | { op: "zip"; files: { path: string; contents: string | Uint8Array; mode: number }[]; folder: string }
  /** Drops the key pairs kept for regenerating the kit ("Clear workspace"). */
  | { op: "forgetKeys" };

export interface WorkerResults {
  ready: null;
  /** `lint` is null when the input was too large to lint or held no certificate. */
  decode: { items: DecodedItem[]; lint: LintWarning[] | null };
  asn1: Asn1Node;
  render: string;
  diagnose: Diagnosis;
  /** `reusedKeys`: the key pairs of the previous kit of the same key type were used again. */
  generate: { files: GeneratedFile[]; warnings: string[]; manifest: KitManifest; lint: LintWarning[]; reusedKeys: boolean; zip: Uint8Array; timings: GenerateTimings };
  /** The new CRL files and kit.json, to replace the kit's. */
  warm: null;
  revoke: { files: GeneratedFile[]; manifest: KitManifest };
  zip: Uint8Array;
  forgetKeys: null;
}

export type WorkerOp = WorkerRequest["op"];

/** What the page posts: a request with its id. */
export type WorkerEnvelope = WorkerRequest & { id: number };

/** What the worker posts back. */
export type WorkerReply =
  | { id: number; type: "progress"; message: string; step?: ProgressStep }
  /**
   * Part of a decode result sent ahead of it, in order: the first object alone as soon as it is decoded (the
   * page shows it before the rest are parsed), then the others in chunks (one message of thousands of objects
   * costs the page a long task to receive). `total`: how many objects the input holds at the top level.
   */
  | { id: number; type: "chunk"; items: DecodedItem[]; total: number }
  | { id: number; type: "result"; result: WorkerResults[WorkerOp] }
  | { id: number; type: "error"; code: string; message: string };
