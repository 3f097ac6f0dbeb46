/**
 * nginx as the mTLS reverse proxy: terminates TLS, checks the client certificate against the client CA,
 * forwards the verified identity to the app and drops any copies of those headers the client sent.
 */
import { getProfile } from "../profiles.js";
import type { EmitResult, ResolvedInput } from "../types.js";
import { ConfigError, defaults } from "../resolve.js";
import { ProxyAuthKind, checkProxyAuth, nginxProxyAuthLines } from "../proxy-auth.js";
import { hostPort, nginxServerTlsLines } from "./nginx-common.js";

/** The identity headers the app may trust, and the nginx variable behind each. */
export const identityHeaders = [
  ["X-SSL-Client-Verify", "$ssl_client_verify", "SUCCESS, NONE or FAILED:reason"],
  ["X-SSL-Client-S-DN", "$ssl_client_s_dn", "subject, RFC 2253 order: CN first (CN=name,O=org)"],
  ["X-SSL-Client-I-DN", "$ssl_client_i_dn", "issuer, RFC 2253 order"],
  ["X-SSL-Client-Serial", "$ssl_client_serial", "serial number, uppercase hex"],
  ["X-SSL-Client-Fingerprint", "$ssl_client_fingerprint", "SHA-1 of the certificate, hex"],
  ["X-SSL-Client-Cert", "$ssl_client_escaped_cert", "the PEM certificate, URL-escaped"],
] as const;

/** An https app behind the proxy is verified too: nginx checks nothing upstream without these lines. */
function upstreamVerifyLines(input: ResolvedInput, upstream: string): string[] {
  return [
    "        # The app speaks https: verify it against the server CA (nginx verifies nothing upstream by default).",
    `        proxy_ssl_trusted_certificate ${input.paths.serverCa};`,
    "        proxy_ssl_verify on;",
    `        proxy_ssl_verify_depth ${input.verifyDepth};`,
    "        proxy_ssl_server_name on;",
    `        proxy_ssl_name ${new URL(upstream).hostname.replace(/^\[|\]$/g, "")};`,
  ];
}

