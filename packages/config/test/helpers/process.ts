/** A long-running command (an emitted server) started for a test and stopped by its pid. */
import { spawn } from "node:child_process";
import { waitForPort } from "@mtls-lab/peers";

export interface Running {
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

export async function startProcess(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; port: number }): Promise<Running> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
  if (!(await waitForPort(options.port, 20_000, () => child.exitCode !== null))) {
    await stop();
    throw new Error(`${command} ${args.join(" ")} did not listen on ${options.port}:\n${output}`);
  }
  return { pid: child.pid ?? -1, output: () => output, stop };
}
