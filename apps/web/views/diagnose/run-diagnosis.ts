/**
 * Diagnoses the chosen files in the lab worker (x509's diagnose(); the page parses no DER) and finds the
 * Handshake step of each side. Loaded on demand (dynamic import) with the Diagnose view's first run.
 */
import type { DiagnoseFileNames, Diagnosis, KnownFile } from "@mtls-lab/x509";
import { callWorker } from "../../workers/client";
import type { DiagnoseFiles } from "../../workers/protocol";
import { diagnoseTime, serverOptions, type DiagnoseSettings } from "./diagnose-settings";
import { handshakeTarget, type HandshakeTarget } from "./handshake-link";

export type { DiagnoseFiles };

export interface DiagnosisView {
  diagnosis: Diagnosis;
  links: { server: HandshakeTarget; client: HandshakeTarget };
}

/** The diagnosis and its Handshake links; rejects with x509's one-line input error for unreadable files. */
export async function runDiagnosis(files: DiagnoseFiles, settings: DiagnoseSettings, names: DiagnoseFileNames = {}, known: KnownFile[] = []): Promise<DiagnosisView> {
  if (!files.serverChain) throw new Error("Server chain: choose the server's certificate chain (leaf first)");
  if (!files.serverTrustsForClients) throw new Error("Client CA file: choose the CA file the server trusts for clients");
  const at = diagnoseTime(settings);
  const diagnosis = await callWorker({
    op: "diagnose",
    files,
    options: { host: settings.host, tlsVersion: settings.tls, ...serverOptions(settings.server), ...(at ? { at } : {}) },
    names,
    known,
  });
  return {
    diagnosis,
    links: {
      server: handshakeTarget(diagnosis.server, settings.server, settings.tls),
      client: handshakeTarget(diagnosis.client, settings.server, settings.tls),
    },
  };
}
