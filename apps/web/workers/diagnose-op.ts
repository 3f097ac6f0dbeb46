/**
 * The lab worker's diagnosis: x509's diagnose() on the bytes of Diagnose's files, so the page never parses
 * a certificate. The result is plain data (the page links each side to its Handshake step).
 */
import { diagnose, type Diagnosis } from "@mtls-lab/x509";
import type { WorkerRequest } from "./protocol";

/** Keys go to diagnose() as text when they are PEM ("-----BEGIN"): it compares PEM keys with the certificates. */
function keyText(bytes: Uint8Array | undefined): string | Uint8Array | undefined {
  if (!bytes) return undefined;
  return bytes[0] === 0x2d ? new TextDecoder().decode(bytes) : bytes;
}

/** The diagnosis of `request`'s files; throws x509's one-line input error for an unreadable file. */
export async function diagnoseFiles(request: WorkerRequest & { op: "diagnose" }): Promise<Diagnosis> {
  const { files, options, names, known } = request;
  if (!files.serverChain) throw Object.assign(new Error("Server chain: choose the server's certificate chain (leaf first)"), { code: "BAD_INPUT" });
  if (!files.serverTrustsForClients) throw Object.assign(new Error("Client CA file: choose the CA file the server trusts for clients"), { code: "BAD_INPUT" });
  return diagnose({
    serverChain: files.serverChain,
    clientChain: files.clientChain,
    serverTrustsForClients: files.serverTrustsForClients,
    clientTrustsForServer: files.clientTrustsForServer,
    serverKey: keyText(files.serverKey),
    clientKey: keyText(files.clientKey),
    ...options,
    // The user's own file names, so the leading cause can say which file holds what.
    files: names,
    knownFiles: known,
  });
}
