/**
 * `mtls-lab kit --config`: every configuration target of @mtls-lab/config, emitted for the kit just
 * written, into DIR/config/.
 */
import * as config from "@mtls-lab/config";
import type { KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { writeOutputFiles } from "./files.js";
import { requireExport } from "./pending.js";

type EmitAll = (input: Record<string, unknown>) => { files: { path: string; contents: string; mode?: number }[]; warnings: string[] };
type KitPaths = (manifest: KitManifest, dir: string) => unknown;

/** Emits every target for the kit in `dir` and writes them under `dir/config`; resolves the written paths. */
export async function emitKitConfig(manifest: KitManifest, dir: string, shownDir: string, io: CommandIo): Promise<string[]> {
  const emitAll = requireExport<EmitAll>(config, "@mtls-lab/config", "emitAll", "kit --config");
  const kitPaths = requireExport<KitPaths>(config, "@mtls-lab/config", "kitPaths", "kit --config");
  const result = emitAll({ kit: kitPaths(manifest, dir) });
  await writeOutputFiles(`${dir}/config`, result.files, `${shownDir}/config`);
  for (const warning of result.warnings) io.stderr.write(`mtls-lab: warning: ${warning}\n`);
  return result.files.map((file) => file.path);
}
