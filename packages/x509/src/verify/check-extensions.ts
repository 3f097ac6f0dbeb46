/**
 * OpenSSL 3.0's check_extensions() and X509_check_purpose() for the SSL client and server purposes
 * (v3_purp.c), so INVALID_CA / INVALID_PURPOSE / PATH_LENGTH_EXCEEDED appear where OpenSSL puts them.
 */
import type { ParsedCertificate } from "../model/types.js";
import type { VerifyPurpose } from "./types.js";

/** check_ca(): 0 = not a CA; 1 = CA:TRUE; 3 = v1 self-signed root; 4 = no basicConstraints but keyCertSign. */
export function checkCa(cert: ParsedCertificate): number {
  // RFC 5280 4.2.1.3: a key usage without keyCertSign forbids issuing.
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return 0;
  if (cert.basicConstraints) return cert.basicConstraints.ca ? 1 : 0;
  if (cert.version === 1 && cert.selfSigned) return 3;
  if (cert.keyUsage) return 4;
  return 0;
}

function ekuRejects(cert: ParsedCertificate, accepted: readonly string[]): boolean {
  return cert.extKeyUsage !== null && !cert.extKeyUsage.some((eku) => accepted.includes(eku));
}

function kuRejects(cert: ParsedCertificate, accepted: readonly string[]): boolean {
  return cert.keyUsage !== null && !accepted.some((bit) => cert.keyUsage!.has(bit));
}

/** X509_check_purpose(x, SSL_CLIENT|SSL_SERVER, requireCa): true when the certificate may serve that purpose. */
export function checkPurpose(cert: ParsedCertificate, purpose: VerifyPurpose, requireCa: boolean): boolean {
  if (purpose === "client") {
    if (ekuRejects(cert, ["clientAuth"])) return false;
    if (requireCa) return checkCa(cert) !== 0;
    return !kuRejects(cert, ["digitalSignature", "keyAgreement"]);
  }
  // The server purpose also accepts the old Server Gated Crypto EKUs (XKU_SGC).
  if (ekuRejects(cert, ["serverAuth", "nsSGC", "msSGC"])) return false;
  if (requireCa) return checkCa(cert) !== 0;
  return !kuRejects(cert, ["digitalSignature", "keyEncipherment", "keyAgreement"]);
}

/** One finding of check_extensions(), in OpenSSL's order. */
export interface ExtensionFinding {
  code: "UNHANDLED_CRITICAL_EXTENSION" | "INVALID_CA" | "INVALID_PURPOSE" | "PATH_LENGTH_EXCEEDED";
  depth: number;
}

/** Walks the chain leaf first as check_extensions() does. */
export function checkExtensions(chain: readonly ParsedCertificate[], purpose: VerifyPurpose): ExtensionFinding[] {
  const findings: ExtensionFinding[] = [];
  let pathLength = 0;
  for (const [depth, cert] of chain.entries()) {
    if (cert.unhandledCritical.length > 0) findings.push({ code: "UNHANDLED_CRITICAL_EXTENSION", depth });
    if (depth > 0) {
      const ca = checkCa(cert);
      // Intermediates need CA:TRUE (1); the top of the chain may also be a v1 root or a keyCertSign-only CA.
      if (ca === 0 || (depth + 1 < chain.length && ca !== 1)) findings.push({ code: "INVALID_CA", depth });
    }
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
