/**
 * File input and output of the CLI. Reads name the file in every error; writes are atomic
 * (a temp file in the same directory, then rename) so a crash never leaves half a key or certificate,
 * and carry their mode from the start (keys 0600, certificates 0644).
 */
import { randomBytes } from "node:crypto";
import { chmod, lstat, mkdir, open, readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { existsSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError, fileError } from "./errors.js";
import { checkOutputDir } from "./output-path.js";

/** Largest input the CLI reads: certificates and bundles are kilobytes; anything this big is a mistake. */
const maxInputBytes = 64 * 1024 * 1024;

/**
 * Reads an input file; errors say which file and what is wrong (missing, a directory, unreadable, empty).
 * "-" reads standard input when `readStdin` is given.
 */
export async function readInputFile(cwd: string, file: string, readStdin?: () => Promise<Uint8Array>): Promise<Uint8Array> {
  if (file === "-" && readStdin) {
    const bytes = await readStdin();
    if (bytes.length === 0) throw fileError("-", "standard input is empty");
    if (bytes.length > maxInputBytes) throw fileError("-", `too large (${bytes.length} bytes) for a certificate or key file`);
    return bytes;
  }
  const path = resolve(cwd, file);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fileError(file, describeFsError(error));
  }
  if (info.isDirectory()) throw fileError(file, "is a directory, not a file");
  if (info.size > maxInputBytes) throw fileError(file, `too large (${info.size} bytes) for a certificate or key file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(file, describeFsError(error));
  }
  if (bytes.length === 0) throw fileError(file, "is empty");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * What a signal would leave half done: temp files being written, and the files a set of outputs created so
 * far (a kit interrupted after 3 of its 14 files). A finished set leaves the registry.
 */
const partial = { temps: new Set<string>(), created: new Set<string>() };

/** Removes every temp file and every file of an unfinished output set (synchronously: called on a signal). */
export function removePartialOutput(): void {
  for (const path of [...partial.temps, ...partial.created]) rmSync(path, { force: true });
  partial.temps.clear();
  partial.created.clear();
}

/** Reads a text input file (PEM, JSON). */
export async function readInputText(cwd: string, file: string): Promise<string> {
  return new TextDecoder().decode(await readInputFile(cwd, file));
}

/** One file to write. */
export interface OutputFile {
  /** Path relative to the output directory (may contain subdirectories). */
  path: string;
  contents: string | Uint8Array;
  /** Default 0o644. */
  mode?: number;
}

/**
 * Writes `contents` to `path` atomically with `mode`: the data goes to a temp file beside the target
 * (created with the final mode, so a key is never world-readable even for a moment), is flushed, then
 * renamed over the target.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  partial.temps.add(temp);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    partial.temps.delete(temp);
    throw error;
  }
  await handle.close();
  // open() applies the umask; chmod sets the exact mode asked for (0644 stays 0644 under umask 077).
  await chmod(temp, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    partial.temps.delete(temp);
  }
}

/**
 * Makes sure `dir` can take a new set of files: creates it, or refuses (exit 1) when it already holds
 * files and `force` is not set, so a kit never silently replaces another kit's keys.
 */
export async function prepareOutputDir(cwd: string, dir: string, force: boolean): Promise<string> {
  const path = checkOutputDir(cwd, dir);
  let entries: string[] = [];
  try {
    const info = await stat(path);
    if (!info.isDirectory()) throw fileError(dir, "exists and is not a directory");
    entries = await readdir(path);
  } catch (error) {
    if (error instanceof CliError) throw error;
    if ((error as { code?: string }).code !== "ENOENT") throw fileError(dir, describeFsError(error));
  }
  if (entries.length > 0 && !force) {
    throw fileError(dir, `is not empty (${entries.length} entries); choose another --out or add --force to overwrite`);
  }
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw fileError(dir, describeFsError(error));
  }
  return path;
}

/**
 * Refuses, before anything is written, a target that is a symlink, a directory or anything but a plain file:
 * rename() would replace a symlink itself (not what it points to) or fail on a directory halfway through.
 */
async function checkTargets(dir: string, files: readonly OutputFile[], shownDir: string): Promise<void> {
  for (const file of files) {
    const target = resolve(dir, file.path);
    if (!target.startsWith(resolve(dir) + "/")) throw fileError(file.path, "would be written outside the output directory");
    let info;
    try {
      info = await lstat(target);
    } catch {
      continue; // absent (or not reachable yet: the write reports it)
    }
    const what = info.isSymbolicLink() ? "a symlink" : info.isDirectory() ? "a directory" : info.isFile() ? "" : "not a plain file";
    if (what) throw fileError(join(shownDir, file.path), `is ${what}; remove it first (nothing was written)`);
  }
}

/** Writes every file under `dir` atomically, after checking every target; a failure names the file. */
export async function writeOutputFiles(dir: string, files: readonly OutputFile[], shownDir = dir): Promise<void> {
  await checkTargets(dir, files, shownDir);
  const created: string[] = [];
  try {
    for (const file of files) {
      const target = resolve(dir, file.path);
      const existed = existsSync(target);
      try {
        await writeFileAtomic(target, file.contents, file.mode ?? 0o644);
      } catch (error) {
        throw fileError(join(shownDir, file.path), describeFsError(error));
      }
      if (!existed) {
        created.push(target);
        partial.created.add(target);
      }
    }
  } finally {
    for (const path of created) partial.created.delete(path);
  }
}

/** Node's fs error codes in words. */
export function describeFsError(error: unknown): string {
  switch ((error as { code?: string } | null)?.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory, not a file";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ENOSPC":
      return "no space left on the device";
    case "EROFS":
      return "read-only file system";
    default:
      return error instanceof Error ? error.message.split("\n")[0] ?? "cannot be accessed" : String(error);
  }
}
