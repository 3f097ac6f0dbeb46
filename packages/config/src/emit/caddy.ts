/**
 * Caddy as the mTLS reverse proxy: a Caddyfile with `tls { client_auth { mode require_and_verify |
 * verify_if_given; trusted_ca_cert_file } }`, a `route` that refuses the protected path without a verified
 * certificate, and the certificate forwarded as RFC 9440 Client-Cert. Names: Caddy 2.6 Caddyfile docs
 * (caddyserver.com/docs/caddyfile/directives/tls, …/reverse_proxy, …/options). The modes `request` and
 * `require` do not verify the certificate and are never emitted.
 */
import { describeProfile, getProfile } from "../profiles.js";
import { defaults } from "../resolve.js";
import type { EmitResult, ResolvedInput } from "../types.js";
import { forwardedIdentityHeaderNames, noOptionalNoCaWarning, protectedRoute, rfc9440Headers, upstreamUrl } from "./forwarded-identity.js";

/** OpenSSL group names -> Caddy's `curves` names. */
const caddyCurves: Readonly<Record<string, string>> = { X25519: "x25519", prime256v1: "secp256r1", secp384r1: "secp384r1", secp521r1: "secp521r1" };

/**
 * Without a client certificate Caddy 2.6.2 leaves the placeholder unreplaced (and a CEL `expression` on it
 * fails the request with 500: measured), so "a certificate was verified" is: the fingerprint placeholder
 * became 64 hex digits. With client_auth on, Caddy only keeps connections whose certificate verified.
 */
const verifiedMatcher = "@verified vars_regexp {http.request.tls.client.fingerprint} ^[0-9a-f]{64}$";

function tlsLines(input: ResolvedInput): string[] {
  const profile = getProfile(input.profile);
  const protocols = profile.tlsVersions.map((v) => (v === "TLSv1.2" ? "tls1.2" : "tls1.3"));
  const lines = [
    `\t# TLS policy: ${describeProfile(input.profile)}.`,
    `\ttls ${input.paths.serverChain} ${input.paths.serverKey} {`,
    `\t\tprotocols ${protocols[0]} ${protocols[protocols.length - 1]}`,
  ];
  // Go's crypto/tls has no DHE suites and fixes the TLS 1.3 suites: only the TLS 1.2 ECDHE list is set, in the
  // IANA names Caddy takes (…_CHACHA20_POLY1305_SHA256, where Go's constant drops the _SHA256).
  const ecdhe = profile.ciphers.iana.filter((name) => name.startsWith("TLS_ECDHE_"));
  if (ecdhe.length > 0) lines.push(`\t\tciphers ${ecdhe.join(" ")}`);
  lines.push(`\t\tcurves ${profile.tlsCurves.map((c) => caddyCurves[c] ?? c.toLowerCase()).join(" ")}`);
  lines.push("\t\tclient_auth {");
  if (input.verify === "on") {
    lines.push("\t\t\t# require_and_verify: no certificate, or one that fails verification, ends the handshake.", "\t\t\tmode require_and_verify");
  } else {
    lines.push("\t\t\t# verify_if_given: no certificate passes to the route below; a certificate that fails verification ends the handshake.", "\t\t\tmode verify_if_given");
  }
  lines.push(
    "\t\t\t# Client certificates are verified against the client CA only (a separate CA from the server's).",
    `\t\t\ttrusted_ca_cert_file ${input.paths.clientCa}`,
    "\t\t}",
    "\t}",
  );
  return lines;
}

