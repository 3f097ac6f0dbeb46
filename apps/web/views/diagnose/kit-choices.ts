/** Diagnose's inputs from the kit generated in this visit (the workspace's "kit" files). */
import type { WorkbenchFile } from "../../lib/workbench-state";
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

