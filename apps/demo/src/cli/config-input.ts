/**
 * The bridge from a kit on disk to @mtls-lab/config: reads DIR/kit.json and writes what the emitters
 * return. Shared by `kit --config` and `config`.
 */
import { join, resolve } from "node:path";
import type { EmitResult } from "@mtls-lab/config";
import type { KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { fileError } from "./errors.js";
import { readInputText, writeOutputFiles } from "./files.js";

/** Reads `dir/kit.json` and checks it is a kit manifest; errors name the file. */
export async function readKitManifest(cwd: string, dir: string): Promise<KitManifest> {
  const file = join(dir, "kit.json");
  const text = await readInputText(cwd, file);
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    throw fileError(file, "is not JSON (expected the kit.json that `mtls-lab kit` writes)");
  }
  const files = (manifest as { files?: unknown } | null)?.files;
  if (!Array.isArray(files) || !files.every((entry) => typeof entry?.name === "string" && typeof entry?.role === "string")) {
    throw fileError(file, 'is not a kit manifest (expected "files": [{ "name", "role" }, ...])');
  }
  return manifest as KitManifest;
}

/** Writes emitted files under `outDir` and every warning to stderr; resolves the written paths. */
export async function writeEmitted(result: EmitResult, outDir: string, shownDir: string, io: CommandIo): Promise<string[]> {
  await writeOutputFiles(resolve(io.cwd, outDir), result.files, shownDir);
  for (const warning of result.warnings) io.stderr.write(`mtls-lab: warning: ${warning}\n`);
  return result.files.map((file) => file.path);
}
