/**
 * `mtls-lab kit --config`: every configuration target of @mtls-lab/config, emitted for the kit just
 * written, into DIR/config/.
 */
import { join } from "node:path";
import { emitAll, kitPaths } from "@mtls-lab/config";
import type { KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { writeEmitted } from "./config-input.js";
import { CliError, describeError } from "./errors.js";

/** Emits every target for the kit in `dir` (absolute) and writes them under `dir/config`; resolves the paths. */
export async function emitKitConfig(manifest: KitManifest, dir: string, shownDir: string, io: CommandIo): Promise<string[]> {
  let result;
  try {
    result = emitAll({ paths: kitPaths(manifest, dir) });
  } catch (error) {
    throw new CliError(`kit --config: ${describeError(error)}`);
  }
  return writeEmitted(result, join(dir, "config"), join(shownDir, "config"), io);
}
