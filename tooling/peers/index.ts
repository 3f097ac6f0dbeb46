/**
 * Real peers for tests: free loopback ports, nginx run by pid in a temporary prefix, and a bounded
 * command runner. Test support only; product code never imports this.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A port that was free on 127.0.0.1 a moment ago (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A temporary directory removed by `cleanup()`. */
export function tempDir(prefix = "mtls-lab-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command to completion with a hard timeout (against hangs), never through a shell. */
export function run(
  command: string,
  args: string[],
  options: { input?: string | Uint8Array; timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 30_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(error), timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** True when `command` is on PATH. */
export function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}

export interface NginxHandle {
  /** The prefix directory: conf, logs and temp paths live here. */
  dir: string;
  pid: number;
  errorLog: () => string;
  accessLog: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts Debian's nginx in the foreground with everything under a temporary prefix (nginx(8):
 * `nginx -e stderr -p DIR -c DIR/nginx.conf -g 'daemon off;'`). `httpBlock` is the inside of `http { }`;
 * the wrapper adds pid, temp paths and logs. Waits until every port in `ports` accepts connections.
 */
export async function startNginx(httpBlock: string, ports: number[], options: { files?: Record<string, string | Uint8Array>; streamBlock?: string } = {}): Promise<NginxHandle> {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-nginx-"));
  mkdirSync(join(dir, "logs"));
  mkdirSync(join(dir, "temp"));
  for (const [name, contents] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), contents);
  const conf = [
    "worker_processes 1;",
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/logs/error.log info;`,
    "events { worker_connections 1024; }",
    "http {",
    `  access_log ${dir}/logs/access.log;`,
    `  client_body_temp_path ${dir}/temp/body;`,
    `  proxy_temp_path ${dir}/temp/proxy;`,
    `  fastcgi_temp_path ${dir}/temp/fastcgi;`,
    `  uwsgi_temp_path ${dir}/temp/uwsgi;`,
    `  scgi_temp_path ${dir}/temp/scgi;`,
    httpBlock,
    "}",
    options.streamBlock ? `stream {\n${options.streamBlock}\n}` : "",
  ].join("\n");
  writeFileSync(join(dir, "nginx.conf"), conf);
  const child: ChildProcess = spawn("nginx", ["-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const read = (name: string) => (existsSync(join(dir, "logs", name)) ? readFileSync(join(dir, "logs", name), "utf8") : "");
  const handle: NginxHandle = {
    dir,
    pid: child.pid ?? -1,
    errorLog: () => stderr + read("error.log"),
    accessLog: () => read("access.log"),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // nginx writes its pid file only once every listening socket is bound. A port that another process took
  // after freePort() makes nginx retry bind() for 2.5 s and exit, while that other process (or nginx's other,
  // already bound sockets) answer connections: waiting for ports alone would return a dying nginx.
  const pidFile = join(dir, "nginx.pid");
  const deadline = Date.now() + 20_000;
  while (!existsSync(pidFile) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(pidFile)) {
    const log = handle.errorLog();
    await handle.stop();
    throw new Error(`nginx did not start (no pid file):\n${log}`);
  }
  for (const port of ports) {
    if (!(await waitForPort(port, 10_000, () => child.exitCode !== null))) {
      const log = handle.errorLog();
      await handle.stop();
      throw new Error(`nginx did not listen on 127.0.0.1:${port}:\n${log}`);
    }
  }
  return handle;
}

/** Polls until 127.0.0.1:port accepts a TCP connection, or gives up. */
export async function waitForPort(port: number, timeoutMs = 10_000, abort: () => boolean = () => false): Promise<boolean> {
  const { connect } = await import("node:net");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !abort()) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}
export * from "./proxies.js";
