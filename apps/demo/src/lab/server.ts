/**
 * The demo mTLS server (`mtls-lab serve`): a Node https server with requestCert that answers, per request,
 * whether the client certificate verified and why not. The seeds keep reasons in a global list (a race that
 * grows forever); here every answer comes from the request's own TLS socket and nothing outlives the connection.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import type { PeerCertificate, SecureVersion, TLSSocket } from "node:tls";
import { CaptureWriter, RecordingStream, type CaptureOptions, type ConnectionRecord } from "./capture.js";
import { explainCode } from "./explain.js";

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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body, null, 2)}\n`;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

// A connection's verdict is fixed by its handshake, so keep-alive requests reuse it. A WeakMap keyed by the
// socket: the entry goes with the socket, so nothing outlives the connection.
const reports = new WeakMap<TLSSocket, MtlsReport>();

function cachedReport(socket: TLSSocket): MtlsReport {
  let report = reports.get(socket);
  if (!report) {
    report = reportFor(socket);
    reports.set(socket, report);
  }
  return report;
}

/** The routes: `/` reports, `/api/test` is the protected endpoint, `/healthz` says the server is up. */
export function handleRequest(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  const socket = req.socket as TLSSocket;
  if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
  if (path === "/") return sendJson(res, 200, cachedReport(socket));
  if (path === "/api/test") {
    const report = cachedReport(socket);
    if (report.mTLSValid) return sendJson(res, 200, { message: "certificate verified successfully", client: report.client });
    return sendJson(res, 401, { error: "a valid client certificate is required", ...report });
  }
  sendJson(res, 404, { error: `no route ${path}`, routes: ["/", "/api/test", "/healthz"] });
}

type TlsError = Error & { code?: string; reason?: string };

/**
 * The code of a refused handshake. With --require Node destroys the socket after setting its
 * authorizationError, then reports only "ECONNRESET socket hang up": the verify code is the real reason.
 */
function refusalCode(error: TlsError, socket: TLSSocket): string {
  return socket.authorizationError ? String(socket.authorizationError) : (error.code ?? "TLS_ERROR");
}

/** One line for the server log: the code, then what it means (OpenSSL's short reason, not its source path). */
export function describeRefusal(error: TlsError, socket: TLSSocket): string {
  const code = refusalCode(error, socket);
  // A verify code here means a certificate was sent and failed: with --require OpenSSL itself refuses a
  // missing one (ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE), and the socket is gone, so it cannot be asked.
  if (socket.authorizationError) return `${code}: ${explainCode(code, { side: "client", peerSentCertificate: true }).title}`;
  return `${code}: ${error.reason ?? error.message.split(":").slice(-2, -1)[0] ?? error.message}`;
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
  https.timeout = t.idleMs;
  https.maxConnections = options.maxConnections ?? 1024;
  https.on("tlsClientError", (error: TlsError, socket: TLSSocket) => {
    options.onTlsError?.(`${socket.remoteAddress ?? "client"}: ${describeRefusal(error, socket)}`);
    socket.destroy();
  });

  const writer = options.capture ? new CaptureWriter(options.capture) : undefined;
  let front: NetServer | HttpsServer = https;
  const sockets = new Set<Socket>();
  if (writer) {
    const records = new WeakMap<TLSSocket, ConnectionRecord>();
    https.on("keylog", (line: Buffer, socket: TLSSocket) => {
      const record = writer.addKeylog(line);
      if (record) records.set(socket, record);
    });
    https.on("secureConnection", (socket: TLSSocket) => {
      const record = records.get(socket);
      if (!record) return;
      record.file.result = {
        tlsVersion: socket.getProtocol() ?? undefined,
        cipher: socket.getCipher()?.name,
        authorized: socket.authorized,
        ...(socket.authorizationError ? { authorizationError: String(socket.authorizationError) } : {}),
      };
    });
    https.on("tlsClientError", (error: TlsError, socket: TLSSocket) => {
      const record = records.get(socket);
      if (record) record.file.result = { authorized: false, authorizationError: refusalCode(error, socket) };
    });
    const net = createNetServer((socket) => {
      const record = writer.open(socket);
      if (!record) return void https.emit("connection", socket);
      const stream = new RecordingStream(socket, record);
      // The raw socket can close before tls reports the failed handshake ('tlsClientError'): write the
      // file one turn later so its result is in it.
      stream.on("close", () => setImmediate(() => writer.close(record)));
      https.emit("connection", stream);
    });
    net.maxConnections = https.maxConnections;
    front = net;
  }
  front.on("connection", (socket: Socket) => {
    if (sockets.has(socket)) return;
    // http turns Nagle off only once the TLS handshake is done; during it, the server's later small writes
    // (TLS 1.3 NewSessionTicket after the client's Finished) waited for delayed ACKs (measured: p50 x2.5).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  return {
    https,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        front.once("error", reject);
        front.listen(port, host, () => {
          front.off("error", reject);
          const address = front.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        front.close(() => resolve());
        if (front !== https) https.close();
        https.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
    connections: () => sockets.size,
  };
}
