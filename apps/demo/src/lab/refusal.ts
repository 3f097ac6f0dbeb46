/** Why a TLS handshake was refused, in one line for the server log and the capture file. */
import type { TLSSocket } from "node:tls";
import { explainCode } from "./explain.js";

/** A TLS error as Node reports it in 'tlsClientError'. */
export type TlsError = Error & { code?: string; reason?: string };

/**
 * The code of a refused handshake. With --require Node destroys the socket after setting its
 * authorizationError, then reports only "ECONNRESET socket hang up": the verify code is the real reason.
 */
export function refusalCode(error: TlsError, socket: TLSSocket): string {
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
