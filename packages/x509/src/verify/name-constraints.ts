/**
 * RFC 5280 4.2.1.10 name constraints as OpenSSL 3.0 applies them (NAME_CONSTRAINTS_check): DNS, IP,
 * email and URI names of every certificate below a constrained CA, plus the leaf's CN when it has no DNS SAN.
 */
import type { ParsedCertificate, ParsedGeneralName } from "../model/types.js";

function dnsMatches(name: string, base: string): boolean {
  const n = name.toLowerCase();
  const b = base.toLowerCase();
  if (b === "") return true;
  if (b.startsWith(".")) return n.endsWith(b);
  return n === b || n.endsWith(`.${b}`);
}

function ipMatches(address: Uint8Array | undefined, base: Uint8Array | undefined): boolean {
  if (!address || !base || base.length !== address.length * 2) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = base[address.length + i]!;
    if ((address[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

function emailMatches(email: string, base: string): boolean {
  const at = email.lastIndexOf("@");
  const domain = email.slice(at + 1).toLowerCase();
  if (base.includes("@")) return email.slice(0, at) === base.slice(0, base.lastIndexOf("@")) && domain === base.slice(base.lastIndexOf("@") + 1).toLowerCase();
  if (base.startsWith(".")) return domain.endsWith(base.toLowerCase());
  return domain === base.toLowerCase();
}

function uriHost(uri: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/([^/:?#@]*@)?([^/:?#]*)/i.exec(uri)?.[2] ?? "";
}

function matches(name: ParsedGeneralName, base: ParsedGeneralName): boolean {
  switch (name.type) {
    case "dns":
      return dnsMatches(name.value, base.value);
    case "ip":
      return ipMatches(name.bytes, base.bytes);
    case "email":
      return emailMatches(name.value, base.value);
    case "uri": {
      const host = uriHost(name.value);
      return base.value.startsWith(".") ? host.toLowerCase().endsWith(base.value.toLowerCase()) : host.toLowerCase() === base.value.toLowerCase();
    }
    default:
      return true;
  }
}

/** nc_match(): a name must match one permitted subtree of its type (if any) and no excluded one. */
function checkName(name: ParsedGeneralName, nc: NonNullable<ParsedCertificate["nameConstraints"]>): "PERMITTED_VIOLATION" | "EXCLUDED_VIOLATION" | null {
  const permitted = nc.permitted.filter((b) => b.type === name.type);
  if (permitted.length > 0 && !permitted.some((b) => matches(name, b))) return "PERMITTED_VIOLATION";
  if (nc.excluded.some((b) => b.type === name.type && matches(name, b))) return "EXCLUDED_VIOLATION";
  return null;
}

/** check_name_constraints(): findings from the top of the chain down, self-issued intermediates skipped. */
export function checkNameConstraints(chain: readonly ParsedCertificate[]): { code: "PERMITTED_VIOLATION" | "EXCLUDED_VIOLATION"; depth: number }[] {
  const findings: { code: "PERMITTED_VIOLATION" | "EXCLUDED_VIOLATION"; depth: number }[] = [];
  for (let i = chain.length - 1; i >= 0; i--) {
    const cert = chain[i]!;
    if (i !== 0 && cert.selfIssued) continue;
    for (let j = chain.length - 1; j > i; j--) {
      const nc = chain[j]!.nameConstraints;
      if (!nc) continue;
      const names = cert.subjectAltNames.filter((n) => n.type !== "dirName" && n.type !== "other");
      let code: "PERMITTED_VIOLATION" | "EXCLUDED_VIOLATION" | null = null;
      for (const name of names) {
        code = checkName(name, nc);
        if (code) break;
      }
      // The leaf's CN counts as a DNS name when it has no DNS SAN (NAME_CONSTRAINTS_check_CN).
      if (!code && i === 0 && !names.some((n) => n.type === "dns")) {
        for (const cn of cert.commonNames.filter((c) => /^[a-z0-9*-]+(\.[a-z0-9-]+)+$/i.test(c))) {
          code = checkName({ type: "dns", value: cn }, nc);
          if (code) break;
        }
      }
      if (code) findings.push({ code, depth: i });
    }
  }
  return findings;
}
