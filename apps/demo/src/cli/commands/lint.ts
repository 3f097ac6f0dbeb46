/**
 * `mtls-lab lint <file...> | --kit DIR`: mTLS-specific warnings for certificates and kits (no SAN,
 * a CA flag on a leaf, a leaf without EKU, over 398 days, SHA-1, short RSA, expiry, ...), each with a fix.
 */
import { join } from "node:path";
import { lint, type CertificateInfo, type Kit, type KitRole, type LintOptions, type LintWarning } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { jsonDocument } from "../output.js";
import { readCertificates } from "../certificates.js";
import { readKitManifest } from "../config-input.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { readInputText } from "../files.js";
import { oneOf, parsePositiveInt, parseTime } from "../parse.js";

/** Kit roles whose files hold certificates lint reads (keys and PKCS#12 are skipped). */
const certificateRoles: readonly KitRole[] = ["serverCa", "clientCa", "serverIntermediate", "clientIntermediate", "serverCert", "clientCert"];

/** The lint command. */
export const lintCommand = defineCommand({
  name: "lint",
  summary: "warn about certificates that will cause mTLS trouble, with the fix for each",
  usage: ["mtls-lab lint <file...> [--role leaf|ca] [--at ISO] [--expiring-days N] [--strict] [--json]", "mtls-lab lint --kit DIR [--at ISO] [--expiring-days N] [--strict] [--json]"].join("\n"),
  details: [
    "Each certificate is judged as a leaf or a CA: with --kit from its role in kit.json, otherwise from the",
    "certificate itself (or --role).",
    "",
    "examples:",
    "  mtls-lab lint server.crt client.crt",
    "  mtls-lab lint --kit kit --expiring-days 60",
    "",
    "exit codes: 0 no errors (warnings allowed unless --strict), 1 an error-level finding or a bad file, 2 usage error.",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "lint every certificate of a kit written by `mtls-lab kit`" },
    role: { type: "string", value: "R", description: "judge every certificate as a leaf or a ca" },
    at: { type: "string", value: "ISO", description: "judge validity at this time instead of now" },
    "expiring-days": { type: "string", value: "N", description: "warn when a certificate expires within N days (default 30)" },
    strict: { type: "boolean", description: "exit 1 on warnings too, not only on errors" },
    json: { type: "boolean", description: 'print { "warnings": [...] } as JSON' },
  },
  positionals: { name: "<file>", min: 0 },
  async run(args, io) {
    const { flags } = args;
    if (flags.kit === undefined && args.positionals.length === 0) throw usageError("lint: give certificate files or --kit DIR (see mtls-lab lint --help)");
    if (flags.kit !== undefined && args.positionals.length > 0) throw usageError("lint: give certificate files or --kit DIR, not both");
    const options: LintOptions = {};
    if (flags.at !== undefined) options.at = parseTime("lint", "at", flags.at);
    if (flags["expiring-days"] !== undefined) options.expiringWithinDays = parsePositiveInt("lint", "expiring-days", flags["expiring-days"], 36_500);
    if (flags.role !== undefined) options.role = oneOf("lint", "role", flags.role, ["leaf", "ca"] as const);

    const warnings: LintWarning[] = [];
    if (flags.kit !== undefined) {
      const kit = await readKit(io.cwd, flags.kit);
      warnings.push(...lintAbout(join(flags.kit, "kit.json"), () => lint(kit, options)).map((warning) => ({ ...warning, file: join(flags.kit as string, warning.file ?? "") })));
    }
    // The files are one set: rules that compare certificates (the same DN with another key) see them all.
    // The decoded certificates themselves: lint reads decode's model, it does not parse them again.
    const certificates: CertificateInfo[] = [];
    const fileOf: string[] = [];
    for (const file of args.positionals) {
      for (const certificate of await readCertificates(io.cwd, file)) {
        certificates.push(certificate);
        fileOf.push(file);
      }
    }
    if (certificates.length > 0) {
      const about = args.positionals.length === 1 ? args.positionals[0]! : "lint";
      for (const { index, ...warning } of lintAbout(about, () => lint(certificates, options))) {
        warnings.push({ ...warning, file: fileOf[index ?? 0] ?? about });
      }
    }
    io.stdout.write(flags.json ? jsonDocument({ warnings }) : formatWarnings(warnings));
    const failing = warnings.some((warning) => warning.severity === "error" || (flags.strict === true && warning.severity === "warning"));
    return failing ? ExitCode.failure : ExitCode.ok;
  },
});

/** Runs lint; an input it cannot read becomes `<file>: <reason>`. */
function lintAbout(file: string, work: () => LintWarning[]): LintWarning[] {
  try {
    return work();
  } catch (error) {
    throw new CliError(`${file}: ${describeError(error)}`);
  }
}

/** The certificate files of a kit directory, with their roles from kit.json, as lint's Kit input. */
async function readKit(cwd: string, dir: string): Promise<Kit> {
  const manifest = await readKitManifest(cwd, dir);
  const files: Kit["files"] = [];
  for (const entry of manifest.files) {
    if (!certificateRoles.includes(entry.role)) continue;
    const contents = await readInputText(cwd, join(dir, entry.name));
    files.push({ name: entry.name, role: entry.role, contents, mode: 0o644 });
  }
  // lint reads only `files` of a Kit; the generation options are not on disk.
  return { files } as unknown as Kit;
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

/** One block per warning, errors first: `file: severity id: message` and the fix. */
function formatWarnings(warnings: readonly LintWarning[]): string {
  if (warnings.length === 0) return "no warnings\n";
  const sorted = [...warnings].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);
  const lines = sorted.flatMap((warning) => [
    `${warning.file ? `${warning.file}: ` : ""}${warning.severity} ${warning.id}: ${warning.message}`,
    `  subject: ${warning.subject}`,
    `  fix: ${warning.fix}`,
  ]);
  const count = (severity: LintWarning["severity"]) => warnings.filter((warning) => warning.severity === severity).length;
  lines.push("", `${count("error")} errors, ${count("warning")} warnings, ${count("info")} notes`);
  return `${lines.join("\n")}\n`;
}
