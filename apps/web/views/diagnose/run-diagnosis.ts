/**
 * Runs x509's diagnose() on the dropped files and finds the Handshake step of each side. Loaded on demand
 * (dynamic import) so the verifier is not part of the route's first load; it runs in the page: a
 * diagnosis is a few signature checks, and nothing leaves the page either way.
 */
import { diagnose, type DiagnoseFileNames, type Diagnosis, type KnownFile } from "@mtls-lab/x509";
import { diagnoseTime, serverOptions, type DiagnoseSettings } from "./diagnose-settings";
import { handshakeTarget, type HandshakeTarget } from "./handshake-link";

/** The inputs by diagnose() field; bytes as read from the files (PEM or DER). */
export interface DiagnoseFiles {
  serverChain?: Uint8Array;
  clientChain?: Uint8Array;
  serverTrustsForClients?: Uint8Array;
  clientTrustsForServer?: Uint8Array;
  serverKey?: Uint8Array;
  clientKey?: Uint8Array;
}

export interface DiagnosisView {
  diagnosis: Diagnosis;
  links: { server: HandshakeTarget; client: HandshakeTarget };
}

/** Keys go to diagnose() as text: it compares PEM keys with the certificates. */
function keyText(bytes: Uint8Array | undefined): string | Uint8Array | undefined {
  if (!bytes) return undefined;
  return bytes[0] === 0x2d ? new TextDecoder().decode(bytes) : bytes;
}

/** The diagnosis and its Handshake links; throws x509's one-line input error for unreadable files. */
export async function runDiagnosis(files: DiagnoseFiles, settings: DiagnoseSettings, names: DiagnoseFileNames = {}, known: KnownFile[] = []): Promise<DiagnosisView> {
  if (!files.serverChain) throw new Error("Server chain: choose the server's certificate chain (leaf first)");
  if (!files.serverTrustsForClients) throw new Error("Client CA file: choose the CA file the server trusts for clients");
  const diagnosis = await diagnose({
    serverChain: files.serverChain,
    clientChain: files.clientChain,
    serverTrustsForClients: files.serverTrustsForClients,
    clientTrustsForServer: files.clientTrustsForServer,
    serverKey: keyText(files.serverKey),
    clientKey: keyText(files.clientKey),
    host: settings.host,
    at: diagnoseTime(settings),
    tlsVersion: settings.tls,
    ...serverOptions(settings.server),
    // The user's own file names, so the leading cause can say which file holds what.
    files: names,
    knownFiles: known,
  });
  return {
    diagnosis,
    links: {
      server: handshakeTarget(diagnosis.server, settings.server, settings.tls),
      client: handshakeTarget(diagnosis.client, settings.server, settings.tls),
    },
  };
}
