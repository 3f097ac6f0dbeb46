/**
 * The demo mTLS server (`mtls-lab serve`): a Node https server with requestCert that answers, per request,
 * whether the client certificate verified and why not. The seeds keep reasons in a global list (a race that
 * grows forever); here every answer comes from the request's own TLS socket and nothing outlives the connection.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { PeerCertificate, SecureVersion, TLSSocket } from "node:tls";
import { CaptureWriter, type CaptureOptions } from "./capture.js";
import { recordInto } from "./capture-server.js";
import { explainCode } from "./explain.js";
import { type TlsError, describeRefusal } from "./refusal.js";

/** Timeouts of the demo server, in milliseconds. Short values let tests watch bad clients being dropped. */
export interface ServerTimeouts {
  /** TLS handshake must finish within this (tls.Server handshakeTimeout). Default 10 s. */
  handshakeMs?: number;
  /** Request headers must arrive within this after the connection (slow-header clients). Default 10 s. */
  headersMs?: number;
  /** A whole request must arrive within this. Default 30 s. */
  requestMs?: number;
  /** An idle keep-alive connection is closed after this. Default 5 s. */
  keepAliveMs?: number;
  /** Any socket without traffic for this long is closed. Default 30 s. */
  idleMs?: number;
}

/** Options of `createServer`. PEM text or bytes for cert, key and ca. */
export interface ServeOptions {
  /** Server certificate chain (leaf first, then intermediates). */
  cert: string | Buffer;
  key: string | Buffer;
  /** CA certificates trusted for client certificates. */
  ca: string | Buffer | Array<string | Buffer>;
  /** Refuse unauthorised clients in the handshake (rejectUnauthorized: true). Default false. */
  require?: boolean;
  /** Record each connection into a capture directory (schema v1). */
  capture?: CaptureOptions;
  timeouts?: ServerTimeouts;
  /** Connections served at once; more are refused at accept. Default 1024. */
  maxConnections?: number;
  minVersion?: SecureVersion;
  maxVersion?: SecureVersion;
  /** Called once, with one line, when a capture file cannot be written; capture is then off, serving goes on. */
  onCaptureError?: (message: string) => void;
  /** Called with one line for each refused or failed handshake (the CLI prints it). */
  onTlsError?: (message: string) => void;
}

/** The identity of a client certificate as the JSON answers show it. */
export interface ClientIdentity {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprint256: string;
  validTo: string;
}

/** The answer of `/` (and the body of a 401 from `/api/test`). */
export interface MtlsReport {
  mTLSValid: boolean;
  reason?: string;
  title?: string;
  explanation: string;
  fix?: string;
  /** Learn chapter that explains the failure. */
  learn?: string;
  client?: ClientIdentity;
  tls: { version: string | null; cipher: string | null };
}

/** A created, not yet listening, demo server. */
export interface LabServer {
  /** The https server (its request handler and TLS settings). */
  readonly https: HttpsServer;
  /** Starts listening; resolves to the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, closes every open connection, and resolves when the listener is closed. */
  close(): Promise<void>;
  /** Connections open right now (accepted TCP sockets). */
  connections(): number;
}

const defaults = { handshakeMs: 10_000, headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, idleMs: 30_000 } as const;

/** Formats a Node certificate name object as "CN=demo-client, O=Acme" (multi-valued RDNs joined by "+"). */
export function formatName(name: Record<string, string | string[]> | undefined): string {
  if (!name) return "";
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
    .join(", ");
}

function identityOf(cert: PeerCertificate): ClientIdentity {
  return {
    subject: formatName(cert.subject as unknown as Record<string, string | string[]>),
    issuer: formatName(cert.issuer as unknown as Record<string, string | string[]>),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    validTo: cert.valid_to,
  };
}

/** Builds the report of one TLS socket: the reason is Node's authorizationError of this very connection. */
export function reportFor(socket: TLSSocket): MtlsReport {
  const cert = socket.getPeerCertificate();
  const sent = cert !== null && typeof cert === "object" && Object.keys(cert).length > 0;
  const tls = { version: socket.getProtocol(), cipher: socket.getCipher()?.name ?? null };
  const client = sent ? identityOf(cert) : undefined;
  if (socket.authorized) {
    return {
      mTLSValid: true,
      explanation: "The client certificate chains to a CA this server trusts, is within its validity and allows clientAuth.",
      ...(client ? { client } : {}),
      tls,
    };
  }
  const reason = String(socket.authorizationError ?? "UNABLE_TO_GET_ISSUER_CERT");
  const { title, explanation, fix, learn } = explainCode(reason, { side: "client", peerSentCertificate: sent });
  return { mTLSValid: false, reason, title, explanation, fix, ...(learn ? { learn } : {}), ...(client ? { client } : {}), tls };
}

/** A serialized JSON answer: status, headers as Node's flat [name, value, …] list, and the body's bytes. */
interface Answer {
  status: number;
  headers: string[];
  /** UTF-8 once, when the answer is made: keep-alive requests reuse it without encoding the text again. */
  body: Buffer;
}

