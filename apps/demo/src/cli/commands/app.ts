/**
 * `mtls-lab app`: the plain HTTP app behind the mTLS proxy. It believes the forwarded identity (RFC 9440
 * Client-Cert or nginx's X-SSL-Client-*) only from the proxy's address: loopback, or exactly --proxy ADDR.
 */
import { isIP } from "node:net";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { parsePort, untilAborted } from "../../lab/cli-support.js";
import { createApp } from "../../lab/app.js";
import { trustOnly } from "../../lab/forwarded-identity.js";

/** The app command. */
export const app = defineCommand({
  name: "app",
  summary: "run the plain HTTP app that the mTLS proxy forwards to, answering with the identity the proxy verified",
  usage: "mtls-lab app [--port 3000] [--host 127.0.0.1] [--proxy ADDR]",
  details: [
    "Routes: / (what the proxy forwarded), /api/test (200 with the verified identity, else 401), /healthz.",
    "Identity: RFC 9440 Client-Cert (HAProxy, Caddy, Apache) or nginx's X-SSL-Client-* headers, and only from",
    "the proxy's address: loopback by default, exactly ADDR with --proxy. Anyone else sending them is ignored.",
  ].join("\n"),
  flags: {
    port: { type: "string", value: "PORT", description: "port to listen on (default 3000)" },
    host: { type: "string", value: "ADDR", description: "address to listen on (default 127.0.0.1)" },
    proxy: { type: "string", value: "ADDR", description: "the one proxy address whose identity headers count (default: any loopback address)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const port = parsePort("app", "port", args.flags.port, 3000);
    const host = args.flags.host ?? "127.0.0.1";
    const proxy = args.flags.proxy;
    if (proxy !== undefined && isIP(proxy.replace(/^\[|\]$/g, "")) === 0) throw usageError(`app: --proxy must be an IP address (the proxy's), not ${JSON.stringify(proxy)}`);
    const server = createApp(proxy === undefined ? {} : { trustProxy: trustOnly(proxy) });
    let bound: number;
    try {
      bound = await server.listen(port, host);
    } catch (error) {
      throw new CliError(`app: cannot listen on ${host}:${port}: ${describeError(error)}`);
    }
    io.stdout.write(`app on http://${host.includes(":") ? `[${host}]` : host}:${bound}/ (identity headers trusted from ${proxy ?? "loopback"} only)\n`);
    await untilAborted(io.signal);
    await server.close();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