/** The `server { }` blocks (HTTPS with mTLS, and the HTTP redirect) for conf.d; `paths` already resolved. */
export function nginxReverseLines(input: ResolvedInput, warnings: string[]): string[] {
  const upstream = input.upstream ?? defaults.reverseUpstream;
  const httpsUpstream = upstream.startsWith("https:");
  const proxyAuth = input.proxyAuth ? checkProxyAuth(input.proxyAuth, upstream) : undefined;
  if (httpsUpstream && !input.paths.serverCa) {
    throw new ConfigError("paths.serverCa", "missing (an https upstream is verified against the server CA)");
  }
  const { paths, verify } = input;
  const optional = verify !== "on";
  const bind = input.listenAddress ? `${input.listenAddress}:` : "";
  const redirectPort = input.listen === 443 ? "" : `:${input.listen}`;
  const lines: string[] = [];
  lines.push(
    "",
    "server {",
    `    listen ${bind}${input.listen} ssl;`,
    `    server_name ${input.serverName};`,
    "",
    "    # The leaf followed by its intermediates: clients verify up to server-ca.crt and need the middle.",
    `    ssl_certificate ${paths.serverChain};`,
    `    ssl_certificate_key ${paths.serverKey};`,
    "",
    "    # mTLS: ask every client for a certificate and verify it against the client CA only",
    "    # (a separate CA from the server's, so a server certificate cannot log in as a client).",
    `    ssl_client_certificate ${paths.clientCa};`,
  );
  if (verify === "on") {
    lines.push("    # on: no certificate -> 400 \"No required SSL certificate was sent\"; a bad one -> 400 \"The SSL certificate error\".");
  } else if (verify === "optional") {
    lines.push("    # optional: no certificate passes (NONE) to the location check below; an invalid one is still 400.");
  } else {
    const warning = "optional_no_ca does not check the issuer: any certificate with a valid signature and date reaches the location check, which must reject it";
    warnings.push(warning);
    lines.push(`    # ${warning}.`, "    # Use it only when the app verifies the certificate itself.");
  }
  lines.push(`    ssl_verify_client ${verify};`);
  lines.push(
    "    # How many intermediate CAs may sit between the client certificate and the client CA (0: issued by it).",
    `    ssl_verify_depth ${input.verifyDepth};`,
  );
  if (input.crl) lines.push("    # Revoked client certificates (PEM CRL from the client CA; keep it fresh or every client fails).", `    ssl_crl ${input.crl};`);
  if (input.ocspResponder) {
    lines.push(
      "    # OCSP (nginx 1.19+): ask the responder about the client certificate and each intermediate CA at every",
      "    # handshake; a revoked one gets 400 \"The SSL certificate error\" (log: certificate revoked). While the",
      "    # responder is down every client gets that 400 (log: certificate status request failed). No ssl_ocsp_cache:",
      "    # a revocation shows at the next connection. ssl_ocsp_responder overrides the certificates' own URL and",
      "    # is resolved at startup, so no resolver is needed.",
      "    ssl_ocsp on;",
      `    ssl_ocsp_responder ${input.ocspResponder};`,
    );
  }
  lines.push("", ...nginxServerTlsLines(input, "    "));
  const hsts = getProfile(input.profile).hstsMinAge;
  lines.push("", `    add_header Strict-Transport-Security "max-age=${hsts}" always;`, "");
  lines.push(`    location ${input.location} {`);
  if (optional) {
    lines.push(
      "        # With optional modes nginx lets requests without a valid certificate through: refuse them here.",
      "        # (This check alone is not enough: with optional an invalid certificate is",
      "        # already answered 400 before any location runs: this only catches NONE and, for optional_no_ca, FAILED.)",
      "        if ($ssl_client_verify != SUCCESS) {",
      "            return 403;",
      "        }",
    );
  }
  lines.push(
    `        proxy_pass ${new URL(upstream).protocol}//${hostPort(upstream)};`,
    ...(httpsUpstream ? upstreamVerifyLines(input, upstream) : []),
    ...(proxyAuth ? nginxProxyAuthLines(proxyAuth, "        ") : []),
    "        proxy_set_header Host $host;",
    "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "        proxy_set_header X-Forwarded-Proto https;",
    "        # The verified identity for the app. proxy_set_header replaces any header of the same name the",
    "        # client sent, so a spoofed X-SSL-Client-* never reaches the app; an empty value sends none at all.",
  );
  for (const [header, variable, meaning] of identityHeaders) {
    lines.push(`        proxy_set_header ${header} ${variable}; # ${meaning}`);
  }
  lines.push(
    "        # nginx cannot write RFC 9440 Client-Cert (base64 DER): drop any the client sent, since apps may read it.",
    '        proxy_set_header Client-Cert "";',
    '        proxy_set_header Client-Cert-Chain "";',
  );
  lines.push("    }", "}", "");
  lines.push(
    "# Plain HTTP: send everyone to HTTPS (308 keeps the method and body).",
    "server {",
    `    listen ${bind}${input.httpListen};`,
    `    server_name ${input.serverName};`,
    `    return 308 https://$host${redirectPort}$request_uri;`,
    "}",
  );
  const header = [
    `# mTLS reverse proxy for ${input.serverName}: nginx checks the client certificate, the app gets the result.`,
    "# Generated by mTLS Lab (config target nginx-reverse). Include inside http { }.",
    ...warnings.map((warning) => `# Warning: ${warning}.`),
  ];
  return [...header, ...lines];
}

/** Emits nginx/mtls-reverse.conf. */
export function emitNginxReverse(input: ResolvedInput): EmitResult {
  const warnings: string[] = [];
  const lines = nginxReverseLines(input, warnings);
  // A shared secret in the file makes it a credential: 0600 like a key.
  const secret = input.proxyAuth?.kind === ProxyAuthKind.secretHeader;
  return { files: [{ path: "nginx/mtls-reverse.conf", contents: lines.join("\n") + "\n", ...(secret ? { mode: 0o600 } : {}) }], warnings };
}