function answer(status: number, value: unknown): Answer {
  const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  return { status, body, headers: ["content-type", "application/json; charset=utf-8", "cache-control", "no-store", "content-length", String(body.length)] };
}

function send(res: ServerResponse, { status, headers, body }: Answer): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** What one connection answers: fixed by its handshake, so keep-alive requests reuse it. */
interface Verdict {
  report: MtlsReport;
  root?: Answer;
  api?: Answer;
}

// Keyed by the socket in a WeakMap: the entry goes with the socket, so nothing outlives the connection.
// Serializing once per connection, not per request, measured 4 µs less CPU per keep-alive request (~10%).
const verdicts = new WeakMap<TLSSocket, Verdict>();

function verdictOf(socket: TLSSocket): Verdict {
  let verdict = verdicts.get(socket);
  if (!verdict) {
    verdict = { report: reportFor(socket) };
    verdicts.set(socket, verdict);
  }
  return verdict;
}

function apiAnswer({ report }: Verdict): Answer {
  if (report.mTLSValid) return answer(200, { message: "certificate verified successfully", client: report.client });
  return answer(401, { error: "a valid client certificate is required", ...report });
}

const healthy = answer(200, { status: "ok" });

/** The routes: `/` reports, `/api/test` is the protected endpoint, `/healthz` says the server is up. */
export function handleRequest(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  if (path === "/healthz") return send(res, healthy);
  if (path === "/") {
    const verdict = verdictOf(req.socket as TLSSocket);
    return send(res, (verdict.root ??= answer(200, verdict.report)));
  }
  if (path === "/api/test") {
    const verdict = verdictOf(req.socket as TLSSocket);
    return send(res, (verdict.api ??= apiAnswer(verdict)));
  }
  send(res, answer(404, { error: `no route ${path}`, routes: ["/", "/api/test", "/healthz"] }));
}

/** Bytes a connection had moved when last looked at, and since when it has moved none. */
interface Activity {
  bytes: number;
  since: number;
}

/** Destroys the sockets that moved no byte in either direction for idleMs (a client that stopped reading). */
function closeIdle(sockets: Map<Socket, Activity>, idleMs: number): void {
  const now = Date.now();
  for (const [socket, activity] of sockets) {
    const bytes = socket.bytesRead + socket.bytesWritten;
    if (bytes !== activity.bytes) {
      activity.bytes = bytes;
      activity.since = now;
    } else if (now - activity.since >= idleMs) socket.destroy();
  }
}

/** Creates the demo mTLS server (not listening yet). */
export function createServer(options: ServeOptions): LabServer {
  const t = { ...defaults, ...options.timeouts };
  const https = createHttpsServer(
    {
      cert: options.cert,
      key: options.key,
      ca: options.ca,
      requestCert: true,
      // EXPLAIN-WHY MODE (teaching only), the ONE place the lab accepts unverified clients: the handshake
      // completes so the server can answer *why* the certificate failed. Every route checks
      // socket.authorized; --require sets this to true and bad clients are refused in the handshake.
      rejectUnauthorized: options.require === true,
      handshakeTimeout: t.handshakeMs,
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      keepAliveTimeout: t.keepAliveMs,
      // Node checks headers/request timeouts on this interval (default 30 s); tie it to the timeouts.
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(t.headersMs / 4))),
      ...(options.minVersion ? { minVersion: options.minVersion } : {}),
      ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    },
    handleRequest,
  );
  https.maxConnections = options.maxConnections ?? 1024;
  https.on("tlsClientError", (error: TlsError, socket: TLSSocket) => {
    options.onTlsError?.(`${socket.remoteAddress ?? "client"}: ${describeRefusal(error, socket)}`);
    socket.destroy();
  });

  const writer = options.capture ? new CaptureWriter({ onError: options.onCaptureError, ...options.capture }) : undefined;
  if (writer) recordInto(https, writer);
  const sockets = new Map<Socket, Activity>();
  // Added after the capture wrapper: this listener sees the raw socket either way.
  https.on("connection", (socket: Socket) => {
    if (sockets.has(socket)) return;
    // http turns Nagle off only once the TLS handshake is done; during it, the server's later small writes
    // (TLS 1.3 NewSessionTicket after the client's Finished) waited for delayed ACKs (measured: p50 x2.5).
    socket.setNoDelay(true);
    sockets.set(socket, { bytes: 0, since: Date.now() });
    socket.once("close", () => sockets.delete(socket));
  });
  // The idle limit is a sweep over byte counters, not socket.setTimeout: Node re-arms a socket timeout on
  // every read and write, and that timer churn measured 2 µs of CPU per keep-alive request (~7%).
  const sweep = setInterval(() => closeIdle(sockets, t.idleMs), Math.max(50, Math.min(1_000, Math.floor(t.idleMs / 4))));
  sweep.unref();

  return {
    https,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        https.once("error", reject);
        https.listen(port, host, () => {
          https.off("error", reject);
          const address = https.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        clearInterval(sweep);
        https.close(() => resolve());
        https.closeAllConnections();
        for (const socket of sockets.keys()) socket.destroy();
      }),
    connections: () => sockets.size,
  };
}
