/**
 * `mtls-lab kit --config`: every configuration target of @mtls-lab/config, emitted for the kit just
 * written, into DIR/config/.
 */
import { join } from "node:path";
import type { KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { configApi, writeEmitted } from "./config-input.js";

/** Emits every target for the kit in `dir` (absolute) and writes them under `dir/config`; resolves the paths. */
export async function emitKitConfig(manifest: KitManifest, dir: string, shownDir: string, io: CommandIo): Promise<string[]> {
  const { emitAll, kitPaths } = configApi("kit --config");
  const result = emitAll({ paths: kitPaths(manifest, dir) });
  return writeEmitted(result, join(dir, "config"), join(shownDir, "config"), io);
}
