/**
 * `mtls-lab request`: one HTTPS request with a client certificate. The server is always verified; on a
 * failure it prints the error code and what it means instead of a stack trace.
 */
import { defineCommand } from "../command.js";
import { CliError, ExitCode } from "../errors.js";
import { readFlagFile } from "../../lab/cli-support.js";
import { sendRequest } from "../../lab/request.js";

/** The request command. */
export const request = defineCommand({
  name: "request",
  summary: "send one HTTPS request with a client certificate; on failure, say why",
  usage: "mtls-lab request --url URL [--cert FILE --key FILE] [--p12 FILE --password P] [--root-ca FILE...]",
  details: [
    "The server certificate is always verified: against --root-ca when given, else the system's CAs.",
    "",
    "examples:",
    "  mtls-lab request --url https://localhost:9443/api/test --root-ca .lab/server-ca.crt --cert .lab/client.crt --key .lab/client.key",
    "  mtls-lab request --url https://localhost:9443/api/test --root-ca .lab/server-ca.crt --p12 .lab/client.p12 --password changeit",
    "",
    "exit codes: 0 a 2xx or 3xx answer, 1 an error status or a failed connection, 2 usage error.",
  ].join("\n"),
  flags: {
    url: { type: "string", value: "URL", description: "https URL to request (required)" },
    cert: { type: "string", value: "FILE", description: "client certificate (or chain), PEM" },
    key: { type: "string", value: "FILE", description: "client private key, PEM" },
    p12: { type: "string", value: "FILE", description: "client key and certificate as PKCS#12 (instead of --cert/--key)" },
    password: { type: "string", value: "P", description: "password of the --p12 file" },
    "root-ca": { type: "string", multiple: true, value: "FILE", description: "CA that issued the server certificate (default: system CAs)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    if (flags.url === undefined) throw new CliError("request: missing --url URL (see mtls-lab request --help)", ExitCode.usage);
    if ((flags.cert === undefined) !== (flags.key === undefined)) throw new CliError("request: --cert and --key go together", ExitCode.usage);
    if (flags.p12 !== undefined && flags.cert !== undefined) throw new CliError("request: use --p12 or --cert/--key, not both", ExitCode.usage);
    const outcome = await sendRequest({
      url: flags.url,
      ...(flags.cert !== undefined ? { cert: readFlagFile(io.cwd, "cert", flags.cert) } : {}),
      ...(flags.key !== undefined ? { key: readFlagFile(io.cwd, "key", flags.key) } : {}),
      ...(flags.p12 !== undefined ? { pfx: readFlagFile(io.cwd, "p12", flags.p12), passphrase: flags.password ?? "" } : {}),
      ...(flags["root-ca"] ? { ca: flags["root-ca"].map((file) => readFlagFile(io.cwd, "root-ca", file)) } : {}),
    });
    if (!outcome.ok) {
      const { title, explanation, fix } = outcome.explanation;
      io.stderr.write(`mtls-lab: request failed: ${outcome.code}: ${outcome.message}\n  ${title}: ${explanation}\n  fix: ${fix}\n`);
      return ExitCode.failure;
    }
    io.stdout.write(`HTTP ${outcome.status} (${outcome.tls.version ?? "TLS"}, ${outcome.tls.cipher ?? "cipher unknown"})\n`);
    io.stdout.write(outcome.body.endsWith("\n") ? outcome.body : `${outcome.body}\n`);
    return outcome.status < 400 ? ExitCode.ok : ExitCode.failure;
  },
});
