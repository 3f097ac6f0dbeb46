/**
 * Lines every nginx emitter shares: the profile's protocols, ciphers, curves and session settings.
 */
import { describeProfile, getProfile, profiles } from "../profiles.js";
import type { ResolvedInput } from "../types.js";

/** Server-side TLS policy lines (inside `server { }`), indented by `pad`. */
export function nginxServerTlsLines(input: ResolvedInput, pad: string): string[] {
  const profile = getProfile(input.profile);
  const session = profiles.session;
  const lines = [
    `${pad}# TLS policy: ${describeProfile(input.profile)}.`,
    `${pad}# nginx 1.22 stops at TLS 1.2 unless TLSv1.3 is listed here (measured).`,
    `${pad}ssl_protocols ${profile.tlsVersions.join(" ")};`,
    `${pad}ssl_ecdh_curve ${profile.tlsCurves.join(":")};`,
  ];
  if (profile.ciphers.openssl.length > 0) {
    lines.push(`${pad}ssl_ciphers ${profile.ciphers.openssl.join(":")};`);
  } else {
    lines.push(`${pad}# TLS 1.3 only: its cipher suites are OpenSSL's defaults, so no ssl_ciphers line.`);
  }
  lines.push(`${pad}ssl_prefer_server_ciphers ${profile.serverPreferredOrder ? "on" : "off"};`);
  if (profile.dhParamSize !== null) {
    if (input.dhParam) {
      lines.push(`${pad}ssl_dhparam ${input.dhParam};`);
    } else {
      // Not a warning: nginx 1.11+ simply leaves DHE out without parameters, and ECDHE covers every client.
      lines.push(
        `${pad}# The profile lists DHE suites too; nginx uses them only with ssl_dhparam`,
        `${pad}# (openssl dhparam -out dhparam.pem ${profile.dhParamSize}); without it the ECDHE suites serve every client.`,
      );
    }
  }
  lines.push(
    `${pad}ssl_session_timeout ${session.timeout};`,
    `${pad}ssl_session_cache shared:${session.cacheName}:${session.cacheSize};`,
    `${pad}ssl_session_tickets ${session.tickets ? "on" : "off"};`,
  );
  return lines;
}

/** Upstream-side (proxy_ssl_*) protocol and cipher lines for outbound TLS. */
export function nginxProxyTlsLines(input: ResolvedInput, pad: string): string[] {
  const profile = getProfile(input.profile);
  const lines = [`${pad}proxy_ssl_protocols ${profile.tlsVersions.join(" ")};`];
  if (profile.ciphers.openssl.length > 0) lines.push(`${pad}proxy_ssl_ciphers ${profile.ciphers.openssl.join(":")};`);
  return lines;
}

/** host:port of an http(s) URL with the scheme's default port filled in. */
export function hostPort(url: string): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === "https:" ? "443" : "80");
  return `${parsed.hostname}:${port}`;
}