function proxyLines(input: ResolvedInput, verified: boolean): string[] {
  const url = upstreamUrl(input, defaults.reverseUpstream);
  const lines = [`\t\treverse_proxy ${url.protocol === "https:" ? "https://" : ""}${url.host} {`];
  if (url.protocol === "https:") {
    lines.push(
      "\t\t\t# The app speaks https: verify it against the server CA (Caddy verifies upstreams by default; this names the CA).",
      "\t\t\ttransport http {",
      `\t\t\t\ttls_trusted_ca_certs ${input.paths.serverCa}`,
      `\t\t\t\ttls_server_name ${url.hostname.replace(/^\[|\]$/g, "")}`,
      "\t\t\t}",
    );
  }
  if (verified) {
    lines.push(
      "\t\t\t# RFC 9440: the verified certificate as :base64 DER: (set replaces any copy the client sent). Caddy has no",
      "\t\t\t# placeholder for the client's chain, so Client-Cert-Chain is removed, not sent.",
      `\t\t\theader_up ${rfc9440Headers.clientCert} ":{http.request.tls.client.certificate_der_base64}:"`,
      ...forwardedIdentityHeaderNames.filter((n) => n !== rfc9440Headers.clientCert).map((n) => `\t\t\theader_up -${n}`),
    );
  } else {
    lines.push("\t\t\t# No verified certificate: remove every identity header the client sent (RFC 9440 section 3).", ...forwardedIdentityHeaderNames.map((n) => `\t\t\theader_up -${n}`));
  }
  lines.push("\t\t}");
  return lines;
}

/** Emits caddy/Caddyfile. */
export function emitCaddy(input: ResolvedInput): EmitResult {
  const warnings: string[] = [];
  if (input.verify === "optional_no_ca") warnings.push(noOptionalNoCaWarning("Caddy", "client_auth mode request"));
  if (input.ocspResponder) warnings.push("Caddy 2.6 does not ask an OCSP responder about client certificates: the kit's OCSP responder is not used");
  if (input.crl) warnings.push("Caddy 2.6 has no CRL setting for client certificates: the CRL is not checked, revoke by removing trust or shortening lifetimes");
  const route = protectedRoute(input);
  const bind = input.listenAddress ? input.listenAddress.replace(/^\[|\]$/g, "") : undefined;
  const hsts = getProfile(input.profile).hstsMinAge;
  const lines = [
    `# mTLS reverse proxy for ${input.serverName}: Caddy checks the client certificate, the app gets it as RFC 9440 Client-Cert.`,
    "# Generated by mTLS Lab (config target caddy). Check: caddy validate --adapter caddyfile --config Caddyfile",
    ...warnings.map((w) => `# Warning: ${w}.`),
    "{",
    "\t# The certificates come from the kit: no ACME, no automatic redirects, no OCSP fetches, no admin API.",
    "\tauto_https off",
    "\tocsp_stapling off",
    "\tadmin off",
    "\tservers {",
    "\t\t# HTTP/1.1 and HTTP/2 on the one TCP port, like the other targets (HTTP/3 would listen on UDP too).",
    "\t\tprotocols h1 h2",
    "\t}",
    "}",
    "",
    `https://${input.serverName}:${input.listen} {`,
    ...(bind ? [`\tbind ${bind}`] : []),
    ...tlsLines(input),
    "\t# Go verifies the client's chain with no depth limit; the client CA file decides who gets in.",
    `\theader Strict-Transport-Security "max-age=${hsts}"`,
    "",
    `\t${verifiedMatcher}`,
  ];
  if (!route.everything) lines.push(`\t@protected path ${route.path} ${route.path}/*`);
  lines.push("", "\troute {", "\t\thandle @verified {", ...proxyLines(input, true).map((l) => `\t${l}`), "\t\t}");
  lines.push(
    route.everything ? "\t\t# Every path needs a verified certificate." : `\t\t# Only ${route.path} needs a verified certificate; other paths are served without one.`,
    `\t\trespond ${route.everything ? "" : "@protected "}"a verified client certificate is required" 403`,
  );
  if (!route.everything) lines.push(...proxyLines(input, false));
  lines.push(
    "\t}",
    "}",
    "",
    "# Plain HTTP: send everyone to HTTPS (308 keeps the method and body).",
    `http://${input.serverName}:${input.httpListen} {`,
    ...(bind ? [`\tbind ${bind}`] : []),
    `\tredir https://{host}${input.listen === 443 ? "" : `:${input.listen}`}{uri} 308`,
    "}",
    "",
  );
  return { files: [{ path: "caddy/Caddyfile", contents: lines.join("\n") }], warnings };
}
