/**
 * The proxied app (`mtls-lab app`): a plain HTTP upstream for the mTLS proxy (nginx, HAProxy, Caddy, Apache),
 * the Express app of the hand-built tutorials done right: it believes the forwarded identity (RFC 9440
 * Client-Cert or nginx's X-SSL-Client-* headers, see forwarded-identity.ts) only from the proxy's address
 * (default: loopback), so a client that reaches the app directly cannot claim one by sending the headers.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { ProxyAuthKind } from "@mtls-lab/config";
import { isLoopback, readForwardedIdentity, type ProxiedIdentity, type TrustProxy } from "./forwarded-identity.js";
import { listenControls } from "./listen.js";
import { type AppProxyAuth, cameThroughProxy } from "./proxy-auth.js";

export { isLoopback, type ProxiedIdentity } from "./forwarded-identity.js";

/** Options of `createApp`. */
export interface AppOptions {
  /** Which peer addresses may set identity headers. Default: loopback only (127.0.0.0/8, ::1). */
  trustProxy?: TrustProxy;
  /** Require the proxy to authenticate itself (secret header or client certificate); replaces trustProxy. */
  proxyAuth?: AppProxyAuth;
}

/** A created, not yet listening, app. */
export interface LabApp {
  readonly http: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Reads the forwarded identity (RFC 9440 Client-Cert or nginx's X-SSL-Client-*), or explains why there is none. */
export function readIdentity(req: IncomingMessage, trust: TrustProxy): { identity?: ProxiedIdentity; problem?: string } {
  return readForwardedIdentity(req.headers, req.socket.remoteAddress ?? "", trust);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Creates the app: `/` shows what the proxy forwarded, `/api/test` needs a verified identity, `/healthz`. */
export function createApp(options: AppOptions = {}): LabApp {
  const { proxyAuth } = options;
  const trust = options.trustProxy ?? isLoopback;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    const trusted = proxyAuth ? cameThroughProxy(req, proxyAuth) : undefined;
    const { identity, problem } = readIdentity(req, trusted === undefined ? trust : () => trusted);
    if (path === "/") return sendJson(res, 200, { proxied: identity !== undefined, ...(identity ? { client: identity } : { problem }) });
    if (path === "/api/test") {
      if (identity) return sendJson(res, 200, { message: "certificate verified successfully", client: identity });
      return sendJson(res, 401, { error: "a verified client certificate is required", problem });
    }
    sendJson(res, 404, { error: `no route ${path}`, routes: ["/", "/api/test", "/healthz"] });
  };
  // With a proxy certificate the app speaks TLS and refuses, in the handshake, any peer the proxy CA did not issue.
  const http = (proxyAuth?.kind === ProxyAuthKind.clientCertificate
    ? createHttpsServer({ cert: proxyAuth.cert, key: proxyAuth.key, ca: proxyAuth.ca, requestCert: true, rejectUnauthorized: true }, handler)
    : createHttpServer(handler)) as Server;
  http.headersTimeout = 10_000;
  http.requestTimeout = 30_000;
  http.keepAliveTimeout = 5_000;
  return {
    http,
    ...listenControls(http),
  };
}
