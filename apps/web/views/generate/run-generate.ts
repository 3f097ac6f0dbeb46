/**
 * Making the kit: the worker generates, this turns the result into the workspace's kit files, the status
 * line and Problems. Loaded on the first "Generate", so the route's first load carries neither this nor
 * the worker's client.
 */
import type { Dispatch } from "react";
import { callWorker, WorkerError } from "../../workers/client";
import type { GenerateSettings } from "../../lib/generate-settings";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { Problem, WorkbenchAction, WorkbenchFile } from "../../lib/workbench-state";
import { lintProblems } from "../../lib/problems";

export const KIT_GROUP = "kit";

/** Generates a kit with `settings` into the workspace; resolves with an error line, or null on success. */
export async function runGenerate(
  dispatch: Dispatch<WorkbenchAction>,
  settings: GenerateSettings,
  password: string,
  openReadme: boolean,
  onProgress: (line: string) => void,
): Promise<string | null> {
  const started = performance.now();
  try {
    const result = await callWorker({ op: "generate", settings: { ...settings, p12Password: password } }, onProgress);
    const laidOut = result.files as LaidOutFile[];
    const cas = settings.intermediate ? "2 CAs + 2 intermediates" : "2 CAs";
    const clients = `${settings.clients.length} client${settings.clients.length === 1 ? "" : "s"}`;
    dispatch({ type: "setKit", kit: { keyType: settings.keyType, status: `kit: ${settings.keyType} · ${cas}, 1 server, ${clients}` } });
    const files: WorkbenchFile[] = laidOut.map((f) => ({ id: `${KIT_GROUP}/${f.path}`, name: f.path, group: KIT_GROUP, editor: "text", data: f }));
    dispatch({ type: "replaceGroup", group: KIT_GROUP, files });
    if (openReadme) dispatch({ type: "openTab", id: `${KIT_GROUP}/README.md` });
    const configProblems = result.warnings.map((w, i): Problem => ({ id: `kit-config-${i}`, severity: "info", source: "kit", message: w }));
    dispatch({ type: "setProblems", source: "kit", problems: [...lintProblems("kit", "kit", result.lint), ...configProblems] });
    const keys = result.reusedKeys ? "same keys" : "new keys";
    dispatch({ type: "log", line: `Generated a ${settings.keyType} kit (${laidOut.length} files, ${keys}) in ${Math.round(performance.now() - started)} ms` });
    return null;
  } catch (e) {
    const message = e instanceof WorkerError ? e.message : String(e);
    dispatch({ type: "setProblems", source: "kit", problems: [{ id: "kit-error", severity: "error", source: "kit", message: `could not be generated: ${message}` }] });
    dispatch({ type: "log", line: `Could not generate the kit: ${message}` });
    return message;
  }
}
