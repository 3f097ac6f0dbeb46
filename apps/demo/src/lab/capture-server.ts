/**
 * Recording an https server's connections into a CaptureWriter without changing how the server runs: the
 * https server itself listens (so 'listening' starts Node's header/request timeout checks and maxConnections
 * applies at accept), and only the raw socket tls reads from is swapped for a RecordingStream.
 */
import type { Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { type CaptureWriter, type ConnectionRecord, RecordingStream } from "./capture.js";
import { type TlsError, refusalCode } from "./refusal.js";

type ConnectionListener = (this: HttpsServer, socket: Socket | RecordingStream) => void;

/**
 * Makes `https` hand tls a RecordingStream instead of each raw socket (while the writer has room), and fills
 * each record's key log and result. Call before adding other 'connection' listeners: those keep the raw socket.
 */
export function recordInto(https: HttpsServer, writer: CaptureWriter): void {
  // tls.Server's own listener (tlsConnectionListener) wraps whatever it is given in a TLSSocket.
  const tlsListeners = https.listeners("connection") as ConnectionListener[];
  https.removeAllListeners("connection");
  https.on("connection", (socket: Socket) => {
    const record = writer.open(socket);
    let stream: Socket | RecordingStream = socket;
    if (record) {
      stream = new RecordingStream(socket, record);
      // The raw socket can close before tls reports the failed handshake ('tlsClientError'): write the
      // file one turn later so its result is in it.
      stream.on("close", () => setImmediate(() => writer.close(record)));
    }
    for (const listener of tlsListeners) listener.call(https, stream);
  });

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
}
