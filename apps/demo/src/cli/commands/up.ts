/**
 * `mtls-lab up`: the local lab in one command (kit, demo server, optionally a proxy (nginx, HAProxy, Caddy,
 * Apache) + app and the site),
 * with the commands to try printed; Ctrl-C stops everything it started.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { checkOutputDir } from "../output-path.js";
import { parsePort, untilAborted } from "../../lab/cli-support.js";
import { startLab } from "../../lab/up.js";

/** The package's own folder: the installed npm package, or apps/demo in a clone. */
const packageDir = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * Where the site comes from: --site, else the built site the npm package ships beside dist/ (site/, copied in
 * by apps/demo/scripts/pack-site.mjs while it is packed), else none. A clone has src/ and passes
 * `--site apps/web/out` (`npm start`); its site/ only exists while `pnpm pack` runs, so it is not used there.
 */
function siteDir(flag: string | undefined, cwd: string): string | undefined {
  if (flag !== undefined) return resolve(cwd, flag);
  const shipped = join(packageDir, "site");
  const installed = !existsSync(join(packageDir, "src"));
  return installed && existsSync(join(shipped, "index.html")) ? shipped : undefined;
}

/** The up command. */
export const up = defineCommand({
  name: "up",
  summary: "start the local lab: kit in .lab/, demo server on 9443, with --proxy NAME (or --nginx) a proxy on 8443 in front of the app",
  usage: "mtls-lab up [--proxy nginx|haproxy|caddy|apache | --nginx] [--port 9443] [--proxy-port 8443] [--app-port 3000] [--site DIR --site-port 3000] [--dir .lab] [--capture DIR] [--require]",
  details: [
    "Makes a kit in .lab/ (git-ignored) if there is none, then prints curl commands with and without the",
    "client certificate. A --dir that holds another kit (kit.json, server-ca.crt, ... but not the lab's",
    "client.crt, client.key, client.p12) is refused, never written over; --force replaces it with a lab kit.",
    "Installed from npm (`npx mtls-lab up`), it also serves the workbench site it ships on",
    "port 3000. In a clone, `npm start` runs `mtls-lab up --nginx --site apps/web/out` (the app then takes a free port).",
  ].join("\n"),
  flags: {
    nginx: { type: "boolean", description: "also run nginx (if installed) as the mTLS reverse proxy in front of the app (= --proxy nginx)" },
    proxy: { type: "string", value: "NAME", description: "run this mTLS reverse proxy (if installed) in front of the app: nginx, haproxy, caddy or apache" },
    "proxy-port": { type: "string", value: "PORT", description: "the proxy's HTTPS port (default 8443; --nginx-port is the same)" },
    port: { type: "string", value: "PORT", description: "demo server port (default 9443)" },
    "nginx-port": { type: "string", value: "PORT", description: "nginx HTTPS port (default 8443), the same as --proxy-port" },
    "app-port": { type: "string", value: "PORT", description: "app port (default 3000, a free one with --site)" },
    site: { type: "string", value: "DIR", description: "serve this built site (apps/web/out); default: the site shipped in the npm package" },
    "site-port": { type: "string", value: "PORT", description: "site port (default 3000)" },
    dir: { type: "string", value: "DIR", description: "kit directory (default .lab)" },
    capture: { type: "string", value: "DIR", description: "capture each demo-server connection into DIR" },
    require: { type: "boolean", description: "the demo server refuses clients without a valid certificate" },
    force: { type: "boolean", description: "write a new lab kit over a kit in --dir that is not a lab kit (replacing its files)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  runsUntilStopped: true,
  async run(args, io) {
    const { flags } = args;
    const proxies = ["nginx", "haproxy", "caddy", "apache"] as const;
    const proxy = flags.proxy as (typeof proxies)[number] | undefined;
    if (proxy !== undefined && !proxies.includes(proxy)) throw usageError(`up: --proxy must be one of ${proxies.join(", ")}, not ${JSON.stringify(flags.proxy)}`);
    if (proxy !== undefined && flags.nginx === true && proxy !== "nginx") throw usageError(`up: --nginx and --proxy ${proxy} name two proxies; pick one`);
    const proxyPortFlag = flags["proxy-port"] !== undefined ? "proxy-port" : "nginx-port";
    const site = siteDir(flags.site, io.cwd);
    if (site === undefined) {
      io.stderr.write("up: no workbench site here: open https://mtls-lab.github.io/mtls-lab/, or build apps/web and pass --site apps/web/out\n");
    }
    const capture = flags.capture !== undefined ? checkOutputDir(io.cwd, flags.capture) : undefined;
    const dir = checkOutputDir(io.cwd, flags.dir ?? ".lab");
    let lab;
    try {
      lab = await startLab({
        cwd: io.cwd,
        dir,
        port: parsePort("up", "port", flags.port, 9443),
        nginx: flags.nginx === true,
        ...(proxy !== undefined ? { proxy } : {}),
        nginxPort: parsePort("up", proxyPortFlag, flags[proxyPortFlag], 8443),
        ...(flags["app-port"] !== undefined ? { appPort: parsePort("up", "app-port", flags["app-port"], 3000) } : {}),
        ...(site !== undefined ? { site, sitePort: parsePort("up", "site-port", flags["site-port"], 3000) } : {}),
        ...(capture !== undefined ? { capture } : {}),
        require: flags.require === true,
        force: flags.force === true,
        log: (line) => io.stderr.write(`up: ${line}\n`),
      });
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`up: ${describeError(error)}`);
    }
    io.stdout.write(lab.instructions);
    await untilAborted(io.signal);
    await lab.stop();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
