/**
 * `mtls-lab ocsp --kit DIR [--port N] [--host ADDR]`: the lab's OCSP responder for a kit's client CAs, so a
 * server can ask about a client certificate at handshake time (nginx ssl_ocsp, Apache SSLOCSPEnable).
 */
import { existsSync } from "node:fs";
import { resolve, join } from "node:path";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError, fileError, usageError } from "../errors.js";
import { parsePort, untilAborted } from "../../lab/cli-support.js";
import { createOcspResponder } from "../../lab/ocsp.js";

/** The ocsp command. */
export const ocsp = defineCommand({
  name: "ocsp",
  summary: "answer OCSP requests for a kit's client CAs (revocations from kit.json, live)",
  usage: "mtls-lab ocsp --kit DIR [--port 8888] [--host 127.0.0.1]",
  details: [
    "Answers RFC 6960 requests (POST application/ocsp-request, or GET /<base64>) about certificates issued by",
    "the kit's client CA or client intermediate, signed by that CA. Revocations come from kit.json at each",
    "request: mtls-lab revoke takes effect at once. Make the kit with --ocsp-url http://127.0.0.1:8888 and the",
    "emitted nginx and Apache configs ask it (ssl_ocsp on; ssl_ocsp_responder ...; / SSLOCSPEnable on).",
    "",
    "examples:",
    "  mtls-lab ocsp --kit kit --port 8888",
    "  openssl ocsp -issuer kit/client-ca.crt -cert kit/alice.crt -url http://127.0.0.1:8888 -CAfile kit/client-ca.crt",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "the kit's directory (kit.json and the client CAs' keys)" },
    port: { type: "string", value: "PORT", description: "port to listen on (default 8888)" },
    host: { type: "string", value: "ADDR", description: "address to listen on (default 127.0.0.1)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    if (flags.kit === undefined) throw usageError("ocsp: missing --kit DIR (see mtls-lab ocsp --help)");
    if (!existsSync(resolve(io.cwd, flags.kit, "kit.json"))) throw fileError(join(flags.kit, "kit.json"), "no such file (make the kit with mtls-lab kit)");
    const port = parsePort("ocsp", "port", flags.port, 8888);
    const host = flags.host ?? "127.0.0.1";
    const responder = createOcspResponder({ dir: resolve(io.cwd, flags.kit), onAnswer: (line) => io.stdout.write(`${line}\n`) });
    let bound: number;
    try {
      bound = await responder.listen(port, host);
    } catch (error) {
      throw new CliError(`ocsp: cannot listen on ${host}:${port}: ${describeError(error)}`);
    }
    io.stdout.write(`OCSP responder for ${flags.kit} on http://${host}:${bound}/\n`);
    await untilAborted(io.signal);
    await responder.close();
    io.stdout.write("stopped\n");
    return ExitCode.ok;
  },
});
