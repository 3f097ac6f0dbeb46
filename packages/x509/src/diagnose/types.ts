/** Input and output of diagnose(). */
import type { CertificateSource, CrlSource, VerifyResult } from "../verify/types.js";
import type { HandshakeStep } from "../verify/explain.js";
import type { DiagnoseFileNames, KnownFile, LeadingCause } from "./mistake-kinds.js";

export const ServerKind = { node: "node", nginx: "nginx" } as const;
export type ServerKind = (typeof ServerKind)[keyof typeof ServerKind];

export { VerifyClientMode } from "../constants.js";
import type { VerifyClientMode } from "../constants.js";

export interface DiagnoseInput {
  /** What the server sends: its leaf, then its intermediates. */
  serverChain: CertificateSource;
  /** The server's private key (PKCS#8 PEM or DER), to check that it matches the leaf. */
  serverKey?: string | Uint8Array;
  /** What the client sends: its leaf, then its intermediates. Absent: the client sends no certificate. */
  clientChain?: CertificateSource;
  clientKey?: string | Uint8Array;
  /** The server's client CA file (nginx ssl_client_certificate, Node `ca` on the server). */
  serverTrustsForClients: CertificateSource;
  /** The server's CRL file (nginx ssl_crl, HAProxy crl-file, Apache SSLCARevocationFile, Node crl): every
   * certificate of the client chain is then checked for revocation, as those servers do. */
  serverCrls?: CrlSource;
  /** The client's CA file (curl --cacert, Node `ca` on the client). Absent: the server side is not checked. */
  clientTrustsForServer?: CertificateSource;
  /** The name or IP the client connects to; default "localhost". */
  host?: string;
  /** Default now. */
  at?: Date | string;
  /** Default "nginx". */
  server?: ServerKind;
  /** nginx ssl_verify_client; default "on". */
  verifyClient?: VerifyClientMode;
  /** Default "1.3". */
  tlsVersion?: "1.2" | "1.3";
  /** OpenSSL security level of each peer; default { node: 1, nginx: 2, curl: 2 } (Debian's openssl.cnf). */
  securityLevels?: { node?: number; nginx?: number; curl?: number };
  /** The user's names for the files above, so the leading cause can name them. */
  files?: DiagnoseFileNames;
  /** Other files the user has (a kit's), so the leading cause can say which one holds the right certificate. */
  knownFiles?: KnownFile[];
}

/** A TLS alert (RFC 8446 6). */
export interface TlsAlert {
  code: number;
  name: string;
  /** Who sends it. */
  sentBy: "client" | "server";
}

/** What Node says. For the client side: the server's `socket.authorizationError` (requestCert, rejectUnauthorized false). */
export interface NodeOutcome {
  /** The error code ("CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID"), null when authorized. */
  code: string | null;
  message: string | null;
  /** Client side only: what the client sees when the Node server sets rejectUnauthorized: true. */
  whenRejecting?: { code: string; message: string; alert: TlsAlert | null };
}

/** What nginx answers the first request with (client side only). */
export interface NginxOutcome {
  status: number;
  /** The error page's title ("400 The SSL certificate error"), null for 200. */
  title: string | null;
  /** $ssl_client_verify: SUCCESS, NONE or FAILED:reason. */
  clientVerify: string;
  /** The error log line (info level), when there is one. */
  log: string | null;
}

/** What curl as the client says. */
export interface CurlOutcome {
  exitCode: number;
  /** curl's error line without the "curl: (N) " prefix, null on success. */
  message: string | null;
  /** The HTTP status when the handshake completed. */
  httpStatus?: number;
}

export interface SideDiagnosis {
  /** Whose certificate: "server" (checked by the client) or "client" (checked by the server). */
  side: "server" | "client";
  /**
   * ok: verified; rejected: the connection or request fails; accepted-unverified: nginx optional_no_ca lets it in
   * with FAILED:...; no-certificate: the client sent none (rejected with "on", let in with the optional modes);
   * not-checked: no CA file was given for this side.
   */
  verdict: "ok" | "rejected" | "accepted-unverified" | "no-certificate" | "not-checked";
  verify: VerifyResult | null;
  node: NodeOutcome;
  nginx?: NginxOutcome;
  curl?: CurlOutcome;
  alert: TlsAlert | null;
  step: HandshakeStep;
  /** One sentence. */
  cause: string | null;
  fix: string | null;
}

/** An extra check beyond the verify result. */
export interface Finding {
  id: "key-mismatch" | "key-unreadable" | "weak-certificate" | "client-ca-mismatch" | "pinned-leaf" | "leaf-in-ca-file" | "missing-eku" | "missing-san" | "missing-intermediate" | "no-client-certificate";
  severity: "error" | "warning" | "info";
  side: "server" | "client";
  message: string;
  fix: string;
  learn?: string;
}

export interface Diagnosis {
  /** Both sides verify and no error finding. */
  ok: boolean;
  server: SideDiagnosis;
  client: SideDiagnosis;
  findings: Finding[];
  /** The one mistake that explains what the peers will say (null when nothing is wrong). */
  leading?: LeadingCause | null;
  /** `findings` without those the leading cause already says, each once. */
  secondary?: Finding[];
}
