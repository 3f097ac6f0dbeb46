/**
 * `mtls-lab probe`: does a running server ask for a client certificate, which CAs does it name, does it
 * insist, and what does it make of mine? Flags and output only; the work is in ../../probe/.
 */
import { existsSync, readFileSync } from "node:fs";
import type { CertificateInfo } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { certificatesOf, decodeFile, readCertificates } from "../certificates.js";
import { CliError, ExitCode, usageError } from "../errors.js";
import { oneOf } from "../parse.js";
import { readFlagFile } from "../../lab/cli-support.js";
import { formatProbeReport } from "../../probe/format-report.js";
import { ProbeTargetError, runProbe, type ProbeOptions } from "../../probe/probe.js";
import { parseTarget } from "../../probe/target.js";

/** Debian's and most Linux distributions' CA bundle (ca-certificates); Node's bundled roots otherwise. */
const SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

/** The probe command. */
export const probe = defineCommand({
  name: "probe",
  summary: "ask a running server whether it wants a client certificate, which CAs it accepts, and why it refuses yours",
  usage: "mtls-lab probe URL|HOST:PORT [--servername N] [--ca F] [--cert F --key F | --p12 F --password P] [--tls 1.2|1.3] [--timeout S] [--head] [--json]",
  details: [
    "Connects once without a client certificate and, with --cert/--key or --p12, once more with it. Each",
    "connection is one handshake and one GET / (HEAD with --head); nothing else is sent. Reports the TLS",
    "version and cipher, the server's chain and whether it verifies (against --ca, else the system's CA",
    "bundle) and matches the name, whether the server asks for a client certificate, the CA names and",
    "signature algorithms of its CertificateRequest (TLS 1.3's is encrypted: decoded with the connection's",
    "key log), whether it is required, and, with your certificate, the outcome and its cause.",
    "An unverified server is probed all the same, and reported as NOT VERIFIED.",
    "",
    "examples:",
    "  mtls-lab probe https://localhost:8443/ --ca .lab/server-ca.crt",
    "  mtls-lab probe 127.0.0.1:8443 --servername localhost --ca .lab/server-ca.crt --cert .lab/client-chain.crt --key .lab/client.key",
    "  mtls-lab probe localhost:8443 --ca .lab/server-ca.crt --p12 .lab/client.p12 --password changeit --tls 1.2 --json",
    "",
    "exit codes: 0 the server verified and (with a certificate) accepted it, 1 otherwise or a bad target, 2 usage error.",
  ].join("\n"),
  flags: {
    servername: { type: "string", value: "NAME", description: "name for SNI and the certificate check (default the target's host)" },
    ca: { type: "string", value: "FILE", description: "CA file for the server (default the system's CA bundle)" },
    cert: { type: "string", value: "FILE", description: "client certificate or chain, PEM (leaf first)" },
    key: { type: "string", value: "FILE", description: "client private key, PEM" },
    p12: { type: "string", value: "FILE", description: "client key and chain as PKCS#12 (instead of --cert/--key)" },
    password: { type: "string", value: "P", description: "password of the --p12 file" },
    tls: { type: "string", value: "V", description: "1.2 or 1.3 only (default: what both support)" },
    timeout: { type: "string", value: "S", description: "seconds to wait for each connection (default 10)" },
    head: { type: "boolean", description: "send HEAD / instead of GET /" },
    json: { type: "boolean", description: "print the report as JSON" },
  },
  positionals: { name: "URL|HOST:PORT", min: 1, max: 1 },
  async run(args, io) {
    const { flags } = args;
    const target = parseTarget(args.positionals[0]!, flags.servername);
    if (typeof target === "string") throw usageError(`probe: ${target}`);
    if ((flags.cert === undefined) !== (flags.key === undefined)) throw usageError("probe: --cert and --key go together");
    if (flags.p12 !== undefined && flags.cert !== undefined) throw usageError("probe: use --p12 or --cert/--key, not both");
    if (flags.password !== undefined && flags.p12 === undefined) throw usageError("probe: --password goes with --p12");
    const tls = flags.tls === undefined ? undefined : oneOf("probe", "tls", flags.tls, ["1.2", "1.3"] as const);
    const seconds = flags.timeout === undefined ? 10 : Number(flags.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw usageError(`probe: --timeout must be seconds between 0 and 600, not ${JSON.stringify(flags.timeout)}`);

    const options: ProbeOptions = {
      target,
      roots: existsSync(SYSTEM_BUNDLE) ? { description: `the system's CA bundle (${SYSTEM_BUNDLE})`, pem: readFileSync(SYSTEM_BUNDLE, "utf8") } : { description: "Node's bundled root CAs" },
      timeoutMs: seconds * 1000,
      method: flags.head ? "HEAD" : "GET",
      ...(tls ? { tls } : {}),
    };
    if (flags.ca !== undefined) {
      await readCertificates(io.cwd, flags.ca);
      options.ca = { file: flags.ca, pem: readFlagFile(io.cwd, "ca", flags.ca).toString("utf8") };
    }
    if (flags.cert !== undefined && flags.key !== undefined) {
      const chain = await readCertificates(io.cwd, flags.cert);
      options.client = {
        files: { certificate: flags.cert, key: flags.key, chain },
        credentials: { cert: readFlagFile(io.cwd, "cert", flags.cert), key: readFlagFile(io.cwd, "key", flags.key) },
      };
    } else if (flags.p12 !== undefined) {
      let chain: CertificateInfo[] = [];
      try {
        chain = certificatesOf((await decodeFile(io.cwd, flags.p12, { password: flags.password ?? "" })).items);
      } catch {
        // A wrong password: the attempt shows it (the client cannot load the file) and the cause names it.
      }
      options.client = {
        files: { certificate: flags.p12, p12: true, chain },
        credentials: { pfx: readFlagFile(io.cwd, "p12", flags.p12), passphrase: flags.password ?? "" },
      };
    }

    let report;
    try {
      report = await runProbe(options);
    } catch (error) {
      if (error instanceof ProbeTargetError) throw new CliError(`probe: ${error.message}`);
      throw error;
    }
    io.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatProbeReport(report));
    const accepted = !report.attempt || report.attempt.outcome.verdict === "accepted";
    return report.server.verified && accepted ? ExitCode.ok : ExitCode.failure;
  },
});
