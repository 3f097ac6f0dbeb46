/** Test support: drive the CLI as a function with an io that collects what it writes. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { CommandIo } from "../src/cli/command.js";
import { runCli } from "../src/cli/run-cli.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `mtls-lab <argv>` in-process with `cwd`, collecting stdout and stderr. */
export async function runInProcess(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** The built bin, as a user runs it. */
export const binPath = join(import.meta.dirname, "..", "bin", "mtls-lab.js");

/** Spawns `node bin/mtls-lab.js <argv>` in `cwd` (the built dist), bounded by a timeout against hangs. */
export function runBin(argv: string[], cwd: string, options: { input?: string | Uint8Array; timeoutMs?: number } = {}): Promise<CliRun> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...argv], { cwd, stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    if (options.input !== undefined) child.stdin?.end(options.input);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** A stack trace line as Node prints it ("    at fn (file:1:2)"). */
export const stackLine = /^\s+at .+[:(]/m;
