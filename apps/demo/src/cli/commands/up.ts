/**
 * `mtls-lab up`: the local lab in one command (kit, demo server, optionally nginx + app and the site),
 * with the commands to try printed; Ctrl-C stops everything it started.
 */
import { resolve } from "node:path";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError } from "../errors.js";
import { checkOutputDir } from "../output-path.js";
import { parsePort, untilAborted } from "../../lab/cli-support.js";
import { startLab } from "../../lab/up.js";

/** The up command. */
export const up = defineCommand({
  name: "up",
  summary: "start the local lab: kit in .lab/, demo server on 9443, with --nginx nginx on 8443 in front of the app",
  usage: "mtls-lab up [--nginx] [--port 9443] [--nginx-port 8443] [--app-port 3000] [--site DIR --site-port 3000] [--dir .lab] [--capture DIR] [--require]",
  details: [
    "Makes a kit in .lab/ (git-ignored) if there is none, then prints curl commands with and without the",
    "client certificate. `npm start` runs `mtls-lab up --nginx --site apps/web/out` (the app then takes a free port).",
  ].join("\n"),
  flags: {
    nginx: { type: "boolean", description: "also run nginx (if installed) as the mTLS reverse proxy in front of the app" },
    port: { type: "string", value: "PORT", description: "demo server port (default 9443)" },
    "nginx-port": { type: "string", value: "PORT", description: "nginx HTTPS port (default 8443)" },
    "app-port": { type: "string", value: "PORT", description: "app port (default 3000, a free one with --site)" },
    site: { type: "string", value: "DIR", description: "also serve this built site (apps/web/out)" },
    "site-port": { type: "string", value: "PORT", description: "site port (default 3000)" },
    dir: { type: "string", value: "DIR", description: "kit directory (default .lab)" },
    capture: { type: "string", value: "DIR", description: "capture each demo-server connection into DIR" },
    require: { type: "boolean", description: "the demo server refuses clients without a valid certificate" },
  },
  positionals: { name: "", min: 0, max: 0 },
  runsUntilStopped: true,
  async run(args, io) {
    const { flags } = args;
    const capture = flags.capture !== undefined ? checkOutputDir(io.cwd, flags.capture) : undefined;
    const dir = checkOutputDir(io.cwd, flags.dir ?? ".lab");
    let lab;
    try {
      lab = await startLab({
        cwd: io.cwd,
        dir,
        port: parsePort("up", "port", flags.port, 9443),
        nginx: flags.nginx === true,
        nginxPort: parsePort("up", "nginx-port", flags["nginx-port"], 8443),
        ...(flags["app-port"] !== undefined ? { appPort: parsePort("up", "app-port", flags["app-port"], 3000) } : {}),
        ...(flags.site !== undefined ? { site: resolve(io.cwd, flags.site), sitePort: parsePort("up", "site-port", flags["site-port"], 3000) } : {}),
        ...(capture !== undefined ? { capture } : {}),
        require: flags.require === true,
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
