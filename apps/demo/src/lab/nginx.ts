/**
 * nginx for the lab (`up --nginx`): the reverse proxy of packages/config's nginx-reverse emitter, run in the
 * foreground by pid with everything (pid, logs, temp paths) under its own prefix directory
 * (`nginx -e stderr -p DIR -c DIR/nginx.conf -g 'daemon off;'`), so it needs no root and leaves no service.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { emit, kitPaths, type ProxyAuth } from "@mtls-lab/config";

/** Where nginx listens and what it proxies to. */
export interface LabNginxOptions {
  /** Directory of the kit (server-chain.crt, server.key, client-ca.crt, ...). */
  kitDir: string;
  /** HTTPS port with mTLS. */
  listen: number;
  /** Plain HTTP port that redirects to HTTPS. */
  httpListen: number;
  /** The app, e.g. http://127.0.0.1:3000. */
  upstream: string;
  serverName?: string;
  /** How nginx proves itself to the app (a secret header or its own client certificate); default none. */
  proxyAuth?: ProxyAuth;
}

/** A running nginx. */
export interface LabNginx {
  pid: number;
  dir: string;
  /** nginx's stderr and error log so far. */
  errorLog(): string;
  stop(): Promise<void>;
}

/** True when an nginx binary is on PATH. */
export function hasNginx(): boolean {
  return spawnSync("nginx", ["-v"], { stdio: "ignore" }).error === undefined;
}

/** The kit's file list: kit.json when present, else the file names found (what kitPaths reads). */
function kitFiles(dir: string): { name: string; role: string; client?: string }[] {
  const manifest = join(dir, "kit.json");
  if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, "utf8")) as { files: { name: string; role: string; client?: string }[] }).files;
  return readdirSync(dir).map((name) => (name === "client.crt" ? { name, role: "clientCert", client: "client" } : { name, role: "file" }));
}

/** The whole nginx.conf: a prefix-local frame around the emitter's server blocks. */
export function labNginxConfig(options: LabNginxOptions, prefix: string): string {
  const kitDir = resolve(options.kitDir);
  const paths = kitPaths({ files: kitFiles(kitDir) as Parameters<typeof kitPaths>[0]["files"] }, kitDir);
  const emitted = emit("nginx-reverse", {
    paths,
    listen: options.listen,
    httpListen: options.httpListen,
    upstream: options.upstream,
    serverName: options.serverName ?? "localhost",
    ...(options.proxyAuth ? { proxyAuth: options.proxyAuth } : {}),
  });
  const servers = emitted.files[0]?.contents ?? "";
  // The lab is local: bind loopback only, not every interface as a deployment would.
  const local = servers.replace(/^(\s*listen )(\d+)( ssl)?;/gm, "$1127.0.0.1:$2$3;");
  return [
    "worker_processes 1;",
    `pid ${prefix}/nginx.pid;`,
    `error_log ${prefix}/logs/error.log notice;`,
    "events { worker_connections 1024; }",
    "http {",
    `  access_log ${prefix}/logs/access.log;`,
    `  client_body_temp_path ${prefix}/temp/body;`,
    `  proxy_temp_path ${prefix}/temp/proxy;`,
    `  fastcgi_temp_path ${prefix}/temp/fastcgi;`,
    `  uwsgi_temp_path ${prefix}/temp/uwsgi;`,
    `  scgi_temp_path ${prefix}/temp/scgi;`,
    local,
    "}",
    "",
  ].join("\n");
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });
}

/**
 * Starts nginx and resolves once it accepts connections on `listen`; throws with nginx's own words otherwise.
 * `adjust` may edit the generated nginx.conf first (the benchmark answers in the location instead of proxying).
 */
export async function startLabNginx(options: LabNginxOptions, adjust: (conf: string) => string = (conf) => conf): Promise<LabNginx> {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-nginx-"));
  mkdirSync(join(dir, "logs"));
  mkdirSync(join(dir, "temp"));
  writeFileSync(join(dir, "nginx.conf"), adjust(labNginxConfig(options, dir)));
  const child: ChildProcess = spawn("nginx", ["-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  let spawnError = "";
  child.on("error", (error) => (spawnError = error.message));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const errorLog = () => stderr + (existsSync(join(dir, "logs", "error.log")) ? readFileSync(join(dir, "logs", "error.log"), "utf8") : "");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      child.kill("SIGTERM");
      // unref: a fallback timer must not keep `mtls-lab up` alive after nginx is gone.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null && !spawnError) {
    if (await accepts(options.listen)) return { pid: child.pid ?? -1, dir, errorLog, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  const log = spawnError || errorLog().trim().split("\n").slice(-3).join("\n");
  await stop();
  throw new Error(`nginx did not start on 127.0.0.1:${options.listen}: ${log || "no output"}`);
}
