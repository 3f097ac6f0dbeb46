/** Diagnose's inputs from the kit generated in this visit (the workspace's "kit" files). */
import type { WorkbenchFile } from "../../lib/workbench-state";
import type { CertificateInfo, DecodedItem, KnownFile } from "@mtls-lab/x509";
import type { Chosen, Slot } from "./inputs";

/** The kit's files for each slot, when a kit was generated in this visit. */
export function kitChoices(files: readonly WorkbenchFile[]): Partial<Record<Slot, Chosen>> | null {
  const kit = files.filter((f) => f.group === "kit");
  const get = (path: string): Chosen | undefined => {
    const data = kit.find((f) => (f.data as { path?: string }).path === path)?.data as { contents?: string | Uint8Array } | undefined;
    if (!data?.contents) return undefined;
    return { name: path, bytes: typeof data.contents === "string" ? new TextEncoder().encode(data.contents) : data.contents };
  };
  const client = kit.find((f) => /\.p12$/.test(f.name))?.name.replace(/\.p12$/, "") ?? "client";
  const out: Partial<Record<Slot, Chosen>> = {
    serverChain: get("server-chain.crt") ?? get("server.crt"),
    clientChain: get(`${client}-chain.crt`) ?? get(`${client}.crt`),
    serverTrustsForClients: get("client-ca.crt"),
    clientTrustsForServer: get("server-ca.crt"),
    serverKey: get("server.key"),
    clientKey: get(`${client}.key`),
  };
  return out.serverChain && out.serverTrustsForClients ? out : null;
}


/**
 * Every certificate file of the workspace (the visit's kit, files opened in Inspect), so a diagnosis can name
 * the file that holds the right certificate ("CN=... Client CA, which is in `client-ca.crt`").
 */
export function knownFiles(files: readonly WorkbenchFile[]): KnownFile[] {
  const known: KnownFile[] = [];
  for (const file of files) {
    const data = file.data as { path?: string; contents?: unknown; item?: DecodedItem; items?: DecodedItem[] };
    if (file.group === "kit" && typeof data.contents === "string" && data.contents.includes("BEGIN CERTIFICATE")) {
      known.push({ name: data.path ?? file.name, certificates: data.contents });
    } else {
      // Their DER only: the worker that diagnoses reads it, and a decoded object would be copied to it whole.
      const certificates = [data.item, ...(data.items ?? [])].filter((item): item is CertificateInfo => item?.kind === "certificate").map((c) => c.der);
      if (certificates.length > 0) known.push({ name: file.name, certificates });
    }
  }
  return known;
}
