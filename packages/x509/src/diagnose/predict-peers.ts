/**
 * What each real peer prints for a verify result: Node (authorizationError, client errors), nginx
 * (status, error page, $ssl_client_verify), curl (exit code, message) and the TLS alert. Strings measured
 * with Node 20.20, OpenSSL 3.0, nginx 1.22 and curl 7.88 (docs/troubleshooting-codes.md).
 */
import { VerifyCodes, nodeCode, verifyMessage, type VerifyCode } from "../verify/codes.js";
import type { ParsedCertificate } from "../model/types.js";
import { isIpAddress } from "../verify/check-host.js";
import { SignatureAlgorithms } from "../model/algorithms.js";
import type { VerifyResult } from "../verify/types.js";
import type { CurlOutcome, NginxOutcome, NodeOutcome, TlsAlert, VerifyClientMode } from "./types.js";

const ALERT_NAMES: Readonly<Record<number, string>> = {
  40: "handshake_failure",
  42: "bad_certificate",
  43: "unsupported_certificate",
  45: "certificate_expired",
  46: "certificate_unknown",
  48: "unknown_ca",
  51: "decrypt_error",
  80: "internal_error",
  116: "certificate_required",
};

/** OpenSSL 3.0's ssl_x509err2alert(): the alert a peer that stops at a verify error sends (curl does). */
export function alertFor(code: VerifyCode, sentBy: "client" | "server"): TlsAlert {
  const table: Partial<Record<VerifyCode, number>> = {
    CERT_HAS_EXPIRED: 45,
    CERT_NOT_YET_VALID: 42,
    CERT_SIGNATURE_FAILURE: 51,
    CERT_CHAIN_TOO_LONG: 48,
    DEPTH_ZERO_SELF_SIGNED_CERT: 48,
    SELF_SIGNED_CERT_IN_CHAIN: 48,
    UNABLE_TO_GET_ISSUER_CERT: 48,
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 48,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 48,
    INVALID_CA: 48,
    INVALID_PURPOSE: 43,
    PATH_LENGTH_EXCEEDED: 42,
    UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 42,
    HOSTNAME_MISMATCH: 42,
    IP_ADDRESS_MISMATCH: 42,
    UNSPECIFIED: 80,
    CERT_REVOKED: 44,
    CRL_HAS_EXPIRED: 45,
    CRL_NOT_YET_VALID: 42,
    CRL_SIGNATURE_FAILURE: 51,
    UNABLE_TO_GET_CRL: 48,
    UNABLE_TO_GET_CRL_ISSUER: 48,
  };
  const alert = table[code] ?? 46;
  return { code: alert, name: ALERT_NAMES[alert]!, sentBy };
}

/**
 * nginx 1.22's ngx_ssl_verify_error_optional(): the issuer errors optional_no_ca lets through. Not
 * UNABLE_TO_GET_ISSUER_CERT (a CA file holding only an intermediate): that one is a 400 (measured).
 */
const OPTIONAL_NO_CA_PASSES: ReadonlySet<string> = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
]);

/** nginx's answer to the first request; `result` null when the client sent no certificate. */
export function predictNginx(result: VerifyResult | null, mode: VerifyClientMode): NginxOutcome {
  if (!result) {
    if (mode === "on") return { status: 400, title: "400 No required SSL certificate was sent", clientVerify: "NONE", log: "client sent no required SSL certificate while reading client request headers" };
    return { status: 200, title: null, clientVerify: "NONE", log: null };
  }
  // SSL_get_verify_result() keeps the last error: the verify callback returned 1 every time.
  const last = result.lastError;
  if (!last) return { status: 200, title: null, clientVerify: "SUCCESS", log: null };
  const reason = verifyMessage(last);
  const clientVerify = `FAILED:${reason}`;
  if (mode === "optional_no_ca" && OPTIONAL_NO_CA_PASSES.has(last)) return { status: 200, title: null, clientVerify, log: null };
  return {
    status: 400,
    title: "400 The SSL certificate error",
    clientVerify,
    log: `client SSL certificate verify error: (${numberOf(last)}:${reason}) while reading client request headers`,
  };
}

