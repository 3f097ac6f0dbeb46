/**
 * Host name and IP matching for the server purpose, as Node 20's tls.checkServerIdentity does it
 * (RFC 6125: SAN dNSName first, CN only without any SAN DNS name; one wildcard, leftmost label, never "*.tld").
 */
import type { ParsedCertificate } from "../model/types.js";

/** Node's failure: code ERR_TLS_CERT_ALTNAME_INVALID, message "Hostname/IP does not match certificate's altnames: " + reason. */
export interface HostMismatch {
  code: "ERR_TLS_CERT_ALTNAME_INVALID";
  reason: string;
  message: string;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** True for a literal IPv4 or IPv6 address (as net.isIP). */
export function isIpAddress(text: string): boolean {
  return IPV4.test(text) || (text.includes(":") && expandIpv6(text) !== null);
}

function expandIpv6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const groups: number[] = [];
    for (const group of part.split(":")) {
      if (IPV4.test(group)) {
        const bytes = group.split(".").map(Number);
        groups.push((bytes[0]! << 8) | bytes[1]!, (bytes[2]! << 8) | bytes[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(group)) groups.push(Number.parseInt(group, 16));
      else return null;
    }
    return groups;
  };
  const head = parse(halves[0] ?? "");
  const tail = halves.length === 2 ? parse(halves[1] ?? "") : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  return fill < 1 ? null : [...head, ...new Array<number>(fill).fill(0), ...tail];
}

/** One spelling per address, so "::1" and "0:0:0:0:0:0:0:1" compare equal. */
export function canonicalizeIp(text: string): string {
  if (IPV4.test(text)) return text;
  const groups = expandIpv6(text);
  return groups ? groups.map((g) => g.toString(16)).join(":") : text.toLowerCase();
}

function splitHost(host: string): string[] {
  return host.replace(/\.$/, "").toLowerCase().split(".");
}

function matchPattern(hostParts: string[], pattern: string, wildcards: boolean): boolean {
  if (!pattern) return false;
  const patternParts = splitHost(pattern);
  if (hostParts.length !== patternParts.length || patternParts.includes("")) return false;
  // Node rejects non-printable and non-ASCII patterns outright.
  if (patternParts.some((part) => /[^\u0021-\u007F]/u.test(part))) return false;
  for (let i = hostParts.length - 1; i > 0; i -= 1) if (hostParts[i] !== patternParts[i]) return false;
  const hostLabel = hostParts[0] ?? "";
  const patternLabel = patternParts[0] ?? "";
  const pieces = patternLabel.split("*", 3);
  if (pieces.length === 1 || patternLabel.includes("xn--")) return hostLabel === patternLabel;
  if (!wildcards || pieces.length > 2 || patternParts.length <= 2) return false;
  const prefix = pieces[0] ?? "";
  const suffix = pieces[1] ?? "";
  return prefix.length + suffix.length <= hostLabel.length && hostLabel.startsWith(prefix) && hostLabel.endsWith(suffix);
}

/** The SAN as Node's `cert.subjectaltname` prints it: "DNS:localhost, IP Address:127.0.0.1". */
export function formatAltNames(cert: ParsedCertificate): string {
  const label = { dns: "DNS", ip: "IP Address", email: "email", uri: "URI", dirName: "DirName", registeredId: "Registered ID", other: "othername" } as const;
  return cert.subjectAltNames.map((name) => `${label[name.type]}:${name.value}`).join(", ");
}

/** Node's checkServerIdentity verdict for `host` against the leaf: null when it matches. */
export function checkHost(host: string, cert: ParsedCertificate): HostMismatch | null {
  const dnsNames = cert.subjectAltNames.filter((n) => n.type === "dns").map((n) => n.value);
  const ips = cert.subjectAltNames.filter((n) => n.type === "ip").map((n) => canonicalizeIp(n.value));
  const hostname = host.replace(/\.$/, "");
  let valid = false;
  let reason: string;
  if (isIpAddress(hostname)) {
    valid = ips.includes(canonicalizeIp(hostname));
    reason = `IP: ${hostname} is not in the cert's list: ${ips.join(", ")}`;
  } else if (dnsNames.length > 0 || cert.commonNames.length > 0) {
    const hostParts = splitHost(hostname);
    if (dnsNames.length > 0) {
      valid = dnsNames.some((name) => matchPattern(hostParts, name, true));
      reason = `Host: ${hostname}. is not in the cert's altnames: ${formatAltNames(cert)}`;
    } else {
      valid = cert.commonNames.some((cn) => matchPattern(hostParts, cn, true));
      reason = `Host: ${hostname}. is not cert's CN: ${cert.commonNames.join(",")}`;
    }
  } else {
    reason = "Cert does not contain a DNS name";
  }
  if (valid) return null;
  return { code: "ERR_TLS_CERT_ALTNAME_INVALID", reason, message: `Hostname/IP does not match certificate's altnames: ${reason}` };
}
