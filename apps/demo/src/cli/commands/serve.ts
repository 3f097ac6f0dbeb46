/**
 * `mtls-lab serve`: the demo mTLS server. Without --require it completes every handshake and answers each
 * request with why the client certificate passed or failed; with --require bad clients are refused.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError } from "../errors.js";
import { checkOutputDir } from "../output-path.js";
import { parsePort, readFlagFile, untilAborted } from "../../lab/cli-support.js";
import { createServer } from "../../lab/server.js";

/** The serve command. */
export const serve = defineCommand({
  name: "serve",
  summary: "run the demo mTLS server that explains why a client certificate passed or failed",
  usage: "mtls-lab serve [--cert FILE --key FILE] [--root-ca FILE...] [--port 9443] [--host 127.0.0.1] [--require] [--capture DIR]",
  details: [
    "Without --cert/--key it uses the lab kit in .lab/ (server-chain.crt, server.key, client-ca.crt);",
    "`mtls-lab up` makes one. Routes: / (the JSON verdict), /api/test (200 only for a valid client",
    "certificate, else 401), /healthz.",
    "",
    "examples:",
    "  mtls-lab serve",
    "  mtls-lab serve --cert kit/server-chain.crt --key kit/server.key --root-ca kit/client-ca.crt --require",
    "  mtls-lab serve --capture captures   # then: mtls-lab explain captures/<file>.json",
  ].join("\n"),
  flags: {
    cert: { type: "string", value: "FILE", description: "server certificate chain, leaf first (default .lab/server-chain.crt)" },
    key: { type: "string", value: "FILE", description: "server private key (default .lab/server.key)" },
    "root-ca": { type: "string", multiple: true, value: "FILE", description: "CA trusted for client certificates (default .lab/client-ca.crt)" },
    port: { type: "string", value: "PORT", description: "port to listen on (default 9443, 0 picks a free one)" },
    host: { type: "string", value: "ADDR", description: "address to listen on (default 127.0.0.1)" },
    require: { type: "boolean", description: "refuse clients without a valid certificate in the handshake" },
    capture: { type: "string", value: "DIR", description: "write each connection's bytes and key log to DIR (one JSON file each)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  runsUntilStopped: true,
  async run(args, io) {
    const { flags } = args;
    if ((flags.cert === undefined) !== (flags.key === undefined)) throw new CliError("serve: --cert and --key go together", ExitCode.usage);
    const port = parsePort("serve", "port", flags.port, 9443);
    const capture = flags.capture !== undefined ? checkOutputDir(io.cwd, flags.capture) : undefined;
    const lab = join(io.cwd, ".lab");
    const pick = (flag: string, given: string | undefined, fallback: string) => {
      if (given !== undefined) return readFlagFile(io.cwd, flag, given);
      if (!existsSync(join(lab, fallback))) throw new CliError(`serve: no --${flag} and no .lab/${fallback} (run \`mtls-lab up\` once to make the lab kit)`);
      return readFlagFile(io.cwd, flag, join(lab, fallback));
    };
    const cert = pick("cert", flags.cert, "server-chain.crt");
    const key = pick("key", flags.key, "server.key");
    const ca = flags["root-ca"]?.map((file) => readFlagFile(io.cwd, "root-ca", file)) ?? [pick("root-ca", undefined, "client-ca.crt")];
    let server;
    try {
      server = createServer({
        cert, key, ca,
        require: flags.require === true,
        ...(capture !== undefined ? { capture: { dir: capture } } : {}),
        onTlsError: (line) => io.stderr.write(`serve: handshake failed: ${line}\n`),
        onCaptureError: (line) => io.stderr.write(`serve: capture: ${line}\n`),
      });
    } catch (error) {
      throw new CliError(`serve: the certificate, key or CA file is not usable: ${describeError(error)}`);
    }
    const host = flags.host ?? "127.0.0.1";
    let bound: number;
    try {
      bound = await server.listen(port, host);
    } catch (error) {
      throw new CliError(`serve: cannot listen on ${host}:${port}: ${describeError(error)}`);
    }
    const mode = flags.require ? "refusing clients without a valid certificate" : "explaining every client certificate";
    io.stdout.write(`serving https://${host.includes(":") ? `[${host}]` : host}:${bound}/ (${mode})${flags.capture ? `, capturing into ${flags.capture}` : ""}\n`);
    await untilAborted(io.signal);
    await server.close();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
