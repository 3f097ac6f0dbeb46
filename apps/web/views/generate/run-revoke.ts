/**
 * Revoking a client of the generated kit: the worker re-signs the client-side CRLs (x509's updateKitCrls)
 * and zips the kit again; this replaces the CRL files and kit.json in the workspace. Loaded on the first "Revoke".
 */
import type { Dispatch } from "react";
import type { CrlReason, KitManifest } from "@mtls-lab/x509";
import { callWorker, WorkerError } from "../../workers/client";
import { ZIP_FOLDER } from "../../workers/protocol";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { WorkbenchAction, WorkbenchFile } from "../../lib/workbench-state";
import { rememberZip } from "./kit-zip";

/** Revokes `client` of the kit in `kitFiles`; resolves with an error line, or null on success. */
export async function runRevoke(dispatch: Dispatch<WorkbenchAction>, kitFiles: readonly WorkbenchFile[], client: string, reason: CrlReason | undefined): Promise<string | null> {
  try {
    const data = kitFiles.map((f) => f.data as LaidOutFile);
    const manifestFile = data.find((f) => f.path === "kit.json");
    if (!manifestFile || typeof manifestFile.contents !== "string") throw new Error("the kit has no kit.json");
    const manifest = JSON.parse(manifestFile.contents) as KitManifest;
    // The kit's own PEM files (top level); the worker reads the client CAs, their keys and the client's certificate.
    const pem: Record<string, string> = {};
    for (const f of data) if (!f.path.includes("/") && typeof f.contents === "string") pem[f.path] = f.contents;
    const result = await callWorker({ op: "revoke", manifest, files: pem, client, ...(reason ? { reason } : {}) });
    const changed = new Map(result.files.map((f) => [f.path, f as LaidOutFile]));
    const next = kitFiles.map((f) => (changed.has(f.name) ? { ...f, data: changed.get(f.name)! } : f));
    const zip = await callWorker({ op: "zip", files: next.map((f) => f.data as LaidOutFile), folder: ZIP_FOLDER });
    rememberZip(next, zip);
    for (const f of next) if (changed.has(f.name)) dispatch({ type: "updateFile", id: f.id, data: f.data });
    const entry = result.manifest.revoked?.find((r) => r.client === client);
    dispatch({ type: "log", line: `Revoked ${client} (serial ${entry?.serialNumber ?? "?"}${reason ? `, ${reason}` : ""}): ${result.files.map((f) => f.path).join(", ")} re-signed` });
    return null;
  } catch (e) {
    const message = e instanceof WorkerError || e instanceof Error ? e.message : String(e);
    dispatch({ type: "log", line: `Could not revoke ${client}: ${message}` });
    return message;
  }
}
