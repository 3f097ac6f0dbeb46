/**
 * RFC 5280 4.2.1.10 name constraints as OpenSSL 3.0 applies them (crypto/x509/v3_ncons.c NAME_CONSTRAINTS_check
 * and x509_vfy.c check_name_constraints): the subject DN and its emailAddress attributes, every SAN, and the
 * leaf's CN when it has no DNS SAN, against each constraining CA above; with OpenSSL's answers for what it
 * cannot check (unsupported name constraint type, invalid name syntax, minimum/maximum) and its work limit.
 */
import type { ParsedCertificate, ParsedGeneralName } from "../model/types.js";

export type NameConstraintCode =
  | "PERMITTED_VIOLATION"
  | "EXCLUDED_VIOLATION"
  | "SUBTREE_MINMAX"
  | "UNSUPPORTED_CONSTRAINT_TYPE"
  | "UNSUPPORTED_NAME_SYNTAX"
  | "UNSPECIFIED";

/** v3_ncons.c NAME_CHECK_MAX: names x constraints beyond 1 << 20 fail as X509_V_ERR_UNSPECIFIED. */
const NAME_CHECK_MAX = 1 << 20;

interface Subtree {
  base: ParsedGeneralName;
  /** base.value with ASCII folded to lower case (the comparisons are ia5ncasecmp), computed once. */
  folded: string;
  /** A maximum, or a minimum other than 0 (nc_minmax_valid fails: X509_V_ERR_SUBTREE_MINMAX). */
  minMax: boolean;
}

interface Constraints {
  permitted: Subtree[];
  excluded: Subtree[];
}

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const ieq = (a: string, b: string) => a.length === b.length && lower(a) === lower(b);

const constraintsCache = new WeakMap<ParsedCertificate, Constraints | null>();

function constraintsOf(cert: ParsedCertificate): Constraints | null {
  if (constraintsCache.has(cert)) return constraintsCache.get(cert)!;
  let out: Constraints | null = null;
  if (cert.nameConstraints) {
    // nc_minmax_valid(): a maximum, or a minimum other than 0, is not supported.
    const subtree = (base: ParsedGeneralName & { minimum?: number; maximum?: number }): Subtree => ({
      base,
      folded: lower(base.value),
      minMax: base.maximum !== undefined || (base.minimum !== undefined && base.minimum !== 0),
    });
    out = { permitted: cert.nameConstraints.permitted.map(subtree), excluded: cert.nameConstraints.excluded.map(subtree) };
  }
  constraintsCache.set(cert, out);
  return out;
}

/** nc_dns(): the base's labels end the name; an empty base matches everything (both already ASCII-folded). */
function ncDns(name: string, base: string): NameConstraintCode | null {
  if (base.length === 0) return null;
  if (name.length < base.length) return "PERMITTED_VIOLATION";
  if (name.length > base.length && base[0] !== "." && name[name.length - base.length - 1] !== ".") return "PERMITTED_VIOLATION";
  return name.endsWith(base) ? null : "PERMITTED_VIOLATION";
}

/** nc_email(): local part case-sensitive when the base has one, host case-insensitive, ".domain" a suffix. */
function ncEmail(email: string, base: string): NameConstraintCode | null {
  const emailAt = email.lastIndexOf("@");
  const baseAt = base.lastIndexOf("@");
  if (emailAt < 0) return "UNSUPPORTED_NAME_SYNTAX";
  if (baseAt < 0 && base.startsWith(".")) return email.length > base.length && ieq(email.slice(email.length - base.length), base) ? null : "PERMITTED_VIOLATION";
  let baseHost = base;
  if (baseAt >= 0) {
    if (baseAt > 0) {
      if (baseAt !== emailAt) return "PERMITTED_VIOLATION";
      if (base.slice(0, baseAt).includes("\0") || email.slice(0, emailAt).includes("\0")) return "UNSUPPORTED_NAME_SYNTAX";
      if (base.slice(0, baseAt) !== email.slice(0, emailAt)) return "PERMITTED_VIOLATION";
    }
    baseHost = base.slice(baseAt + 1);
  }
  return ieq(email.slice(emailAt + 1), baseHost) ? null : "PERMITTED_VIOLATION";
}

/** nc_uri(): the host after "scheme://" up to ":" or "/" (userinfo is not stripped). */
function ncUri(uri: string, base: string): NameConstraintCode | null {
  const colon = uri.indexOf(":");
  if (colon < 0 || uri.length - colon < 3 || uri[colon + 1] !== "/" || uri[colon + 2] !== "/") return "UNSUPPORTED_NAME_SYNTAX";
  const rest = uri.slice(colon + 3);
  let end = rest.indexOf(":");
  if (end < 0) end = rest.indexOf("/");
  const host = end < 0 ? rest : rest.slice(0, end);
  if (host.length === 0) return "UNSUPPORTED_NAME_SYNTAX";
  if (base.startsWith(".")) return host.length > base.length && ieq(host.slice(host.length - base.length), base) ? null : "PERMITTED_VIOLATION";
  return ieq(host, base) ? null : "PERMITTED_VIOLATION";
}

/** nc_ip(): 4 or 16 address octets against 8 or 32 address+mask octets (3.0.19 answers "invalid name syntax" for either). */
function ncIp(address: Uint8Array, base: Uint8Array): NameConstraintCode | null {
  if (address.length !== 4 && address.length !== 16) return "UNSUPPORTED_NAME_SYNTAX";
  if (base.length !== 8 && base.length !== 32) return "UNSUPPORTED_NAME_SYNTAX";
  if (address.length * 2 !== base.length) return "PERMITTED_VIOLATION";
  for (let i = 0; i < address.length; i++) {
    const mask = base[address.length + i]!;
    if ((address[i]! & mask) !== (base[i]! & mask)) return "PERMITTED_VIOLATION";
  }
  return null;
}

