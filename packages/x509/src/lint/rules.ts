/**
 * mTLS lint rules: each looks at one certificate (with the others of the same set for context) and
 * returns at most one warning, with the fix. Ids are stable: the Problems panel and `mtls-lab lint --json`
 * key on them.
 */
import { LEAF_DAYS } from "../constants.js";
import { SignatureAlgorithms } from "../model/algorithms.js";
import type { ParsedCertificate } from "../model/types.js";

export const LintId = {
  noSan: "no-san",
  cnOnlyIdentity: "cn-only-identity",
  validityOver398Days: "validity-over-398-days",
  caOnLeaf: "ca-on-leaf",
  sha1Signature: "sha1-signature",
  rsaUnder2048: "rsa-under-2048",
  leafWithoutEku: "leaf-without-eku",
  sameDnDifferentKey: "same-dn-different-key",
  expired: "expired",
  notYetValid: "not-yet-valid",
  expiringSoon: "expiring-soon",
  malformedExtension: "malformed-extension",
  duplicateExtension: "duplicate-extension",
} as const;
export type LintId = (typeof LintId)[keyof typeof LintId];

export interface LintWarning {
  id: LintId;
  severity: "error" | "warning" | "info";
  /** Subject of the certificate the warning is about. */
  subject: string;
  /** The kit file name, when linting a kit. */
  file?: string;
  /** Position of the certificate in the input, when linting a list of certificates (lets callers name its file). */
  index?: number;
  message: string;
  fix: string;
  /** Learn chapter slug. */
  learn?: string;
}

/** What a rule sees. */
export interface LintContext {
  cert: ParsedCertificate;
  /** True when the certificate is an end-entity (server or client) certificate. */
  leaf: boolean;
  /** Every certificate of the set, this one included. */
  all: readonly ParsedCertificate[];
  at: Date;
  expiringWithinDays: number;
}

type Rule = (context: LintContext) => Omit<LintWarning, "subject" | "file"> | null;

const DAY_MS = 86_400_000;
/** The longest validity lint accepts for a TLS leaf: the CA/Browser Forum's 398 days. */
export const MAX_LEAF_DAYS = LEAF_DAYS;

const looksLikeHost = (cn: string) => cn === "localhost" || /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(cn);

