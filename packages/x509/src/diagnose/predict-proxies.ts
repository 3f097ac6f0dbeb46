/**
 * What HAProxy 2.6, Caddy 2.6 and Apache httpd 2.4 (Debian 12 builds) do with a client certificate, as
 * packages/config emits them: the TLS alert that ends the handshake, or the HTTP status of the first request.
 * Measured against the real servers in packages/config/test/integration/proxy-matrix.test.ts.
 *
 * - HAProxy and Apache (OpenSSL servers): their verify callbacks stop at the FIRST error (unlike nginx, which
 *   carries on and keeps the last), and OpenSSL turns that error into an alert (ssl_x509err2alert, see alertFor).
 *   Apache's optional_no_ca lets the issuer errors of mod_ssl's ssl_verify_error_is_optional() through as
 *   SSL_CLIENT_VERIFY=GENEROUS.
 * - Caddy (Go 1.19 crypto/tls): every failed verification, and no certificate when one is required, is alert
 *   42 bad_certificate over TLS 1.2 and 1.3 alike (crypto/tls handshake_server*.go; measured).
 *   Go checks what OpenSSL checks for dates, issuers and clientAuth, but has no security levels.
 */
import { VerifyCodes, type VerifyCode } from "../verify/codes.js";
import type { VerifyResult } from "../verify/types.js";
import { alertFor } from "./predict-peers.js";
import type { TlsAlert, VerifyClientMode } from "./types.js";

/** The proxies packages/config emits a server config for, besides nginx. */
export const ProxyServerKind = { haproxy: "haproxy", caddy: "caddy", apache: "apache" } as const;
export type ProxyServerKind = (typeof ProxyServerKind)[keyof typeof ProxyServerKind];

/** One request through the proxy. */
export interface ProxyOutcome {
  server: ProxyServerKind;
  /** The mode the emitted config really uses (HAProxy and Caddy emit optional for optional_no_ca). */
  mode: VerifyClientMode;
  /** The handshake completed and the request was answered (by the proxy or the app). */
  handshake: boolean;
  /** HTTP status of the first request when the handshake completed: 200 from the app, 403 from the proxy. */
  status: number | null;
  /** True when the app got the request with a verified identity (RFC 9440 Client-Cert). */
  identityForwarded: boolean;
  /** The alert the server sends when it ends the handshake. */
  alert: TlsAlert | null;
  /** What a Node (OpenSSL) client reports for that alert: error code and OpenSSL's reason. */
  clientError: { code: string; message: string } | null;
  /** A line the server logs for it (measured), when there is a fixed one. */
  log: string | null;
}

/** RFC 8446 6 alert names, with what a Node (OpenSSL) client reports when it receives each: code and reason. */
const ALERTS: Readonly<Record<number, { name: string; code: string; message: string }>> = {
  40: { name: "handshake_failure", code: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", message: "sslv3 alert handshake failure" },
  42: { name: "bad_certificate", code: "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE", message: "sslv3 alert bad certificate" },
  44: { name: "certificate_revoked", code: "ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED", message: "sslv3 alert certificate revoked" },
  43: { name: "unsupported_certificate", code: "ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE", message: "sslv3 alert unsupported certificate" },
  45: { name: "certificate_expired", code: "ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED", message: "sslv3 alert certificate expired" },
  46: { name: "certificate_unknown", code: "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN", message: "sslv3 alert certificate unknown" },
  48: { name: "unknown_ca", code: "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA", message: "tlsv1 alert unknown ca" },
  51: { name: "decrypt_error", code: "ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR", message: "tlsv1 alert decrypt error" },
  80: { name: "internal_error", code: "ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR", message: "tlsv1 alert internal error" },
  116: { name: "certificate_required", code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", message: "tlsv13 alert certificate required" },
};

/** mod_ssl's ssl_verify_error_is_optional(): the issuer errors optional_no_ca accepts. */
const APACHE_OPTIONAL_NO_CA: ReadonlySet<VerifyCode> = new Set<VerifyCode>([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

function alertOutcome(server: ProxyServerKind, mode: VerifyClientMode, code: number, log: string | null): ProxyOutcome {
  const known = ALERTS[code];
  return {
    server,
    mode,
    handshake: false,
    status: null,
    identityForwarded: false,
    alert: { code, name: known?.name ?? "unknown", sentBy: "server" },
    clientError: known ? { code: known.code, message: known.message } : null,
    log,
  };
}

function served(server: ProxyServerKind, mode: VerifyClientMode, verified: boolean, protectedPath: boolean): ProxyOutcome {
  const refused = !verified && protectedPath;
  return { server, mode, handshake: true, status: refused ? 403 : 200, identityForwarded: verified, alert: null, clientError: null, log: null };
}

/**
 * What `server` does with a client certificate whose verification (purpose client, against the client CA, at
 * Debian's security level 2 for HAProxy and Apache) gave `result`; `result` null when the client sent none.
 * `protectedPath`: the request is for the path the optional modes protect (with "on" every path is).
 */
export function predictProxy(
  server: ProxyServerKind,
  result: VerifyResult | null,
  requestedMode: VerifyClientMode,
  options: { tlsVersion?: "1.2" | "1.3"; protectedPath?: boolean } = {},
): ProxyOutcome {
  const tls = options.tlsVersion ?? "1.3";
  const protectedPath = options.protectedPath ?? true;
  // HAProxy and Caddy have no optional_no_ca that still verifies: packages/config emits optional for it.
  const mode: VerifyClientMode = requestedMode === "optional_no_ca" && server !== "apache" ? "optional" : requestedMode;
  if (!result) {
    if (mode !== "on") return served(server, mode, false, protectedPath);
    if (server === "caddy") return alertOutcome(server, mode, 42, null);
    return alertOutcome(server, mode, tls === "1.3" ? 116 : 40, server === "haproxy" ? "SSL handshake failure" : null);
  }
  if (result.valid) return served(server, mode, true, protectedPath);
  if (server === "caddy") return alertOutcome(server, mode, 42, null);
  const errors = result.errors.filter((e) => e.code !== "ERR_TLS_CERT_ALTNAME_INVALID");
  const fatal = server === "apache" && mode === "optional_no_ca" ? errors.find((e) => !APACHE_OPTIONAL_NO_CA.has(e.code)) : errors[0];
  if (!fatal) return served(server, mode, false, protectedPath); // GENEROUS: in, but no verified identity
  const log =
    server === "haproxy"
      ? "SSL client certificate not trusted"
      : `Certificate Verification: Error (${numberOfCode(fatal.code)}): ${fatal.message}`;
  // OpenSSL's ssl_x509err2alert() sends certificate_revoked for a revoked certificate (measured with HAProxy and
  // Apache and a CRL from `openssl ca`: packages/config/test/integration/proxy-crl.test.ts). mod_ssl's
  // ssl_callback_SSLVerify() sets the error of a stale CRL (CRL_HAS_EXPIRED) to -1 before OpenSSL picks the alert,
  // so Apache sends certificate_unknown (46) where HAProxy sends certificate_expired (45); its log keeps error 12
  // (measured: apps/demo/test/crl-stale-servers.test.ts).
  const alert = fatal.code === "CERT_REVOKED" ? 44 : server === "apache" && fatal.code === "CRL_HAS_EXPIRED" ? 46 : alertFor(fatal.code, "server").code;
  return alertOutcome(server, mode, alert, log);
}

/** OpenSSL's X509_V_ERR_* number of a code, as Apache's log shows it (x509_vfy.h); 1 for Node's own codes. */
function numberOfCode(code: VerifyCode): number {
  return VerifyCodes[code].number || 1;
}
