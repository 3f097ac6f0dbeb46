/** The real surroundings of a command: the process streams, the working directory, Ctrl-C. */
import type { CommandIo } from "./command.js";

/** A CommandIo on the process: stdout, stderr, cwd, and a signal aborted by SIGINT or SIGTERM. */
export function processIo(): CommandIo {
  const controller = new AbortController();
  const stop = () => controller.abort();
  // once: a second Ctrl-C falls back to Node's default and ends the process.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: controller.signal };
}
