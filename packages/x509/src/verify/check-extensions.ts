/**
 * OpenSSL 3.0's check_extensions() and X509_check_purpose() for the SSL client and server purposes
 * (v3_purp.c), so INVALID_CA / INVALID_PURPOSE / PATH_LENGTH_EXCEEDED appear where OpenSSL puts them.
 */
import type { ParsedCertificate } from "../model/types.js";
import { NsCertType, opensslFlags } from "./openssl-flags.js";
import type { VerifyPurpose } from "./types.js";

/** check_ca(): 0 = not a CA; 1 = CA:TRUE; 3 = v1 self-signed root; 4 = no basicConstraints but keyCertSign. */
export function checkCa(cert: ParsedCertificate): number {
  // X509_check_ca() answers 0 for a certificate whose extensions OpenSSL cannot cache (EXFLAG_INVALID).
  if (opensslFlags(cert).invalid) return 0;
  // RFC 5280 4.2.1.3: a key usage without keyCertSign forbids issuing.
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return 0;
  if (cert.basicConstraints) return cert.basicConstraints.ca ? 1 : 0;
  if (cert.version === 1 && opensslFlags(cert).selfSigned) return 3;
  if (cert.keyUsage) return 4;
  // Older certificates could have Netscape-specific CA types (v3_purp.c check_ca).
  if (((opensslFlags(cert).nsCertType ?? 0) & NsCertType.anyCa) !== 0) return 5;
  return 0;
}

function ekuRejects(cert: ParsedCertificate, accepted: readonly string[]): boolean {
  return cert.extKeyUsage !== null && !cert.extKeyUsage.some((eku) => accepted.includes(eku));
}

function kuRejects(cert: ParsedCertificate, accepted: readonly string[]): boolean {
  return cert.keyUsage !== null && !accepted.some((bit) => cert.keyUsage!.has(bit));
}

/** nsCertType, when present, must allow the use (ns_reject). */
function nsRejects(cert: ParsedCertificate, bit: number): boolean {
  const ns = opensslFlags(cert).nsCertType;
  return ns !== null && (ns & bit) === 0;
}

/** check_ssl_ca(): a CA by check_ca(), and a Netscape-only CA must say SSL CA. */
function checkSslCa(cert: ParsedCertificate): boolean {
  const ca = checkCa(cert);
  return ca !== 0 && (ca !== 5 || ((opensslFlags(cert).nsCertType ?? 0) & NsCertType.sslCa) !== 0);
}

/** X509_check_purpose(x, SSL_CLIENT|SSL_SERVER, requireCa): true when the certificate may serve that purpose. */
export function checkPurpose(cert: ParsedCertificate, purpose: VerifyPurpose, requireCa: boolean): boolean {
  // X509_check_purpose() returns -1 for an invalid certificate, which check_purpose() accepts unless
  // X509_V_FLAG_X509_STRICT is set (it is not by default).
  if (opensslFlags(cert).invalid) return true;
  if (purpose === "client") {
    if (ekuRejects(cert, ["clientAuth"])) return false;
    if (requireCa) return checkSslCa(cert);
    return !kuRejects(cert, ["digitalSignature", "keyAgreement"]) && !nsRejects(cert, NsCertType.sslClient);
  }
  // The server purpose also accepts the old Server Gated Crypto EKUs (XKU_SGC).
  if (ekuRejects(cert, ["serverAuth", "nsSGC", "msSGC"])) return false;
  if (requireCa) return checkSslCa(cert);
  return !nsRejects(cert, NsCertType.sslServer) && !kuRejects(cert, ["digitalSignature", "keyEncipherment", "keyAgreement"]);
}

/** One finding of check_extensions(), in OpenSSL's order. */
export interface ExtensionFinding {
  code: "UNHANDLED_CRITICAL_EXTENSION" | "INVALID_CA" | "EC_KEY_EXPLICIT_PARAMS" | "INVALID_PURPOSE" | "PATH_LENGTH_EXCEEDED";
  depth: number;
}

/** Walks the chain leaf first as check_extensions() does. */
export function checkExtensions(chain: readonly ParsedCertificate[], purpose: VerifyPurpose): ExtensionFinding[] {
  const findings: ExtensionFinding[] = [];
  let pathLength = 0;
  for (const [depth, cert] of chain.entries()) {
    if (opensslFlags(cert).unhandledCritical) findings.push({ code: "UNHANDLED_CRITICAL_EXTENSION", depth });
    if (depth > 0) {
      const ca = checkCa(cert);
      // Intermediates need CA:TRUE (1); the top of the chain may also be a v1 root or a keyCertSign-only CA.
      if (ca === 0 || (depth + 1 < chain.length && ca !== 1)) findings.push({ code: "INVALID_CA", depth });
    }
    // check_curve(): in a chain of two or more, an EC key with explicit parameters is refused (measured at every depth).
    if (chain.length > 1 && cert.explicitEcParams) findings.push({ code: "EC_KEY_EXPLICIT_PARAMS", depth });
    // Trust anchors get the purpose check too: OpenSSL checks trust with X509_TRUST_NO_SS_COMPAT, so an
    // EKU on a root or intermediate constrains the whole chain.
    if (!checkPurpose(cert, purpose, depth > 0)) findings.push({ code: "INVALID_PURPOSE", depth });
    const limit = cert.basicConstraints?.ca ? cert.basicConstraints.pathLength : undefined;
    if (depth > 1 && limit !== undefined && pathLength > limit) findings.push({ code: "PATH_LENGTH_EXCEEDED", depth });
    // Self-issued intermediates do not count toward pathLen (RFC 5280 6.1.4 (l)).
    if (depth > 0 && !cert.selfIssued) pathLength += 1;
  }
  return findings;
}
