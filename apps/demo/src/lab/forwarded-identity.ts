/**
 * The client identity a TLS-terminating proxy forwards, read by the lab app: RFC 9440 `Client-Cert` (HAProxy,
 * Caddy and Apache as packages/config emits them) or nginx's X-SSL-Client-* headers (nginx-reverse). Either
 * form counts only when the request comes from the configured proxy address; every proxy we emit removes
 * incoming copies of both forms first, so what arrives from the proxy is what the proxy verified.
 */
import { X509Certificate } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { rfc9440Headers } from "@mtls-lab/config";

/** Which headers carried the identity. */
export const IdentitySource = { rfc9440: "rfc9440", nginx: "x-ssl-client" } as const;
export type IdentitySource = (typeof IdentitySource)[keyof typeof IdentitySource];

/** The identity the proxy verified. */
export interface ProxiedIdentity {
  /** SUCCESS: the proxy verified the certificate (RFC 9440 headers are only sent after a success). */
  verify: string;
  /** Subject, most specific first (CN=name,O=org), as nginx's $ssl_client_s_dn writes it. */
  subject: string;
  issuer: string;
  /** Uppercase hex. */
  serialNumber: string;
  /** SHA-1 of the certificate, lowercase hex without colons (nginx's $ssl_client_fingerprint). */
  fingerprint: string;
  source: IdentitySource;
  /** RFC 9440 only: how many certificates Client-Cert-Chain carried. */
  chainLength?: number;
}

/** Which peer addresses may forward an identity. */
export type TrustProxy = (address: string) => boolean;

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Trusts exactly one proxy address (IPv4-mapped IPv6 forms of it too). */
export function trustOnly(proxyAddress: string): TrustProxy {
  const wanted = proxyAddress.replace(/^\[|\]$/g, "").toLowerCase();
  return (address) => {
    const plain = address.toLowerCase().startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address.toLowerCase();
    return plain === wanted;
  };
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/**
 * RFC 8941 3.3.5 Byte Sequence: ":" base64 ":"; Client-Cert-Chain is a List of them (RFC 9440 2.3).
 * Returns the DER of each member, or a problem naming what is malformed.
 */
function byteSequences(value: string, name: string, list: boolean): { der?: Buffer[]; problem?: string } {
  const members = list ? value.split(",").map((m) => m.trim()) : [value.trim()];
  const der: Buffer[] = [];
  for (const member of members) {
    const match = /^:([A-Za-z0-9+/]*={0,2}):$/.exec(member);
    if (!match || match[1] === "") return { problem: `${name} is not an RFC 9440 Byte Sequence (":" base64 of the DER ":")` };
    der.push(Buffer.from(match[1]!, "base64"));
  }
  return { der };
}

/** "O=Acme\nCN=name" (Node's order, as in the certificate) -> "CN=name,O=Acme" (RFC 2253 order, like nginx). */
function rfc2253(name: string): string {
  return name
    .split("\n")
    .filter(Boolean)
    .reverse()
    .map((rdn) => rdn.replace(/([,+"\\<>;])/g, "\\$1"))
    .join(",");
}

function fromClientCert(headers: IncomingHttpHeaders, value: string): { identity?: ProxiedIdentity; problem?: string } {
  const leaf = byteSequences(value, rfc9440Headers.clientCert, false);
  if (!leaf.der) return { problem: leaf.problem };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(leaf.der[0]!);
  } catch {
    return { problem: `${rfc9440Headers.clientCert} does not hold a DER certificate` };
  }
  const chainValue = header(headers, rfc9440Headers.clientCertChain);
  const chain = chainValue ? byteSequences(chainValue, rfc9440Headers.clientCertChain, true) : { der: [] };
  if (!chain.der) return { problem: chain.problem };
  return {
    identity: {
      verify: "SUCCESS",
      subject: rfc2253(cert.subject),
      issuer: rfc2253(cert.issuer),
      serialNumber: cert.serialNumber.toUpperCase(),
      fingerprint: cert.fingerprint.replaceAll(":", "").toLowerCase(),
      source: IdentitySource.rfc9440,
      chainLength: chain.der.length,
    },
  };
}

/**
 * Reads the forwarded identity from a request's headers and peer address, or explains why there is none to
 * trust. RFC 9440 Client-Cert wins when present; else nginx's X-SSL-Client-Verify must be SUCCESS.
 */
export function readForwardedIdentity(headers: IncomingHttpHeaders, remoteAddress: string, trust: TrustProxy): { identity?: ProxiedIdentity; problem?: string } {
  const clientCert = header(headers, rfc9440Headers.clientCert);
  const verify = header(headers, "X-SSL-Client-Verify");
  if (!trust(remoteAddress)) {
    return { problem: clientCert || verify ? `identity headers ignored: they came from ${remoteAddress || "an unknown peer"}, not the configured proxy` : "not behind the mTLS proxy: no verified identity" };
  }
  if (clientCert) return fromClientCert(headers, clientCert);
  if (!verify) return { problem: "no Client-Cert or X-SSL-Client-Verify header: the request did not pass through the mTLS proxy" };
  if (verify !== "SUCCESS") return { problem: `the proxy reports ${verify}` };
  return {
    identity: {
      verify,
      subject: header(headers, "X-SSL-Client-S-DN"),
      issuer: header(headers, "X-SSL-Client-I-DN"),
      serialNumber: header(headers, "X-SSL-Client-Serial"),
      fingerprint: header(headers, "X-SSL-Client-Fingerprint"),
      source: IdentitySource.nginx,
    },
  };
}