/** nc_dn(): the base's canonical encoding is a prefix of the name's (whole RDNs). */
function ncDn(nameKey: string, baseKey: string): NameConstraintCode | null {
  const name = nameKey ? (JSON.parse(nameKey) as string[][]) : [];
  const base = baseKey ? (JSON.parse(baseKey) as string[][]) : [];
  if (base.length > name.length) return "PERMITTED_VIOLATION";
  return base.every((rdn, i) => JSON.stringify(rdn) === JSON.stringify(name[i])) ? null : "PERMITTED_VIOLATION";
}

function sameType(name: ParsedGeneralName, base: ParsedGeneralName): boolean {
  return name.type === base.type && (name.type !== "other" || name.otherType === base.otherType);
}

function matchSingle(name: ParsedGeneralName, folded: string, sub: Subtree): NameConstraintCode | null {
  const base = sub.base;
  switch (name.type) {
    case "dns":
      return ncDns(folded, sub.folded);
    case "email":
      return ncEmail(name.value, base.value);
    case "uri":
      return ncUri(name.value, base.value);
    case "ip":
      return ncIp(name.bytes ?? new Uint8Array(), base.bytes ?? new Uint8Array());
    case "dirName":
      return ncDn(name.name?.key ?? "", base.name?.key ?? "");
    default:
      return "UNSUPPORTED_CONSTRAINT_TYPE";
  }
}

/** nc_match(): one permitted subtree of the name's type must match (if any), no excluded one may. */
function ncMatch(name: ParsedGeneralName, nc: Constraints): NameConstraintCode | null {
  const folded = lower(name.value);
  let match = 0;
  for (const sub of nc.permitted) {
    if (!sameType(name, sub.base)) continue;
    if (sub.minMax) return "SUBTREE_MINMAX";
    if (match === 2) continue;
    match = 1;
    const r = matchSingle(name, folded, sub);
    if (r === null) match = 2;
    else if (r !== "PERMITTED_VIOLATION") return r;
  }
  if (match === 1) return "PERMITTED_VIOLATION";
  for (const sub of nc.excluded) {
    if (!sameType(name, sub.base)) continue;
    if (sub.minMax) return "SUBTREE_MINMAX";
    const r = matchSingle(name, folded, sub);
    if (r === null) return "EXCLUDED_VIOLATION";
    if (r !== "PERMITTED_VIOLATION") return r;
  }
  return null;
}

/** NAME_CONSTRAINTS_check(): work limit, subject DN, subject emailAddress attributes, then every SAN. */
function checkCertificate(cert: ParsedCertificate, nc: Constraints): NameConstraintCode | null {
  const entries = cert.subjectName.attributes.length;
  const names = entries + cert.subjectAltNames.length;
  if (names > 0 && nc.permitted.length + nc.excluded.length > Math.floor(NAME_CHECK_MAX / names)) return "UNSPECIFIED";
  if (entries > 0) {
    const dn = ncMatch({ type: "dirName", value: cert.subject, name: cert.subjectName }, nc);
    if (dn) return dn;
    for (const attribute of cert.subjectName.attributes.filter((a) => a.oid === "1.2.840.113549.1.9.1")) {
      if (attribute.tag !== 0x16) return "UNSUPPORTED_NAME_SYNTAX";
      const r = ncMatch({ type: "email", value: attribute.value }, nc);
      if (r) return r;
    }
  }
  for (const name of cert.subjectAltNames) {
    const r = ncMatch(name, nc);
    if (r) return r;
  }
  return null;
}

/** cn2dnsid(): a CN counts as a DNS name only when it has two or more labels of [A-Za-z0-9_-]. */
function cnAsDns(cn: string): string | null | "nul" {
  let value = cn;
  while (value.endsWith("\0")) value = value.slice(0, -1);
  if (value.includes("\0")) return "nul";
  let dns = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (/[A-Za-z0-9_]/.test(c)) continue;
    if (i > 0 && i < value.length - 1) {
      if (c === "-") continue;
      if (c === "." && value[i + 1] !== "." && value[i - 1] !== "-" && value[i + 1] !== "-") {
        dns = true;
        continue;
      }
    }
    dns = false;
    break;
  }
  return dns ? value : null;
}

/** NAME_CONSTRAINTS_check_CN(). */
function checkCommonNames(cert: ParsedCertificate, nc: Constraints): NameConstraintCode | null {
  for (const cn of cert.commonNames) {
    const dns = cnAsDns(cn);
    if (dns === "nul") return "UNSUPPORTED_NAME_SYNTAX";
    if (dns === null) continue;
    const r = ncMatch({ type: "dns", value: dns }, nc);
    if (r) return r;
  }
  return null;
}

/** check_name_constraints(): from the top of the chain down, self-issued intermediates skipped. */
export function checkNameConstraints(chain: readonly ParsedCertificate[]): { code: NameConstraintCode; depth: number }[] {
  const findings: { code: NameConstraintCode; depth: number }[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const cert = chain[i]!;
    if (i !== 0 && cert.selfIssued) continue;
    for (let j = chain.length - 1; j > i; j--) {
      const nc = constraintsOf(chain[j]!);
      if (!nc) continue;
      let code = checkCertificate(cert, nc);
      if (code === null && i === 0 && !cert.subjectAltNames.some((n) => n.type === "dns")) code = checkCommonNames(cert, nc);
      if (code) findings.push({ code, depth: i });
    }
  }
  return findings;
}
