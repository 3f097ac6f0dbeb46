/**
 * `mtls-lab verify <leaf> --trust F`: does this certificate chain verify, as OpenSSL (Node, nginx,
 * curl) would judge it? Exit 0 valid, 1 not valid or bad input, 2 usage error.
 */
import { readInputFile } from "../files.js";
import { explainVerifyError, verifyChain, type CertificateInfo, type VerifyResult } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { jsonDocument } from "../output.js";
import { readCertificates } from "../certificates.js";
import { CliError, ExitCode, describeError } from "../errors.js";
import { oneOf, parseTime } from "../parse.js";

/** The verify command. */
export const verify = defineCommand({
  name: "verify",
  summary: "check a certificate chain against trust anchors, as OpenSSL, Node and nginx do",
  usage: "mtls-lab verify <leaf> --trust FILE [--chain FILE] [--purpose server|client] [--host NAME] [--at ISO]\n                       [--crl FILE... [--crl-check all|leaf]] [--json]",
  details: [
    "<leaf> is the certificate to check; if the file holds more certificates (a chain file such as",
    "server-chain.crt), the ones after the first are used as intermediates. --trust holds the trust",
    "anchors (CA certificates), --chain more intermediates. Errors carry Node's codes",
    "(UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED, INVALID_PURPOSE, ...).",
    "",
    "examples:",
    "  mtls-lab verify kit/server-chain.crt --trust kit/server-ca.crt --purpose server --host localhost",
    "  mtls-lab verify kit/client.crt --chain kit/client-intermediate.crt --trust kit/client-ca.crt --purpose client",
    "",
    "exit codes: 0 the chain is valid, 1 it is not (or a file is bad), 2 usage error.",
  ].join("\n"),
  flags: {
    trust: { type: "string", value: "FILE", description: "trust anchors: the CA certificate(s) to trust (required)" },
    chain: { type: "string", value: "FILE", description: "intermediate certificates" },
    purpose: { type: "string", value: "P", description: "server or client: the extended key usage the leaf must allow (default client, server with --host)" },
    host: { type: "string", value: "NAME", description: "DNS name or IP the server certificate must carry" },
    at: { type: "string", value: "ISO", description: "verify at this time instead of now" },
    crl: { type: "string", multiple: true, value: "FILE", description: "CRLs (PEM or DER) to check revocation against, as nginx ssl_crl does" },
    "crl-check": { type: "string", value: "M", description: "all (default: every certificate of the chain, as servers do) or leaf (openssl -crl_check)" },
    json: { type: "boolean", description: "print the result as JSON" },
  },
  positionals: { name: "<leaf>", min: 1, max: 1 },
  async run(args, io) {
    const { flags } = args;
    const leafFile = args.positionals[0] as string;
    if (flags.trust === undefined) throw new CliError("verify: missing --trust FILE (see mtls-lab verify --help)", ExitCode.usage);
    // A host only makes sense for a server certificate; otherwise the package's default (client) applies.
    const purpose =
      flags.purpose === undefined ? (flags.host !== undefined ? "server" : "client") : oneOf("verify", "purpose", flags.purpose, ["server", "client"] as const);
    const at = flags.at === undefined ? undefined : parseTime("verify", "at", flags.at);
    if (flags["crl-check"] !== undefined && flags.crl === undefined) throw new CliError("verify: --crl-check needs --crl FILE", ExitCode.usage);
    const crlCheck = flags["crl-check"] === undefined ? undefined : oneOf("verify", "crl-check", flags["crl-check"], ["all", "leaf"] as const);
    const crls = flags.crl === undefined ? undefined : await Promise.all(flags.crl.map((file) => readInputFile(io.cwd, file)));

    const [leaf, ...bundled] = await readCertificates(io.cwd, leafFile);
    const chain = flags.chain === undefined ? [] : await readCertificates(io.cwd, flags.chain);
    const anchors = await readCertificates(io.cwd, flags.trust);
    if (!leaf) throw new CliError(`${leafFile}: holds no certificate`);

    let result: VerifyResult;
    try {
      result = await verifyChain({
        // The decoded certificates themselves: verify takes decode's model, it does not parse them again.
        leaf,
        intermediates: [...bundled, ...chain],
        trustAnchors: anchors,
        purpose,
        ...(flags.host !== undefined ? { host: flags.host } : {}),
        ...(at ? { at } : {}),
        ...(crls ? { crls: crls.map((bytes) => (isPem(bytes) ? new TextDecoder().decode(bytes) : bytes)), ...(crlCheck ? { crlCheck } : {}) } : {}),
      });
    } catch (error) {
      throw new CliError(`verify: ${describeError(error)}`);
    }
    if (flags.json) {
      io.stdout.write(jsonDocument(result));
    } else {
      io.stdout.write(formatResult(leafFile, leaf, result, purpose, flags.purpose === undefined));
    }
    return result.valid ? ExitCode.ok : ExitCode.failure;
  },
});

function formatResult(file: string, leaf: CertificateInfo, result: VerifyResult, purpose: "server" | "client", guessed: boolean): string {
  const lines: string[] = [];
  const path = result.path.length > 0 ? result.path.join(" <- ") : leaf.subject;
  const checkedAs = `checked as a ${purpose} certificate${guessed ? ` (--purpose ${purpose === "client" ? "server" : "client"} for the other side)` : ""}`;
  if (result.valid) {
    lines.push(`${file}: OK, ${checkedAs}`, `  path: ${path}`);
    return `${lines.join("\n")}\n`;
  }
  lines.push(`${file}: FAILED, ${checkedAs}`, `  subject: ${leaf.subject}`);
  for (const error of result.errors) lines.push(`  depth ${error.depth}: ${error.code}: ${error.message}`);
  const first = result.firstError;
  const last = result.lastError;
  if (first && last && first !== last) {
    // Node and nginx report the last error found, openssl verify and curl the first (docs/troubleshooting-codes.md).
    lines.push(`  Node and nginx report ${last}; openssl verify and curl report ${first}`);
  }
  const code = last ?? first ?? result.errors.at(-1)?.code;
  if (code) {
    const failing = result.errors.find((error) => error.code === code);
    const subject = failing === undefined ? undefined : result.path[failing.depth];
    const explained = explainVerifyError(code, { side: purpose, ...(subject ? { subject } : {}) });
    lines.push(`  why: ${explained.explanation}`, `  fix: ${explained.fix}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A PEM file starts with "-----BEGIN" (after optional whitespace); anything else is taken as DER. */
function isPem(bytes: Uint8Array): boolean {
  return /^\s*-----BEGIN /.test(new TextDecoder().decode(bytes.subarray(0, 64)));
}
