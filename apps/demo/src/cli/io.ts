/** The real surroundings of a command: the process streams, the working directory, Ctrl-C. */
import type { CommandIo } from "./command.js";
import { describeError } from "./errors.js";
import { installSignalHandlers } from "./signals.js";

/** Reads all of standard input (for `-` as a file name). */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A CommandIo on the process: stdout, stderr, stdin, cwd, and the signal servers stop on (cli/signals.ts:
 * the first SIGINT/SIGTERM ends a one-shot command at once, and stops a server gracefully).
 */
export function processIo(): CommandIo {
  const signals = installSignalHandlers();
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), signal: signals.signal, serving: signals.serve, readStdin };
}

/**
 * Last-resort guards so that even an error outside a command's promise is one line, never a stack:
 * a closed pipe (`mtls-lab inspect x | head`) ends quietly; anything else is reported and exits 1.
 */
export function installProcessGuards(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  const report = (error: unknown) => {
    process.stderr.write(`mtls-lab: internal error: ${describeError(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", report);
  process.on("unhandledRejection", report);
}
