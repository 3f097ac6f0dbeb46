/**
 * The app's side of proxy authentication (packages/config proxy-auth.ts emits nginx's side): which requests
 * came through the mTLS proxy. Without it the app believes loopback peers, which is any local process.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import { ProxyAuthKind, defaultProxySecretHeader } from "@mtls-lab/config";

/** How the app checks the proxy: a shared secret header, or the proxy's client certificate over TLS. */
export type AppProxyAuth =
  | { kind: typeof ProxyAuthKind.secretHeader; header?: string; secret: string }
  | {
      kind: typeof ProxyAuthKind.clientCertificate;
      /** The app's own certificate chain and key (it now speaks TLS), and the CA that issued the proxy's certificate. */
      cert: string | Buffer;
      key: string | Buffer;
      ca: string | Buffer;
    };

/** SHA-256 of a value, so timingSafeEqual compares equal lengths whatever was sent. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * Whether `req` came through the proxy: the secret header matches (compared in constant time), or the TLS
 * peer presented a certificate the proxy CA verified. The secret header is removed from the request.
 */
export function cameThroughProxy(req: IncomingMessage, auth: AppProxyAuth): boolean {
  if (auth.kind === ProxyAuthKind.clientCertificate) return (req.socket as TLSSocket).authorized === true;
  const name = (auth.header ?? defaultProxySecretHeader).toLowerCase();
  const sent = req.headers[name];
  delete req.headers[name];
  if (typeof sent !== "string") return false;
  return timingSafeEqual(digest(sent), digest(auth.secret));
}

/** One line for the app's banner: whom it believes. */
export function describeProxyTrust(auth: AppProxyAuth | undefined): string {
  if (!auth) return "identity headers trusted from loopback only";
  if (auth.kind === ProxyAuthKind.secretHeader) return `identity headers trusted only with the ${auth.header ?? defaultProxySecretHeader} secret`;
  return "TLS: only a proxy with a client certificate from --proxy-ca is accepted";
}
