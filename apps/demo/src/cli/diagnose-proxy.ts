/**
 * `diagnose --server haproxy|caddy|apache`: what those servers, as packages/config emits them, do with the
 * client certificate (x509's predictProxy), on top of the chain checks diagnose() already made at Debian's
 * OpenSSL security level 2 (the nginx prediction's level, which HAProxy and Apache share).
 */
import { predictProxy, type Diagnosis, type ProxyOutcome, type ProxyServerKind, type VerifyClientMode } from "@mtls-lab/x509";

/** The proxy kinds `--server` accepts besides nginx and node. */
export const proxyKinds = ["haproxy", "caddy", "apache"] as const;

/** The diagnosis with the proxy's outcome; ok only when the proxy forwards a verified identity. */
export function withProxyOutcome(diagnosis: Diagnosis, server: ProxyServerKind, mode: VerifyClientMode, tlsVersion: "1.2" | "1.3"): Diagnosis & { proxy: ProxyOutcome } {
  const proxy = predictProxy(server, diagnosis.client.verify, mode, { tlsVersion });
  return { ...diagnosis, ok: diagnosis.ok && proxy.identityForwarded, proxy };
}

/** The text lines for the proxy's outcome (after the client side's chain errors). */
export function proxyLines(outcome: ProxyOutcome): string[] {
  const name = outcome.server === "apache" ? "Apache" : outcome.server === "haproxy" ? "HAProxy" : "Caddy";
  if (outcome.handshake) {
    const what = outcome.status === 200 ? (outcome.identityForwarded ? "200, the app gets the certificate as RFC 9440 Client-Cert" : "200, with no verified identity for the app") : `${outcome.status} on the protected path`;
    return [`  ${name} (${outcome.mode}): ${what}`];
  }
  const lines = [`  ${name} (${outcome.mode}): the handshake fails, alert ${outcome.alert?.code} ${outcome.alert?.name} (step: client-certificate)`];
  if (outcome.clientError) lines.push(`  the client sees: ${outcome.clientError.message} (Node ${outcome.clientError.code}; curl exit 56, or 55 when the close wins)`);
  if (outcome.log) lines.push(`  ${name} log: ${outcome.log}`);
  return lines;
}
