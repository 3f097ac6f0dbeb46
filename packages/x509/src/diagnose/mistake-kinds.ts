/**
 * The set-up mistakes diagnose() names as the leading cause: one id per mistake a person makes with the
 * files of an mTLS set-up, and the shape of the cause it reports.
 */
import type { KitRole } from "../types.js";
import type { CertificateSource } from "../verify/types.js";

/** Every mistake the leading cause can name. The ids are stable: the CLI's JSON and docs use them. */
export const MistakeKind = {
  // Before any handshake: a peer refuses to load its own files.
  p12WrongPassword: "p12-wrong-password",
  serverKeyMismatch: "server-key-mismatch",
  clientKeyMismatch: "client-key-mismatch",
  clientChainWrongOrder: "client-chain-wrong-order",
  clientIntermediateWithoutLeaf: "client-intermediate-without-leaf",
  clientWeakCrypto: "client-weak-crypto",
  serverWeakCrypto: "server-weak-crypto",
  // The client checks the server first (RFC 8446 4.4.2: the server's Certificate comes before the client's).
  clientCaAsServerCa: "client-ca-as-server-ca",
  serverCaFileWithoutRoot: "server-ca-file-without-root",
  serverCaUnrelated: "server-ca-unrelated",
  serverChainMissingIntermediate: "server-chain-missing-intermediate",
  serverExpired: "server-expired",
  serverNameMismatch: "server-name-mismatch",
  serverCertificateInvalid: "server-certificate-invalid",
  // Then the server checks the client.
  noClientCertificate: "no-client-certificate",
  serverCaAsClientCa: "server-ca-as-client-ca",
  clientCaFileWithoutRoot: "client-ca-file-without-root",
  clientFromAnotherCa: "client-from-another-ca",
  clientCaUnrelated: "client-ca-unrelated",
  clientLeafWithoutIntermediate: "client-leaf-without-intermediate",
  selfSignedClient: "self-signed-client",
  clientExpired: "client-expired",
  clientCaExpired: "client-ca-expired",
  clientNotYetValid: "client-not-yet-valid",
  clientMissingClientAuth: "client-missing-client-auth",
  clientCertificateInvalid: "client-certificate-invalid",
  // Set-ups that work but should not be left as they are.
  bothCasInClientCaFile: "both-cas-in-client-ca-file",
  bothCasInServerCaFile: "both-cas-in-server-ca-file",
  selfSignedLeafAsCa: "self-signed-leaf-as-ca",
  clientLeafIsCa: "client-leaf-is-ca",
} as const;
export type MistakeKind = (typeof MistakeKind)[keyof typeof MistakeKind];

/** The names the user gave each input, used verbatim in causes and fixes ("client-ca.crt", ".lab/server.key"). */
export interface DiagnoseFileNames {
  serverChain?: string;
  serverKey?: string;
  clientChain?: string;
  clientKey?: string;
  /** The server's client CA file (nginx ssl_client_certificate, Node server `ca`). */
  clientCa?: string;
  /** The client's CA file for the server (curl --cacert, Node client `ca`). */
  serverCa?: string;
}

/**
 * Other certificate files the user has (a kit's), so a cause can say which file holds the right certificate
 * ("CN=mTLS Lab Client CA, which is in `client-ca.crt`").
 */
export interface KnownFile {
  name: string;
  certificates: CertificateSource;
  /** The file's role in a kit (kit.json). */
  role?: KitRole;
  /** The key file that belongs to this file's first certificate, when known ("client.crt" -> "client.key"). */
  keyFile?: string;
}

/**
 * What a peer does instead of handshaking when the mistake stops it before the connection (it refuses
 * its own files). Absent: the per-peer predictions of the diagnosis hold.
 */
export interface PeerStops {
  /** curl's exit code and message ("unable to set private key file: ..."). */
  curl?: { exitCode: number; message: string };
  /** The error a Node client (tls.connect / https.request) throws. */
  nodeClient?: string;
  /** The error a Node server (tls.createServer) throws. */
  nodeServer?: string;
  /** What nginx does: it refuses to start, with this error log line. */
  nginx?: string;
}

/** The one mistake that explains what the peers will say, in the user's terms. */
export interface LeadingCause {
  kind: MistakeKind;
  /** "error": the handshake or request fails; "warning": it works, but the set-up is unsafe or fragile. */
  severity: "error" | "warning";
  /** Whose configuration holds the mistake. */
  side: "server" | "client";
  /** What each named file holds versus what it should hold. */
  cause: string;
  /** The exact line to change, with the right file (nginx directive, curl flag, Node option). */
  fix: string;
  /** The user's files the cause names. */
  files: string[];
  stops?: PeerStops;
}
