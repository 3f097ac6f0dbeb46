/**
 * HAProxy, Caddy and Apache httpd from Debian, each run in the foreground with everything under a temporary
 * directory (config, pid, logs, Caddy's storage, Apache's ServerRoot), listening on 127.0.0.1 free ports,
 * and stopped by pid. Test support only; product code never imports this.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, waitForPort, type RunResult } from "./index.js";

/** The proxies this file runs. */
export const ProxyServer = { haproxy: "haproxy", caddy: "caddy", apache: "apache" } as const;
export type ProxyServer = (typeof ProxyServer)[keyof typeof ProxyServer];

export interface ProxyHandle {
  dir: string;
  pid: number;
  /** Everything the server wrote to stderr and its error log. */
  log: () => string;
  stop: () => Promise<void>;
}

/** Caddy keeps certificates and autosaves under XDG paths: point them into `dir` (and nothing at $HOME). */
function caddyEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "config") };
}

/** Modules the emitted Apache site needs, from Debian's build. */
const apacheModules = [
  ["mpm_event_module", "mod_mpm_event.so"],
  ["authz_core_module", "mod_authz_core.so"],
  ["alias_module", "mod_alias.so"],
  ["headers_module", "mod_headers.so"],
  ["proxy_module", "mod_proxy.so"],
  ["proxy_http_module", "mod_proxy_http.so"],
  ["socache_shmcb_module", "mod_socache_shmcb.so"],
  ["ssl_module", "mod_ssl.so"],
] as const;

/** Apache's main file around the emitted site: its own ServerRoot, pid file, mutexes and logs under `dir`. */
function apacheMain(dir: string): string {
  return [
    `ServerRoot ${dir}`,
    `PidFile ${dir}/httpd.pid`,
    `DefaultRuntimeDir ${dir}`,
    `Mutex file:${dir} default`,
    `ErrorLog ${dir}/logs/error.log`,
    "LogLevel info ssl:info",
    "ServerName localhost",
    // As root, Apache's children switch to this user (Debian's www-data); the parent keeps the keys it read.
    ...(process.getuid?.() === 0 ? ["User www-data", "Group www-data"] : []),
    "StartServers 1",
    "ThreadsPerChild 8",
    "ServerLimit 1",
    "MaxRequestWorkers 8",
    ...apacheModules.map(([name, file]) => `LoadModule ${name} /usr/lib/apache2/modules/${file}`),
    `Include ${dir}/site.conf`,
    "",
  ].join("\n");
}

/** Writes the config into a fresh directory; returns the directory and the config check command. */
function prepare(server: ProxyServer, config: string): { dir: string; check: [string, string[]]; start: [string, string[]]; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), `mtls-lab-${server}-`));
  mkdirSync(join(dir, "logs"));
  if (server === "haproxy") {
    writeFileSync(join(dir, "haproxy.cfg"), config);
    return { dir, env: process.env, check: ["haproxy", ["-c", "-f", join(dir, "haproxy.cfg")]], start: ["haproxy", ["-db", "-f", join(dir, "haproxy.cfg"), "-p", join(dir, "haproxy.pid")]] };
  }
  if (server === "caddy") {
    writeFileSync(join(dir, "Caddyfile"), config);
    const args = ["--adapter", "caddyfile", "--config", join(dir, "Caddyfile")];
    return { dir, env: caddyEnv(dir), check: ["caddy", ["validate", ...args]], start: ["caddy", ["run", ...args]] };
  }
  writeFileSync(join(dir, "site.conf"), config);
  writeFileSync(join(dir, "httpd.conf"), apacheMain(dir));
  return { dir, env: { ...process.env, LANG: "C" }, check: ["apache2", ["-t", "-f", join(dir, "httpd.conf")]], start: ["apache2", ["-D", "FOREGROUND", "-f", join(dir, "httpd.conf")]] };
}

/** The server's own config check (`haproxy -c`, `caddy validate`, `apache2 -t`) on `config`. */
export async function checkProxyConfig(server: ProxyServer, config: string): Promise<RunResult & { ok: boolean }> {
  const { dir, check, env } = prepare(server, config);
  try {
    const result = await run(check[0], check[1], { env, timeoutMs: 30_000 });
    return { ...result, ok: result.code === 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts `server` with `config` in the foreground and waits until every port in `ports` accepts connections. */
export async function startProxy(server: ProxyServer, config: string, ports: number[]): Promise<ProxyHandle> {
  const { dir, start, env } = prepare(server, config);
  const child: ChildProcess = spawn(start[0], start[1], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const errorLog = join(dir, "logs", "error.log");
  const handle: ProxyHandle = {
    dir,
    pid: child.pid ?? -1,
    log: () => output + (existsSync(errorLog) ? readFileSync(errorLog, "utf8") : ""),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGKILL");
          await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const port of ports) {
    if (!(await waitForPort(port, 20_000, () => child.exitCode !== null))) {
      const log = handle.log();
      await handle.stop();
      throw new Error(`${server} did not listen on 127.0.0.1:${port}:\n${log}`);
    }
  }
  return handle;
}
