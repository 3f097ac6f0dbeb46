/**
 * The bridge from a kit on disk to @mtls-lab/config: reads DIR/kit.json, asks the package for the
 * kit's paths, and writes what the emitters return. Shared by `kit --config` and `config`.
 */
import { join, resolve } from "node:path";
import * as config from "@mtls-lab/config";
import type { KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { fileError } from "./errors.js";
import { readInputText, writeOutputFiles } from "./files.js";
import { requireExport } from "./pending.js";

/** The emitted files and warnings (EmitResult of @mtls-lab/config). */
export interface EmitOutput {
  files: { path: string; contents: string; mode?: number }[];
  warnings: string[];
}
/** What the CLI passes to the emitters (a subset of EmitInput of @mtls-lab/config). */
export interface EmitOptions {
  paths: unknown;
  profile?: string;
  verify?: string;
  upstream?: string;
  listen?: number;
  serverName?: string;
}
type EmitAll = (input: EmitOptions) => EmitOutput;
type Emit = (target: string, input: EmitOptions) => EmitOutput;
type KitPaths = (manifest: KitManifest, dir: string, client?: string) => unknown;

/** The package's functions, or a "not available yet" error naming the command. */
export function configApi(command: string): { emit: Emit; emitAll: EmitAll; kitPaths: KitPaths } {
  return {
    emit: requireExport<Emit>(config, "@mtls-lab/config", "emit", command),
    emitAll: requireExport<EmitAll>(config, "@mtls-lab/config", "emitAll", command),
    kitPaths: requireExport<KitPaths>(config, "@mtls-lab/config", "kitPaths", command),
  };
}

/** The target ids of the package's `targets` table (an array or a record of `{ id }`). */
export function targetIds(): string[] {
  const table = (config as Record<string, unknown>).targets;
  if (!table || typeof table !== "object") return [];
  const entries = Array.isArray(table) ? table : Object.values(table);
  return entries.map((entry: unknown) => (entry as { id?: unknown }).id).filter((id): id is string => typeof id === "string");
}

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
export async function writeEmitted(result: EmitOutput, outDir: string, shownDir: string, io: CommandIo): Promise<string[]> {
  await writeOutputFiles(resolve(io.cwd, outDir), result.files, shownDir);
  for (const warning of result.warnings) io.stderr.write(`mtls-lab: warning: ${warning}\n`);
  return result.files.map((file) => file.path);
}
