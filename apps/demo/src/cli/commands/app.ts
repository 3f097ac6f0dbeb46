/**
 * `mtls-lab app`: the plain HTTP app behind the nginx mTLS proxy. It believes the forwarded identity headers
 * only from loopback, so run it on the machine nginx runs on.
 */
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError } from "../errors.js";
import { parsePort, untilAborted } from "../../lab/cli-support.js";
import { createApp } from "../../lab/app.js";

/** The app command. */
export const app = defineCommand({
  name: "app",
  summary: "run the plain HTTP app that nginx proxies to, answering with the identity nginx verified",
  usage: "mtls-lab app [--port 3000] [--host 127.0.0.1]",
  details: [
    "Routes: / (what the proxy forwarded), /api/test (200 with the verified identity, else 401), /healthz.",
    "X-SSL-Client-* headers count only from loopback: anyone else sending them is ignored.",
  ].join("\n"),
  flags: {
    port: { type: "string", value: "PORT", description: "port to listen on (default 3000)" },
    host: { type: "string", value: "ADDR", description: "address to listen on (default 127.0.0.1)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  runsUntilStopped: true,
  async run(args, io) {
    const port = parsePort("app", "port", args.flags.port, 3000);
    const host = args.flags.host ?? "127.0.0.1";
    const server = createApp();
    let bound: number;
    try {
      bound = await server.listen(port, host);
    } catch (error) {
      throw new CliError(`app: cannot listen on ${host}:${port}: ${describeError(error)}`);
    }
    io.stdout.write(`app on http://${host.includes(":") ? `[${host}]` : host}:${bound}/ (identity headers trusted from loopback only)\n`);
    await untilAborted(io.signal);
    await server.close();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
