/**
 * How the app behind an mTLS reverse proxy knows a request came through the proxy, not from any process
 * that can reach its port and send X-SSL-Client-* headers. Two ways, both emitted into the proxy's config:
 * a shared secret in a header the proxy always sets (and a client cannot, since proxy_set_header replaces
 * it), or the proxy connecting to the app over TLS with its own client certificate (nginx
 * proxy_ssl_certificate). nginx only for now (nginx-reverse target).
 */
import { ConfigError } from "./resolve.js";

/** The two ways the proxy proves itself to the app. */
export const ProxyAuthKind = {
  /** A secret header set by the proxy on every request (`mtls-lab app --proxy-secret-file`). */
  secretHeader: "secret-header",
  /** The proxy's own client certificate over TLS to the app (`mtls-lab app --proxy-ca`). */
  clientCertificate: "client-certificate",
} as const;
export type ProxyAuthKind = (typeof ProxyAuthKind)[keyof typeof ProxyAuthKind];

/** The header name used when none is given. */
export const defaultProxySecretHeader = "X-Proxy-Secret";

/** How the proxy authenticates itself to the app. */
export type ProxyAuth =
  | {
      kind: typeof ProxyAuthKind.secretHeader;
      /** Header name; default X-Proxy-Secret. */
      header?: string;
      /** At least 32 characters of [A-Za-z0-9._~+/=-] (base64 or hex of 24+ random bytes). */
      secret: string;
    }
  | {
      kind: typeof ProxyAuthKind.clientCertificate;
      /** The proxy's client certificate (PEM path), issued by a CA the app trusts for proxies. */
      certificate: string;
      /** Its private key (PEM path). */
      key: string;
    };

const headerPattern = /^[A-Za-z0-9-]{1,64}$/;
// Printable, no quotes, spaces, "$" or ";": the value is written into an nginx directive as is.
const secretPattern = /^[A-Za-z0-9._~+/=-]{32,256}$/;
const pathPattern = /^[A-Za-z0-9._\/-]+$/;

/** Checks a ProxyAuth; throws ConfigError("proxyAuth…", …) naming what is wrong. */
export function checkProxyAuth(auth: ProxyAuth, upstream: string): ProxyAuth {
  if (auth.kind === ProxyAuthKind.secretHeader) {
    const header = auth.header ?? defaultProxySecretHeader;
    if (!headerPattern.test(header)) throw new ConfigError("proxyAuth.header", `"${header}" is not a header name (letters, digits and '-')`);
    if (/^x-ssl-client-/i.test(header)) throw new ConfigError("proxyAuth.header", `"${header}" would collide with the identity headers`);
    if (!secretPattern.test(auth.secret)) {
      throw new ConfigError("proxyAuth.secret", "must be 32 to 256 characters of letters, digits and ._~+/=- (e.g. openssl rand -base64 32)");
    }
    return { kind: auth.kind, header, secret: auth.secret };
  }
  if (auth.kind === ProxyAuthKind.clientCertificate) {
    if (!upstream.startsWith("https:")) throw new ConfigError("proxyAuth", "a proxy client certificate needs an https upstream (the app must speak TLS to see it)");
    for (const field of ["certificate", "key"] as const) {
      if (!pathPattern.test(auth[field])) throw new ConfigError(`proxyAuth.${field}`, `"${auth[field]}" is not a safe path`);
    }
    return auth;
  }
  throw new ConfigError("proxyAuth.kind", `"${String((auth as { kind?: unknown }).kind)}" is not one of ${Object.values(ProxyAuthKind).join(", ")}`);
}

/** The nginx lines of a `location` that proxies to the app (after proxy_pass), with `indent`. */
export function nginxProxyAuthLines(auth: ProxyAuth, indent: string): string[] {
  if (auth.kind === ProxyAuthKind.secretHeader) {
    return [
      `${indent}# The proxy proves itself to the app with a shared secret: proxy_set_header replaces any copy a`,
      `${indent}# client sent, and the app (mtls-lab app --proxy-secret-file) believes X-SSL-Client-* only with it.`,
      `${indent}# Keep this file private (0600): the secret is the app's only proof that nginx sent the request.`,
      `${indent}proxy_set_header ${auth.header ?? defaultProxySecretHeader} "${auth.secret}";`,
    ];
  }
  return [
    `${indent}# The proxy proves itself to the app with its own client certificate over TLS`,
    `${indent}# (mtls-lab app --proxy-ca: the app refuses any TLS peer without a certificate from that CA).`,
    `${indent}proxy_ssl_certificate ${auth.certificate};`,
    `${indent}proxy_ssl_certificate_key ${auth.key};`,
  ];
}
