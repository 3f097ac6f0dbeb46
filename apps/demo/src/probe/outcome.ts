/**
 * What one attempt came to, in the terms people search for: the alert the server sent (116
 * certificate_required, 40 handshake_failure, ...), nginx's 400 page, a reset, or an answer.
 */
import type { ConnectionRecord } from "./connection.js";
import type { AlertInfo, HandshakeReading } from "./read-handshake.js";

/** The verdict of one attempt. */
export const AttemptVerdict = {
  /** The handshake completed and the server answered the request with something other than a certificate error. */
  accepted: "accepted",
  /** An alert, a reset, or nginx's certificate error page. */
  rejected: "rejected",
  /** The client could not load its own certificate or key (nothing was sent). */
  notLoaded: "not-loaded",
  /** No answer within the timeout. */
  noAnswer: "no-answer",
} as const;
export type AttemptVerdict = (typeof AttemptVerdict)[keyof typeof AttemptVerdict];

/** One attempt's outcome (part of `probe --json`, docs/cli.md). */
export interface AttemptOutcome {
  verdict: AttemptVerdict;
  /** The handshake completed from the client's point of view. */
  handshake: boolean;
  /** The alert the server sent, if any. */
  alert: AlertInfo | null;
  /** Node's error code and message, if any. */
  error: { code: string; message: string } | null;
  /** The HTTP answer: status and the error page's <title> (nginx: "400 No required SSL certificate was sent"). */
  http: { status: number; title: string | null } | null;
  /** One line. */
  summary: string;
}

/** Alerts by the code Node gives a received alert (OpenSSL's SSL_R_SSLV3_ALERT_* / TLSV1_ALERT_* reasons). */
const ALERT_BY_CODE: Record<string, [number, string]> = {
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: [40, "handshake_failure"],
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: [42, "bad_certificate"],
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: [43, "unsupported_certificate"],
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: [45, "certificate_expired"],
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN: [46, "certificate_unknown"],
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: [48, "unknown_ca"],
  ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: [49, "access_denied"],
  ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR: [51, "decrypt_error"],
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: [70, "protocol_version"],
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: [80, "internal_error"],
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: [116, "certificate_required"],
};

const LOAD_ERRORS = /key values mismatch|mac verify failure|KEY_VALUES_MISMATCH|bad decrypt|no start line|ee key too small|ca md too weak|PEM routines/i;

function title(body: string): string | null {
  return /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim() ?? null;
}

/** True when nginx's page says the certificate was missing or failed (ngx_http_special_response.c). */
export function isNginxCertificatePage(http: { status: number; title: string | null } | null): boolean {
  return !!http && http.status === 400 && /SSL certificate|No required SSL certificate/i.test(http.title ?? "");
}

/** Classifies a recorded attempt. */
export function classifyAttempt(record: ConnectionRecord, reading: HandshakeReading): AttemptOutcome {
  const serverAlert = reading.alerts.find((a) => a.from === "server" && a.code !== 0) ?? null;
  const fromCode = record.error ? ALERT_BY_CODE[record.error.code] : undefined;
  const alert = serverAlert ?? (fromCode ? { code: fromCode[0], name: fromCode[1], from: "server" as const } : null);
  const error = record.error ? { code: record.error.code, message: record.error.message } : null;
  const http = record.response ? { status: record.response.status, title: title(record.response.body) } : null;
  const handshake = record.handshake !== undefined;
  if (record.error && !handshake && record.server.length === 0 && LOAD_ERRORS.test(`${record.error.code} ${record.error.message}`)) {
    return { verdict: "not-loaded", handshake, alert: null, error, http: null, summary: `the client could not load its certificate: ${record.error.message}` };
  }
  if (http) {
    // nginx's page title repeats the status ("400 No required SSL certificate was sent"): say it once.
    const words = http.title ? ` "${http.title.replace(new RegExp(`^${http.status} `), "")}"` : "";
    if (isNginxCertificatePage(http)) return { verdict: "rejected", handshake, alert, error, http, summary: `HTTP ${http.status}${words}` };
    return { verdict: "accepted", handshake, alert, error, http, summary: `accepted: HTTP ${http.status}${words}` };
  }
  if (alert) return { verdict: "rejected", handshake, alert, error, http, summary: `alert ${alert.code} ${alert.name} from the server${handshake ? " after the handshake" : ""}` };
  if (record.timedOut) return { verdict: "no-answer", handshake, alert, error, http, summary: handshake ? "the handshake completed but no HTTP answer came in time" : "no answer in time" };
  if (error) return { verdict: "rejected", handshake, alert, error, http, summary: `${handshake ? "after the handshake" : "during the handshake"} the server closed the connection (${error.code})` };
  return { verdict: "rejected", handshake, alert, error, http, summary: handshake ? "the server closed the connection without an HTTP answer" : "the handshake did not complete" };
}

/** Whether the server requires a client certificate, from the attempt without one. */
export function requiredFrom(requested: boolean, outcome: AttemptOutcome): "yes" | "no" | "unknown" {
  if (!requested) return outcome.verdict === "accepted" ? "no" : "unknown";
  if (outcome.verdict === "accepted") return "no";
  if (outcome.verdict === "rejected") return "yes";
  return "unknown";
}
