/**
 * HAProxy, Caddy or Apache httpd for the lab (`up --proxy NAME`): packages/config's emitter output, run in the
 * foreground by pid with its config, pid file, logs (and Caddy's storage, Apache's ServerRoot) under one
 * temporary directory, bound to 127.0.0.1, so it needs no service and leaves nothing behind.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { emit, haproxyPemPath, kitPaths, resolveInput, type EmitInput } from "@mtls-lab/config";

/** The proxies `up --proxy` runs besides nginx. */
export const LabProxyServer = { haproxy: "haproxy", caddy: "caddy", apache: "apache" } as const;
export type LabProxyServer = (typeof LabProxyServer)[keyof typeof LabProxyServer];

export interface LabProxyOptions {
  server: LabProxyServer;
  /** Directory of the kit (server-chain.crt, server.key, client-ca.crt, ...). */
  kitDir: string;
  listen: number;
  httpListen: number;
  /** The app, e.g. http://127.0.0.1:3000. */
  upstream: string;
}

/** A running proxy. */
export interface LabProxy {
  pid: number;
  dir: string;
  /** The config file it runs. */
  config: string;
  log(): string;
  stop(): Promise<void>;
}

const binaries: Record<LabProxyServer, string> = { haproxy: "haproxy", caddy: "caddy", apache: "apache2" };
const emittedFile: Record<LabProxyServer, string> = { haproxy: "haproxy/haproxy.cfg", caddy: "caddy/Caddyfile", apache: "apache/mtls-site.conf" };

/** True when the server's binary is on PATH. */
export function hasProxy(server: LabProxyServer): boolean {
  return spawnSync(binaries[server], ["-v"], { stdio: "ignore" }).error === undefined;
}

function kitFiles(dir: string): { name: string; role: string; client?: string }[] {
  const manifest = join(dir, "kit.json");
  if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, "utf8")) as { files: { name: string; role: string; client?: string }[] }).files;
  return readdirSync(dir).map((name) => (name === "client.crt" ? { name, role: "clientCert", client: "client" } : { name, role: "file" }));
}

/** Apache's main file around the emitted site: own ServerRoot, pid file, mutexes and log under `dir`. */
function apacheMain(dir: string): string {
  const modules = ["mpm_event:mod_mpm_event", "authz_core:mod_authz_core", "alias:mod_alias", "headers:mod_headers", "proxy:mod_proxy", "proxy_http:mod_proxy_http", "socache_shmcb:mod_socache_shmcb", "ssl:mod_ssl"];
  return [
    `ServerRoot ${dir}`,
    `PidFile ${dir}/httpd.pid`,
    `DefaultRuntimeDir ${dir}`,
    `Mutex file:${dir} default`,
    `ErrorLog ${dir}/logs/error.log`,
    "LogLevel info ssl:info",
    "ServerName localhost",
    // As root, Apache's children switch to a user: Debian's www-data, as its own apache2.conf does.
    ...(process.getuid?.() === 0 ? ["User www-data", "Group www-data"] : []),
    ...modules.map((m) => {
      const [name, file] = m.split(":");
      return `LoadModule ${name}_module /usr/lib/apache2/modules/${file}.so`;
    }),
    `Include ${dir}/site.conf`,
    "",
  ].join("\n");
}

/** Writes the config into `dir` and returns the command that runs it in the foreground. */
function prepare(options: LabProxyOptions, dir: string): { config: string; command: [string, string[]]; env: NodeJS.ProcessEnv } {
  const kitDir = resolve(options.kitDir);
  const paths = kitPaths({ files: kitFiles(kitDir) as Parameters<typeof kitPaths>[0]["files"] }, kitDir);
  const input: EmitInput = { paths, listen: options.listen, httpListen: options.httpListen, listenAddress: "127.0.0.1", upstream: options.upstream };
  let text = emit(options.server, input).files.find((f) => f.path === emittedFile[options.server])?.contents ?? "";
  if (options.server === "haproxy") {
    // HAProxy reads the key from the crt file: write chain + key into the run directory (0600), not the kit.
    const pem = join(dir, "server.pem");
    writeFileSync(pem, Buffer.concat([readFileSync(paths.serverChain), readFileSync(paths.serverKey)]), { mode: 0o600 });
    chmodSync(pem, 0o600);
    text = text.replaceAll(haproxyPemPath(resolveInput(input)), pem);
    const config = join(dir, "haproxy.cfg");
    writeFileSync(config, text);
    return { config, env: process.env, command: ["haproxy", ["-db", "-f", config]] };
  }
  if (options.server === "caddy") {
    const config = join(dir, "Caddyfile");
    writeFileSync(config, text);
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "config") };
    return { config, env, command: ["caddy", ["run", "--adapter", "caddyfile", "--config", config]] };
  }
  const config = join(dir, "site.conf");
  writeFileSync(config, text);
  writeFileSync(join(dir, "httpd.conf"), apacheMain(dir));
  return { config, env: { ...process.env, LANG: "C" }, command: ["apache2", ["-D", "FOREGROUND", "-f", join(dir, "httpd.conf")]] };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), done(true)));
    socket.once("error", () => done(false));
  });
}

/** Starts the proxy and resolves once it accepts connections on `listen`; throws with its own words otherwise. */
export async function startLabProxy(options: LabProxyOptions): Promise<LabProxy> {
  const dir = mkdtempSync(join(tmpdir(), `mtls-lab-${options.server}-`));
  mkdirSync(join(dir, "logs"));
  let prepared: ReturnType<typeof prepare>;
  try {
    prepared = prepare(options, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const child: ChildProcess = spawn(prepared.command[0], prepared.command[1], { env: prepared.env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let spawnError = "";
  child.on("error", (error) => (spawnError = error.message));
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const errorLog = join(dir, "logs", "error.log");
  const log = () => output + (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : "");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && !spawnError) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000).unref())]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && child.exitCode === null && !spawnError) {
    if (await accepts(options.listen)) return { pid: child.pid ?? -1, dir, config: prepared.config, log, stop };
    await new Promise((r) => setTimeout(r, 50));
  }
  const last = spawnError || log().trim().split("\n").slice(-3).join("\n");
  await stop();
  throw new Error(`${options.server} did not start on 127.0.0.1:${options.listen}: ${last || "no output"}`);
}
