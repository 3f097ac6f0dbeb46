/**
 * Runs a chapter's runnable blocks for the doc-test: a fresh temp directory per chapter, `mtls-lab` on
 * PATH as the built CLI, bash -e per block with a timeout, and the lab server started and stopped by pid.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { LabMode } from "./blocks.js";

/** The repository root (docs/test/ is two levels down). */
export const REPO_ROOT = resolve(import.meta.dirname, "..", "..");
/** The built CLI's entry: npm test builds before it tests. */
export const CLI_BIN = join(REPO_ROOT, "apps", "demo", "bin", "mtls-lab.js");
const CLI_DIST = join(REPO_ROOT, "apps", "demo", "dist", "main.js");

/** A chapter's sandbox: `work` is the blocks' working directory, `bin` holds the `mtls-lab` wrapper. */
export interface Sandbox {
  root: string;
  work: string;
  env: NodeJS.ProcessEnv;
}

/** Makes a fresh sandbox with `mtls-lab` on PATH; throws one line when the CLI is not built. */
export function createSandbox(chapter: string): Sandbox {
  if (!existsSync(CLI_DIST)) {
    throw new Error(`the CLI is not built (${CLI_DIST} is missing): run pnpm -s turbo run build --filter mtls-lab...`);
  }
  const root = mkdtempSync(join(tmpdir(), `mtls-lab-doctest-${chapter.replace(/\W+/g, "-")}-`));
  const bin = join(root, "bin");
  const work = join(root, "work");
  // nginx workers drop root to nobody; they must reach sockets under this directory.
  chmodSync(root, 0o755);
  mkdirSync(bin);
  mkdirSync(work);
  const wrapper = join(bin, "mtls-lab");
  writeFileSync(wrapper, `#!/bin/sh\nexec node ${JSON.stringify(CLI_BIN)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, HOME: root, NO_COLOR: "1" };
  // Only 127.0.0.1 is ever reached: no proxy may redirect a request elsewhere.
  for (const name of ["http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"]) delete env[name];
  env.NO_PROXY = "127.0.0.1,localhost";
  // Go builds from the standard library only; never from the module proxy.
  env.GOPROXY = "off";
  env.GOTOOLCHAIN = "local";
  return { root, work, env };
}

/** Removes a sandbox. */
export function removeSandbox(sandbox: Sandbox): void {
  rmSync(sandbox.root, { recursive: true, force: true });
}

/** What a block did. */
export interface BlockResult {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Kills a process group this runner started (detached children lead their own group). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Runs one block with bash -e in the sandbox; stdout and stderr are collected in arrival order. */
export function runBlock(sandbox: Sandbox, code: string, timeoutSeconds: number): Promise<BlockResult> {
  return new Promise((resolvePromise) => {
    const script = join(sandbox.root, "block.sh");
    writeFileSync(script, `${code}\n`);
    const child = spawn("bash", ["-e", script], {
      cwd: sandbox.work,
      env: sandbox.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutSeconds * 1000);
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolvePromise({ code: exitCode, output, timedOut });
    });
  });
}

/** A running lab server. */
export interface Lab {
  mode: LabMode;
  port: number;
  child: ChildProcess;
}

const LAB_ARGS: Record<LabMode, string[]> = { plain: [], require: ["--require"], capture: ["--capture", "captures"] };

/**
 * Starts `mtls-lab serve` (the built CLI, run by node directly so its pid is the server's) on a free port
 * with the chapter's ./kit, and resolves once it prints its address.
 */
export function startLab(sandbox: Sandbox, mode: LabMode): Promise<Lab> {
  const kit = join(sandbox.work, "kit");
  const args = [
    CLI_BIN, "serve", "--port", "0", "--host", "127.0.0.1",
    "--cert", join(kit, "server-chain.crt"), "--key", join(kit, "server.key"), "--root-ca", join(kit, "client-ca.crt"),
    ...LAB_ARGS[mode],
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: sandbox.work, env: sandbox.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      if (child.exitCode === null) child.kill("SIGKILL");
      reject(new Error(`lab server did not start (${why}): ${output.trim()}`));
    };
    const timer = setTimeout(() => fail("no address within 30 s"), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ mode, port: Number(match[1]), child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (error) => fail(error.message));
    child.on("exit", (code) => fail(`exited with ${code}`));
  });
}

/** Stops a lab server by its pid and waits for it to exit. */
export function stopLab(lab: Lab): Promise<void> {
  return new Promise((resolvePromise) => {
    if (lab.child.exitCode !== null || lab.child.signalCode !== null) return resolvePromise();
    lab.child.once("exit", () => resolvePromise());
    lab.child.kill("SIGTERM");
    setTimeout(() => lab.child.kill("SIGKILL"), 5_000).unref();
  });
}
