/**
 * Making the kit: the worker generates (keys, certificates, configs and the .zip), this turns the result
 * into the workspace's kit files, the status line and Problems. Loaded on the first "Generate" (or at idle
 * on the Generate page), so the route's first load carries neither this nor the worker's client.
 */
import type { Dispatch } from "react";
import { callWorker, WorkerError } from "../../workers/client";
import type { ProgressStep } from "../../workers/protocol";
import type { GenerateSettings } from "../../lib/generate-settings";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { Problem, WorkbenchAction, WorkbenchFile } from "../../lib/workbench-state";
import { lintProblems } from "../../lib/problems";
import { rememberZip } from "./kit-zip";

export const KIT_GROUP = "kit";

/**
 * Starts the worker before the first click and has it make (and drop) a kit with `settings`, so the click
 * runs warmed-up code with key pairs already made; an RSA key type is warmed with EC P-256 instead (its keys
 * take seconds, and the click shows each being made). A zip warms fflate on the way (its first deflate sets up tables).
 */
export function warmWorker(settings: GenerateSettings): void {
  const keyType = settings.keyType.startsWith("rsa") ? "ec-p256" : settings.keyType;
  void callWorker({ op: "warm", settings: { ...settings, keyType, p12Password: "warm-up" } }).then(
    // A User Timing mark: apps/web/bench/generate.bench.mjs waits for it before clicking.
    () => performance.mark("mtls-lab:generate-warm"),
    () => undefined,
  );
}

/** Generates a kit with `settings` into the workspace; resolves with an error line, or null on success. */
export async function runGenerate(
  dispatch: Dispatch<WorkbenchAction>,
  settings: GenerateSettings,
  password: string,
  openReadme: boolean,
  onProgress: (line: string, step?: ProgressStep) => void,
): Promise<string | null> {
  const started = performance.now();
  try {
    const result = await callWorker({ op: "generate", settings: { ...settings, p12Password: password } }, onProgress);
    const laidOut = result.files as LaidOutFile[];
    const cas = settings.intermediate ? "2 CAs + 2 intermediates" : "2 CAs";
    const clients = `${settings.clients.length} client${settings.clients.length === 1 ? "" : "s"}`;
    dispatch({ type: "setKit", kit: { keyType: settings.keyType, status: `kit: ${settings.keyType} · ${cas}, 1 server, ${clients}${settings.crl ? " · CRL" : ""}` } });
    const files: WorkbenchFile[] = laidOut.map((f) => ({ id: `${KIT_GROUP}/${f.path}`, name: f.path, group: KIT_GROUP, editor: "text", data: f }));
    rememberZip(files, result.zip);
    dispatch({ type: "replaceGroup", group: KIT_GROUP, files });
    if (openReadme) dispatch({ type: "openTab", id: `${KIT_GROUP}/README.md` });
    const configProblems = result.warnings.map((w, i): Problem => ({ id: `kit-config-${i}`, severity: "info", source: "kit", message: w }));
    dispatch({ type: "setProblems", source: "kit", problems: [...lintProblems("kit", "kit", result.lint), ...configProblems] });
    const keys = result.reusedKeys ? "same keys" : "new keys";
    const t = result.timings;
    const phases = `keys ${ms(t.keys)}, signing ${ms(t.sign)}, configs ${ms(t.configs)}, decoding ${ms(t.decode)}, zip ${ms(t.zip)}`;
    // User Timing, for the benchmark and the browser's performance panel: the whole call, the worker's phases in `detail`.
    performance.measure("mtls-lab:generate", { start: started, detail: { ...t, keyType: settings.keyType, files: laidOut.length } });
    dispatch({ type: "log", line: `Generated a ${settings.keyType} kit (${laidOut.length} files, ${keys}) in ${ms(performance.now() - started)} (worker: ${phases})` });
    return null;
  } catch (e) {
    const message = e instanceof WorkerError ? e.message : String(e);
    dispatch({ type: "setProblems", source: "kit", problems: [{ id: "kit-error", severity: "error", source: "kit", message: `could not be generated: ${message}` }] });
    dispatch({ type: "log", line: `Could not generate the kit: ${message}` });
    return message;
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;
