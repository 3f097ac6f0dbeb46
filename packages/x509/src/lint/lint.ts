/**
 * lint(): warnings with ids and fixes for one certificate, a bundle, or a generated kit.
 */
import type { Kit, KitRole } from "../types.js";
import { checkCa } from "../verify/check-extensions.js";
import type { ParsedCertificate } from "../model/types.js";
import { badInput } from "../decode/errors.js";
import { readCertificates } from "../verify/read-certificates.js";
import type { CertificateSource } from "../verify/types.js";
import { rules, type LintWarning } from "./rules.js";

export interface LintOptions {
  /** Time for expiry checks; default now. */
  at?: Date;
  /** Warn when a certificate expires within this many days; default 30. */
  expiringWithinDays?: number;
  /** Force how certificates are judged; default: from kit roles, else from the certificate itself. */
  role?: "leaf" | "ca";
}

const LEAF_ROLES: ReadonlySet<KitRole> = new Set(["serverCert", "clientCert"]);
const CA_ROLES: ReadonlySet<KitRole> = new Set(["serverCa", "clientCa", "serverIntermediate", "clientIntermediate"]);

/**
 * Whether a certificate without a known role is a leaf: CA:FALSE or no CA rights at all, or CA:TRUE but
 * used like a leaf (a TLS EKU, a SAN, a key usage without keyCertSign, or a host name as CN, as
 * `openssl req -x509` certificates of the seed tutorials have).
 */
export function looksLikeLeaf(cert: ParsedCertificate): boolean {
  if (cert.basicConstraints?.ca !== true) return checkCa(cert) === 0 || cert.basicConstraints?.ca === false;
  // CA:TRUE with keyCertSign is a CA, whatever else it carries: some public roots have a SAN (ACCVRAIZ1),
  // and intermediates constrained to TLS carry serverAuth/clientAuth EKUs (RFC 5280 4.2.1.3, 4.2.1.12).
  if (cert.keyUsage?.has("keyCertSign")) return false;
  if (cert.extKeyUsage?.some((eku) => eku === "serverAuth" || eku === "clientAuth")) return true;
  if (cert.hasSubjectAltName) return true;
  if (cert.keyUsage && !cert.keyUsage.has("keyCertSign")) return true;
  return cert.commonNames.some((cn) => cn === "localhost" || /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(cn));
}

function isKit(input: unknown): input is Kit {
  return typeof input === "object" && input !== null && !(input instanceof Uint8Array) && !Array.isArray(input) && Array.isArray((input as Kit).files);
}

/** Lints certificates (PEM, DER, lists of them) or a kit; throws X509Error (code BAD_INPUT) on unreadable input. */
export function lint(input: CertificateSource | Kit, options: LintOptions = {}): LintWarning[] {
  const at = options.at ?? new Date();
  if (Number.isNaN(at.getTime())) throw badInput("at: not a valid date");
  const expiringWithinDays = options.expiringWithinDays ?? 30;
  const entries: { cert: ParsedCertificate; leaf: boolean; file?: string; index?: number }[] = [];
  if (isKit(input)) {
    for (const file of input.files) {
      if (!LEAF_ROLES.has(file.role) && !CA_ROLES.has(file.role)) continue;
      if (typeof file.contents !== "string") continue;
      for (const cert of readCertificates(file.contents, file.name)) entries.push({ cert, leaf: LEAF_ROLES.has(file.role), file: file.name });
    }
    if (entries.length === 0) throw badInput("kit: no certificate files found");
  } else {
    readCertificates(input, "input").forEach((cert, index) => {
      entries.push({ cert, leaf: options.role ? options.role === "leaf" : looksLikeLeaf(cert), index });
    });
  }
  const all = entries.map((e) => e.cert);
  const warnings: LintWarning[] = [];
  for (const entry of entries) {
    for (const rule of rules) {
      const warning = rule({ cert: entry.cert, leaf: entry.leaf, all, at, expiringWithinDays });
      if (warning) {
        warnings.push({
          ...warning,
          subject: entry.cert.subject,
          ...(entry.file ? { file: entry.file } : {}),
          ...(entry.index !== undefined ? { index: entry.index } : {}),
        });
      }
    }
  }
  return warnings;
}