function numberOf(code: VerifyCode): number {
  // OpenSSL's own number (x509_vfy.h); 0 is Node's host-check code, which nginx never logs.
  return VerifyCodes[code].number || 1;
}

/** The Node mTLS server's socket.authorizationError for the client's certificate; `result` null = none sent. */
export function predictNodeServer(result: VerifyResult | null, tlsVersion: "1.2" | "1.3"): NodeOutcome {
  const hangUp =
    tlsVersion === "1.3"
      ? { code: "ECONNRESET", message: "socket hang up", alert: null }
      : { code: "ECONNRESET", message: "Client network socket disconnected before secure TLS connection was established", alert: null };
  if (!result) {
    // Node reports a missing certificate as UNABLE_TO_GET_ISSUER_CERT (misleading; measured, Node 20).
    const whenRejecting =
      tlsVersion === "1.3"
        ? { code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", message: "tlsv13 alert certificate required", alert: { code: 116, name: "certificate_required", sentBy: "server" as const } }
        : { code: "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", message: "sslv3 alert handshake failure", alert: { code: 40, name: "handshake_failure", sentBy: "server" as const } };
    return { code: "UNABLE_TO_GET_ISSUER_CERT", message: verifyMessage("UNABLE_TO_GET_ISSUER_CERT"), whenRejecting };
  }
  if (!result.lastError) return { code: null, message: null };
  return { code: nodeCode(result.lastError), message: verifyMessage(result.lastError), whenRejecting: hangUp };
}

/** A Node client's error for the server's certificate (rejectUnauthorized stays true). */
export function predictNodeClient(result: VerifyResult): NodeOutcome {
  if (!result.lastError) return { code: null, message: null };
  const last = result.errors.find((e) => e.code === result.lastError && e.code === "ERR_TLS_CERT_ALTNAME_INVALID");
  if (last) return { code: last.code, message: last.message };
  return { code: nodeCode(result.lastError), message: verifyMessage(result.lastError) };
}

/**
 * curl (OpenSSL backend) checking the server: it stops at the first chain error (exit 60), then checks the
 * host name itself (lib/vtls/openssl.c verifyhost), also exit 60.
 */
export function predictCurl(result: VerifyResult, leaf: ParsedCertificate, host: string, chain: readonly ParsedCertificate[] = [leaf]): CurlOutcome {
  const first = result.errors[0];
  if (!first) return { exitCode: 0, message: null };
  // A bad signature leaves an OpenSSL error on the queue ahead of "certificate verify failed", so curl takes its
  // generic path: exit 35 with that error, prefixed by its OpenSSL version. Measured with curl 7.88 / OpenSSL
  // 3.0.19: RSA PKCS#1 v1.5 signatures give "rsa routines::invalid padding", ECDSA "asn1 encoding routines::EVP lib".
  if (first.code === "CERT_SIGNATURE_FAILURE") {
    const subject = result.path[first.depth];
    const cert = chain.find((c) => c.subject === subject) ?? leaf;
    const family = SignatureAlgorithms[cert.signatureOid]?.key;
    return { exitCode: 35, message: family === "RSA" ? "error:0200008A:rsa routines::invalid padding" : "error:06880006:asn1 encoding routines::EVP lib" };
  }
  if (first.code !== "ERR_TLS_CERT_ALTNAME_INVALID") return { exitCode: 60, message: `SSL certificate problem: ${first.message}` };
  const wantIp = isIpAddress(host);
  const hasSanOfKind = leaf.subjectAltNames.some((n) => n.type === "dns" || n.type === "ip");
  if (hasSanOfKind) return { exitCode: 60, message: `SSL: no alternative certificate subject name matches target host name '${host}'` };
  const cn = leaf.commonNames[leaf.commonNames.length - 1];
  if (!cn || wantIp) return { exitCode: 60, message: cn ? `SSL: certificate subject name '${cn}' does not match target host name '${host}'` : "SSL: unable to obtain common name from peer certificate" };
  return { exitCode: 60, message: `SSL: certificate subject name '${cn}' does not match target host name '${host}'` };
}