export const rules: readonly Rule[] = [
  // Decoding shows a malformed extension value and goes on; verifiers do not: OpenSSL marks the certificate
  // invalid for a malformed basicConstraints, keyUsage, EKU, SAN, SKI, AKI, nameConstraints or CRLDP.
  ({ cert }) => {
    const bad = cert.extensions.filter((e) => e.malformed !== undefined);
    return bad.length > 0
      ? {
          id: LintId.malformedExtension,
          severity: "error",
          message: `Malformed extension value${bad.length > 1 ? "s" : ""}: ${bad.map((e) => `${e.name}: ${e.malformed}`).join("; ")}. Decoders show the certificate; verifiers may refuse it or read the extension differently.`,
          fix: "Reissue the certificate from a tool that writes valid DER for every extension (openssl x509 -req -extfile, or mtls-lab kit).",
          learn: "extensions",
        }
      : null;
  },
  ({ cert }) =>
    cert.duplicateExtensions.length > 0
      ? {
          id: LintId.duplicateExtension,
          severity: "error",
          message: `Extension${cert.duplicateExtensions.length > 1 ? "s" : ""} ${cert.duplicateExtensions.join(", ")} appear${cert.duplicateExtensions.length > 1 ? "" : "s"} twice: RFC 5280 4.2 forbids it and OpenSSL 3 refuses the certificate in verification.`,
          fix: "Reissue the certificate with each extension once.",
          learn: "extensions",
        }
      : null,
  // Client-only leaves (EKU clientAuth without serverAuth) are identified by their subject DN, which
  // nginx ($ssl_client_s_dn) and Node (getPeerCertificate().subject) read: no SAN needed there.
  ({ cert, leaf }) =>
    leaf && !cert.hasSubjectAltName && !isClientOnly(cert)
      ? {
          id: LintId.noSan,
          severity: "warning",
          message: "No subjectAltName: Node, browsers and Go match host names against SAN only (RFC 6125), and client identities are best carried there too.",
          fix: "Reissue with subjectAltName (DNS:host, IP:address for servers; URI or email for clients).",
          learn: "names",
        }
      : null,
  ({ cert, leaf }) =>
    leaf && !cert.subjectAltNames.some((n) => n.type === "dns" || n.type === "ip") && cert.commonNames.some(looksLikeHost)
      ? {
          id: LintId.cnOnlyIdentity,
          severity: "warning",
          message: `The host name is only in the CN (${cert.commonNames.join(", ")}): RFC 6125 deprecates CN matching and browsers ignore it.`,
          fix: `Put ${cert.commonNames.find(looksLikeHost)} into subjectAltName as a DNS name.`,
          learn: "names",
        }
      : null,
  ({ cert, leaf }) => {
    const days = (cert.notAfter.getTime() - cert.notBefore.getTime()) / DAY_MS;
    return leaf && days > MAX_LEAF_DAYS
      ? {
          id: LintId.validityOver398Days,
          severity: "warning",
          message: `Valid for ${Math.round(days)} days, over the ${MAX_LEAF_DAYS}-day limit public TLS leaves have (CA/Browser Forum); long-lived leaves are rarely rotated.`,
          fix: `Issue leaves for ${MAX_LEAF_DAYS} days or less and automate renewal.`,
          learn: "validity",
        }
      : null;
  },
  ({ cert, leaf }) =>
    leaf && cert.basicConstraints?.ca === true
      ? {
          id: LintId.caOnLeaf,
          severity: "warning",
          message: "CA:TRUE on a leaf: anyone holding its key can issue certificates that chain to it (openssl req -x509's default).",
          fix: "Reissue the leaf with basicConstraints CA:FALSE and sign it with a separate CA.",
          learn: "extensions",
        }
      : null,
  ({ cert }) => {
    const hash = SignatureAlgorithms[cert.signatureOid]?.hash;
    return hash === "SHA-1" || hash === "MD5"
      ? {
          id: LintId.sha1Signature,
          severity: cert.selfSigned ? "warning" : "error",
          message: `Signed with ${SignatureAlgorithms[cert.signatureOid]!.name}: collisions are practical; OpenSSL 3 at security level 2 (Debian's nginx, curl) rejects it.`,
          fix: "Reissue with SHA-256 (openssl ... -sha256).",
          learn: "algorithms",
        }
      : null;
  },
  ({ cert }) =>
    (cert.keyAlgorithm === "RSA" || cert.keyAlgorithm === "RSA-PSS") && cert.keyBits < 2048
      ? {
          id: LintId.rsaUnder2048,
          severity: "error",
          message: `RSA ${cert.keyBits}-bit key: below 2048 bits, and OpenSSL 3 at security level 2 refuses it (EE_KEY_TOO_SMALL / CA_KEY_TOO_SMALL).`,
          fix: "Generate a new key: RSA 2048 or more, or EC P-256.",
          learn: "algorithms",
        }
      : null,
  ({ cert, leaf }) =>
    leaf && cert.extKeyUsage === null
      ? {
          id: LintId.leafWithoutEku,
          severity: "info",
          message: "No extended key usage: OpenSSL accepts it for any purpose, so a client certificate also works as a server certificate and the other way round.",
          fix: "Add extendedKeyUsage serverAuth (servers) or clientAuth (clients).",
          learn: "extensions",
        }
      : null,
  ({ cert, all }) => {
    const twin = all.find((other) => other !== cert && other.subjectKey === cert.subjectKey && other.subjectKey === cert.issuerKey && !sameKey(other, cert));
    const selfIssuedOtherKey = cert.selfIssued && cert.authorityKeyId !== undefined && cert.subjectKeyId !== undefined && cert.authorityKeyId !== cert.subjectKeyId;
    return twin || selfIssuedOtherKey
      ? {
          id: LintId.sameDnDifferentKey,
          severity: "error",
          message: `Subject and issuer are the same DN (${cert.subject}) but the issuing key is another one: verifiers take it for self-signed and fail, or pick the wrong issuer.`,
          fix: "Give every certificate its own subject DN (at least a distinct CN) and keep issuer names distinct from leaf names.",
          learn: "chains-and-trust",
        }
      : null;
  },
  ({ cert, at, expiringWithinDays }) => {
    const left = (cert.notAfter.getTime() - at.getTime()) / DAY_MS;
    if (left < 0) return { id: LintId.expired, severity: "error", message: `Expired on ${cert.notAfter.toISOString()}: peers fail with CERT_HAS_EXPIRED.`, fix: "Issue a new certificate (and renew its CA if that is the expired one).", learn: "validity" };
    if (cert.notBefore.getTime() > at.getTime()) return { id: LintId.notYetValid, severity: "error", message: `Not valid before ${cert.notBefore.toISOString()}: peers fail with CERT_NOT_YET_VALID.`, fix: "Check the clock that issued it, or reissue with notBefore in the past.", learn: "validity" };
    if (left <= expiringWithinDays) return { id: LintId.expiringSoon, severity: "warning", message: `Expires in ${Math.max(0, Math.floor(left))} days (${cert.notAfter.toISOString()}).`, fix: "Renew it now and deploy the new certificate before it expires.", learn: "validity" };
    return null;
  },
];

function isClientOnly(cert: ParsedCertificate): boolean {
  return cert.extKeyUsage !== null && cert.extKeyUsage.includes("clientAuth") && !cert.extKeyUsage.includes("serverAuth");
}

function sameKey(a: ParsedCertificate, b: ParsedCertificate): boolean {
  if (a.spki.length !== b.spki.length) return false;
  for (let i = 0; i < a.spki.length; i++) if (a.spki[i] !== b.spki[i]) return false;
  return true;
}
