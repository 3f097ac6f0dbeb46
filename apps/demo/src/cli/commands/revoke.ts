/**
 * `mtls-lab revoke --kit DIR CLIENT [--reason R]` and `mtls-lab crl --kit DIR [--days N]`: a kit's client-side
 * CRLs kept in step with its kit.json. revoke lists the client and re-signs; crl re-signs with the same list
 * (before nextUpdate passes, or every client is refused). Every file is written atomically, kit.json last.
 */
import { CrlReason, KitFileName, kitCrlFiles, updateKitCrls, type KitCrlResult, type KitManifest } from "@mtls-lab/x509";
import { join, resolve } from "node:path";
import { defineCommand, type CommandIo } from "../command.js";
import { readKitManifest } from "../config-input.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { readInputText, writeOutputFiles } from "../files.js";
import { oneOf, parsePositiveInt } from "../parse.js";

async function readNeeded(io: CommandIo, dir: string, names: string[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readInputText(io.cwd, join(dir, name));
  return files;
}

async function writeResult(io: CommandIo, dir: string, result: KitCrlResult): Promise<void> {
  const target = resolve(io.cwd, dir);
  // The CRLs first, kit.json last: an interrupted run leaves a kit.json that still describes the old CRLs'
  // numbers, so the next run signs a higher number than anything written.
  await writeOutputFiles(target, result.files.map((f) => ({ path: f.name, contents: f.contents, mode: f.mode })), dir);
  await writeOutputFiles(target, [{ path: KitFileName.manifest, contents: `${JSON.stringify(result.manifest, null, 2)}\n` }], dir);
}

function summary(dir: string, manifest: KitManifest): string {
  const lines = (manifest.crls ?? []).map((c) => `  ${join(dir, c.name)}  CRL number ${c.crlNumber}, next update ${c.nextUpdate}`);
  lines.push(`  ${join(dir, KitFileName.clientCrls)}  all of them, for the server (nginx ssl_crl, HAProxy crl-file, Apache SSLCARevocationFile)`);
  const revoked = manifest.revoked ?? [];
  lines.push(revoked.length === 0 ? "revoked: none" : `revoked: ${revoked.map((r) => `${r.client} (serial ${r.serialNumber}${r.reason ? `, ${r.reason}` : ""})`).join(", ")}`);
  lines.push("reload the server so it reads the new CRL file (nginx -s reload; Node: restart with the new crl option).");
  return `${lines.join("\n")}\n`;
}

async function run(io: CommandIo, command: string, dir: string, options: { revoke?: { client: string; reason?: CrlReason }; days?: number }) {
  const manifest = await readKitManifest(io.cwd, dir);
  let names: string[];
  try {
    names = kitCrlFiles(manifest, options.revoke);
  } catch (error) {
    throw new CliError(`${command}: ${describeError(error)}`);
  }
  const files = await readNeeded(io, dir, names);
  let result: KitCrlResult;
  try {
    result = await updateKitCrls({ manifest, files, ...options });
  } catch (error) {
    throw new CliError(`${command}: ${describeError(error)}`);
  }
  await writeResult(io, dir, result);
  return result;
}

/** The revoke command. */
export const revoke = defineCommand({
  name: "revoke",
  summary: "revoke a client of a kit: list it in the client CA's CRL and re-sign the kit's CRLs",
  usage: "mtls-lab revoke --kit DIR CLIENT [--reason R] [--days N]",
  details: [
    `reasons (RFC 5280 5.3.1): ${Object.values(CrlReason).join(", ")}`,
    "",
    "writes client-ca.crl (and client-intermediate.crl with intermediates), client-crls.pem with all of them,",
    "and kit.json. Servers check every certificate of the chain against the CRL file, so give them",
    "client-crls.pem, never one CA's CRL alone. A kit made without --crl gets its CRLs now.",
    "",
    "examples:",
    "  mtls-lab revoke --kit kit alice --reason keyCompromise",
    "  openssl verify -crl_check_all -CRLfile kit/client-crls.pem -CAfile kit/client-ca.crt kit/alice.crt",
    "",
    "exit codes: 0 revoked, 1 a file is missing or unreadable or the client is unknown or already revoked, 2 usage error.",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "the kit's directory (with kit.json and the client CA's key)" },
    reason: { type: "string", value: "R", description: "CRL reason code (default: none, which RFC 5280 prefers to unspecified)" },
    days: { type: "string", value: "N", description: "validity of the new CRLs in days (default 30)" },
  },
  positionals: { name: "CLIENT", min: 1, max: 1 },
  async run(args, io) {
    const { flags, positionals } = args;
    if (flags.kit === undefined) throw usageError("revoke: missing --kit DIR (see mtls-lab revoke --help)");
    const reason = flags.reason === undefined ? undefined : oneOf("revoke", "reason", flags.reason, Object.values(CrlReason));
    const days = flags.days === undefined ? undefined : parsePositiveInt("revoke", "days", flags.days, 3650);
    const client = positionals[0]!;
    const result = await run(io, "revoke", flags.kit, { revoke: { client, ...(reason ? { reason } : {}) }, ...(days ? { days } : {}) });
    io.stdout.write(`revoked ${client} in ${flags.kit}\n${summary(flags.kit, result.manifest)}`);
    return ExitCode.ok;
  },
});

/** The crl command. */
export const crl = defineCommand({
  name: "crl",
  summary: "re-sign a kit's client CRLs (same revocations, new number and dates) before they expire",
  usage: "mtls-lab crl --kit DIR [--days N]",
  details: [
    "When a CRL's next update passes, OpenSSL-based servers refuse every client (CRL_HAS_EXPIRED), revoked or",
    "not: re-sign before then, from cron or a systemd timer, and reload the server.",
    "",
    "examples:",
    "  mtls-lab crl --kit kit --days 7",
    "",
    "exit codes: 0 written, 1 a file is missing or unreadable, 2 usage error.",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "the kit's directory (with kit.json and the client CA's key)" },
    days: { type: "string", value: "N", description: "validity of the new CRLs in days (default 30)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    if (flags.kit === undefined) throw usageError("crl: missing --kit DIR (see mtls-lab crl --help)");
    const days = flags.days === undefined ? undefined : parsePositiveInt("crl", "days", flags.days, 3650);
    const result = await run(io, "crl", flags.kit, days ? { days } : {});
    io.stdout.write(`re-signed the CRLs of ${flags.kit}\n${summary(flags.kit, result.manifest)}`);
    return ExitCode.ok;
  },
});
