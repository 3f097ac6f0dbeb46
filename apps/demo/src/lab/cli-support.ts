/**
 * Small pieces the lab's commands share: port flags, reading a flag's file with a one-line error, and
 * waiting for Ctrl-C (the io signal) before stopping what a command started.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileError, usageError } from "../cli/errors.js";

/** Parses a TCP port flag: 0 (any free port) to 65535. */
export function parsePort(command: string, flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > 65_535) throw usageError(`${command}: --${flag} must be a port from 0 to 65535, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** Reads the file a flag names (relative to cwd); one line naming flag and file when it cannot. */
export function readFlagFile(cwd: string, flag: string, path: string): Buffer {
  try {
    return readFileSync(resolve(cwd, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fileError(path, `cannot read the --${flag} file${code === "ENOENT" ? " (no such file)" : code ? ` (${code})` : ""}`);
  }
}

/** Resolves when `signal` aborts (Ctrl-C); never without a signal. */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => undefined);
  if (signal.aborted) return Promise.resolve();
  return new Promise((done) => signal.addEventListener("abort", () => done(), { once: true }));
}
