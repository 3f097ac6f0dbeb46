/**
 * Checks an output or capture directory before any work: a pseudo file system (/proc, /sys), a path that
 * is not a directory, or one that cannot be written is refused with one line at once. Without this,
 * `mkdir -p /proc/x` in Node loops (measured: `kit --out /proc/x` hung, `serve --capture /proc/x` spun at
 * 100 % CPU and ignored SIGTERM).
 */
import { accessSync, constants, statSync, statfsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileError } from "./errors.js";

/**
 * File systems that hold no files of their own, by statfs f_type (statfs(2), linux/magic.h):
 * proc, sysfs, debugfs, tracefs, securityfs, cgroup, cgroup2, configfs, pstore, bpf, efivarfs.
 */
const PseudoFileSystems = {
  proc: 0x9fa0,
  sysfs: 0x62656572,
  debugfs: 0x64626720,
  tracefs: 0x74726163,
  securityfs: 0x73636673,
  cgroup: 0x27e0eb,
  cgroup2: 0x63677270,
  configfs: 0x62656570,
  pstore: 0x6165676c,
  bpf: 0xcafe4a11,
  efivarfs: 0xde5e81e4,
} as const;

const pseudoTypes = new Map<number, string>(Object.entries(PseudoFileSystems).map(([name, type]) => [type, name]));

/** The nearest part of `path` that exists (the path itself, or an ancestor), with what it is. */
function nearestExisting(path: string): { path: string; isDirectory: boolean } {
  for (let current = path; ; current = dirname(current)) {
    try {
      return { path: current, isDirectory: statSync(current).isDirectory() };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" || dirname(current) === current) throw error;
    }
  }
}

/**
 * Resolves `dir` against `cwd` and checks it can hold new files: refuses a pseudo file system, an existing
 * non-directory (or a file where a parent directory should be), and a place this user cannot write.
 * Throws a CliError `<dir>: <what is wrong>` (exit 1); returns the absolute path.
 */
export function checkOutputDir(cwd: string, dir: string): string {
  const path = resolve(cwd, dir);
  let existing: { path: string; isDirectory: boolean };
  try {
    existing = nearestExisting(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fileError(dir, code === "ENOTDIR" ? "a part of the path is a file, not a directory" : `cannot be checked (${code ?? "error"})`);
  }
  const pseudo = pseudoTypes.get(Number(statfsSync(existing.path).type));
  if (pseudo) throw fileError(dir, `is on the ${pseudo} pseudo file system, which cannot hold files; choose a normal directory`);
  if (!existing.isDirectory) {
    throw fileError(dir, existing.path === path ? "exists and is not a directory" : "a part of the path is a file, not a directory");
  }
  try {
    accessSync(existing.path, constants.W_OK | constants.X_OK);
  } catch {
    throw fileError(dir, existing.path === path ? "is not writable" : `cannot be created (${existing.path} is not writable)`);
  }
  return path;
}
