/**
 * What every mTLS Lab proxy forwards about the verified client, and what it strips first. Shared by the
 * HAProxy, Caddy, Apache and Kubernetes emitters; the app behind them (`mtls-lab app`) reads the same names.
 */
import type { ResolvedInput } from "../types.js";
import { identityHeaders } from "./nginx-reverse.js";

/**
 * RFC 9440 section 2: `Client-Cert` carries the end-entity certificate as a Structured Field Byte Sequence
 * (`:` base64 of the DER `:`), `Client-Cert-Chain` the rest of the chain the client sent, one Byte Sequence each.
 */
export const rfc9440Headers = { clientCert: "Client-Cert", clientCertChain: "Client-Cert-Chain" } as const;

/**
 * Every header an app behind an mTLS Lab proxy may take an identity from: RFC 9440's two and nginx's
 * X-SSL-Client-* set. Each proxy removes incoming copies of all of them (RFC 9440 section 3: a proxy must
 * sanitize them), so a client cannot claim an identity by sending one, with or without a certificate.
 */
export const forwardedIdentityHeaderNames: readonly string[] = [rfc9440Headers.clientCert, rfc9440Headers.clientCertChain, ...identityHeaders.map(([name]) => name)];

/** Which requests need a verified certificate: all of them, or only the protected path (optional modes). */
export interface ProtectedRoute {
  /** True when every path needs one (verify on, or the protected path is "/"). */
  everything: boolean;
  /** The protected path prefix, e.g. "/private" ("/" when everything). */
  path: string;
}

/** With verify "on" the handshake already refuses; with an optional mode only `location` is refused (403). */
export function protectedRoute(input: ResolvedInput): ProtectedRoute {
  const path = input.location.length > 1 ? input.location.replace(/\/+$/, "") : "/";
  return { everything: input.verify === "on" || path === "/", path };
}

/** The warning HAProxy and Caddy give for optional_no_ca, which they cannot express without skipping checks. */
export function noOptionalNoCaWarning(server: string, ignoreKnob: string): string {
  return `${server} has no optional_no_ca short of ${ignoreKnob}, which skips verification and is never emitted: emitted as optional (a certificate from another CA is refused in the handshake)`;
}

/** host:port of the upstream URL for a server line; the default app when none is given. */
export function upstreamUrl(input: ResolvedInput, fallback: string): URL {
  return new URL(input.upstream ?? fallback);
}
