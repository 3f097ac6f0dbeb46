/**
 * The proxied app (`mtls-lab app`): a plain HTTP upstream for nginx, the Express app of the hand-built tutorials, done right:
 * it believes the X-SSL-Client-* identity headers only when the request comes from loopback (nginx on the
 * same machine), so a client that reaches the app directly cannot claim an identity by sending the headers.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { ProxyAuthKind } from "@mtls-lab/config";
import { listenControls } from "./listen.js";
import { type AppProxyAuth, cameThroughProxy } from "./proxy-auth.js";

/** Options of `createApp`. */
export interface AppOptions {
  /** Which peer addresses may set identity headers. Default: loopback only (127.0.0.0/8, ::1). */
  trustProxy?: (address: string) => boolean;
  /** Require the proxy to authenticate itself (secret header or client certificate); replaces trustProxy. */
  proxyAuth?: AppProxyAuth;
}

/** The identity nginx verified, from its headers (names as packages/config's nginx-reverse emitter sets them). */
export interface ProxiedIdentity {
  verify: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprint: string;
}

/** A created, not yet listening, app. */
export interface LabApp {
  readonly http: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

/** Reads the forwarded identity, or explains why there is none to trust. */
export function readIdentity(req: IncomingMessage, trust: (address: string) => boolean): { identity?: ProxiedIdentity; problem?: string } {
  const verify = header(req, "X-SSL-Client-Verify");
  if (!trust(req.socket.remoteAddress ?? "")) {
    return { problem: verify ? "identity headers ignored: they came from a peer that is not the local proxy" : "not behind the mTLS proxy: no verified identity" };
  }
  if (!verify) return { problem: "no X-SSL-Client-Verify header: the request did not pass through the mTLS proxy" };
  if (verify !== "SUCCESS") return { problem: `the proxy reports ${verify}` };
  return {
    identity: {
      verify,
      subject: header(req, "X-SSL-Client-S-DN"),
      issuer: header(req, "X-SSL-Client-I-DN"),
      serialNumber: header(req, "X-SSL-Client-Serial"),
      fingerprint: header(req, "X-SSL-Client-Fingerprint"),
    },
  };
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
