/**
 * One probe connection: TCP, the TLS handshake and one HTTP request, with every byte of both directions
 * and the key log recorded, so packages/handshake can decode what was encrypted (TLS 1.3's
 * CertificateRequest, RFC 8446 4.3.2). Verification of the server is not done by OpenSSL here but
 * reported by the caller: the point is to see the whole handshake even when the server would be refused.
 *
 * Why a Duplex: tls reads a net.Socket in C++ and its bytes never reach JS; over a JS stream every
 * record passes through here (the same technique as the lab's capture).
 */
import { connect as netConnect, type Socket } from "node:net";
import { Duplex } from "node:stream";
import { checkServerIdentity, connect as tlsConnect, type PeerCertificate, type SecureContextOptions, type TLSSocket } from "node:tls";
import { isAddress, type ProbeTarget } from "./target.js";

/** The client's credentials and limits for one connection. */
export interface ConnectionOptions {
  target: ProbeTarget;
  /** CA certificates for the server, PEM; absent: Node's bundled roots (what `tls.rootCertificates` holds). */
  ca?: Array<string | Buffer>;
  credentials?: Pick<SecureContextOptions, "cert" | "key" | "pfx" | "passphrase">;
  tls?: "1.2" | "1.3";
  timeoutMs: number;
  method: "GET" | "HEAD";
}

/** What one connection saw. */
export interface ConnectionRecord {
  /** Bytes each side sent, in order. */
  client: Buffer;
  server: Buffer;
  keylog: string[];
  /** Set when the handshake completed (from the client's point of view). */
  handshake?: {
    version: string;
    cipher: string;
    /** The server's chain as sent, leaf first, DER. */
    chain: Buffer[];
    /** OpenSSL's verdict on the server's chain against `ca` (the name is checked separately). */
    authorized: boolean;
    authorizationError: string | null;
    /** Node's checkServerIdentity() error for the target name, null when the name matches. */
    nameError: string | null;
  };
  /** The HTTP response head, when one came. */
  response?: { status: number; head: string; body: string };
  /** The first error: code and message as Node gives them. */
  error?: { code: string; message: string; phase: "tcp" | "handshake" | "request" };
  /** The connection ended without an answer within timeoutMs. */
  timedOut: boolean;
}

/** A Duplex over a net.Socket that keeps a copy of every chunk. */
class RecordingStream extends Duplex {
  readonly sent: Buffer[] = [];
  readonly received: Buffer[] = [];
  constructor(private readonly socket: Socket) {
    super();
    socket.on("data", (chunk: Buffer) => {
      this.received.push(chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    socket.on("close", () => this.destroy());
  }
  override _read(): void {
    this.socket.resume();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.sent.push(chunk);
    if (this.socket.destroyed) return callback();
    this.socket.write(chunk, () => callback());
  }
  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }
  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

function chainOf(peer: PeerCertificate | undefined): Buffer[] {
  const out: Buffer[] = [];
  let current = peer as (PeerCertificate & { issuerCertificate?: PeerCertificate }) | undefined;
  while (current && current.raw && !out.some((der) => der.equals(current!.raw))) {
    out.push(current.raw);
    current = current.issuerCertificate as typeof current;
  }
  return out;
}

/**
 * Connects once and records everything; never rejects. The server is not trusted blindly: the verdict
 * of its chain and name is in `handshake` for the caller to report.
 */
export function probeConnection(options: ConnectionOptions): Promise<ConnectionRecord> {
  const { target } = options;
  return new Promise((resolve) => {
    const record: ConnectionRecord = { client: Buffer.alloc(0), server: Buffer.alloc(0), keylog: [], timedOut: false };
    const tcp = netConnect({ host: target.host, port: target.port });
    const stream = new RecordingStream(tcp);
    // The socket's and the TLS layer's errors are the ones reported; the wrapper only echoes them.
    stream.on("error", () => {});
    let tls: TLSSocket | undefined;
    let settled = false;
    let body = "";
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      record.client = Buffer.concat(stream.sent);
      record.server = Buffer.concat(stream.received);
      if (body) {
        const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(body);
        if (status) {
          const end = body.indexOf("\r\n\r\n");
          record.response = { status: Number(status[1]), head: end >= 0 ? body.slice(0, end) : body, body: end >= 0 ? body.slice(end + 4, end + 4 + 4096) : "" };
        }
      }
      tls?.destroy();
      tcp.destroy();
      resolve(record);
    };
    const fail = (phase: "tcp" | "handshake" | "request") => (error: Error & { code?: string }) => {
      record.error ??= { code: error.code ?? "ERROR", message: error.message, phase };
      finish();
    };
    const timer = setTimeout(() => {
      record.timedOut = true;
      finish();
    }, options.timeoutMs);
    tcp.once("error", fail("tcp"));
    tcp.once("connect", () => {
      tcp.removeAllListeners("error");
      tcp.on("error", () => {});
      const version = options.tls === "1.2" ? "TLSv1.2" : options.tls === "1.3" ? "TLSv1.3" : undefined;
      try {
        tls = tlsConnect({
          socket: stream as unknown as Socket,
          ...(isAddress(target.servername) ? {} : { servername: target.servername }),
          ...(options.ca ? { ca: options.ca } : {}),
          ...options.credentials,
          ...(version ? { minVersion: version, maxVersion: version } : { minVersion: "TLSv1.2" }),
          // PROBE MODE (diagnosis only): the handshake must finish to read what the server sends, so OpenSSL's
          // verdict is taken from authorizationError and checkServerIdentity below instead of aborting; an
          // unverified server is printed as NOT VERIFIED and probe exits 1. Nothing but the handshake and one
          // GET / is ever sent.
          rejectUnauthorized: false,
          checkServerIdentity: () => undefined,
        });
      } catch (error) {
        return fail("handshake")(error as Error & { code?: string });
      }
      tls.on("keylog", (line: Buffer) => record.keylog.push(line.toString("latin1").trim()));
      let phase: "handshake" | "request" = "handshake";
      tls.on("error", (error: Error & { code?: string }) => fail(phase)(error));
      tls.once("secureConnect", () => {
        phase = "request";
        const socket = tls!;
        const peer = socket.getPeerCertificate(true);
        const chain = chainOf(peer);
        const nameError = peer && peer.raw ? checkServerIdentity(target.servername, peer) : new Error("no certificate");
        record.handshake = {
          version: socket.getProtocol() ?? "unknown",
          cipher: socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? "unknown",
          chain,
          authorized: socket.authorized,
          authorizationError: socket.authorizationError ? String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) : null,
          nameError: nameError ? nameError.message : null,
        };
        const hostHeader = target.servername.includes(":") ? `[${target.servername}]` : target.servername;
        socket.write(`${options.method} ${target.path} HTTP/1.1\r\nHost: ${hostHeader}:${target.port}\r\nUser-Agent: mtls-lab-probe\r\nConnection: close\r\n\r\n`);
        socket.setEncoding("latin1");
        socket.on("data", (chunk: string) => {
          body += chunk;
          if (body.length > 65_536) finish();
        });
        socket.on("end", finish);
      });
      tls.on("close", finish);
    });
  });
}
