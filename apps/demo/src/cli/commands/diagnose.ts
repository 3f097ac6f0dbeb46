/**
 * `mtls-lab diagnose`: given what each side of an mTLS connection is configured with, say whether
 * the handshake works and, if not, what Node, nginx (or HAProxy, Caddy, Apache) and curl will report, at which
 * step, and the fix.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { kitPaths } from "@mtls-lab/config";
import { KitFileName, diagnose, type DiagnoseInput, type Diagnosis, type SideDiagnosis } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { jsonDocument } from "../output.js";
import { decodeFile, readCertificates } from "../certificates.js";
import { CliError, ExitCode, describeError, fileError, usageError } from "../errors.js";
import { readInputFile } from "../files.js";
import { oneOf, parseTime } from "../parse.js";
import { readKitManifest } from "../config-input.js";
import { directoriesOf, formatLeadingCause, knownFiles } from "../known-files.js";
import { proxyKinds, proxyLines, withProxyOutcome } from "../diagnose-proxy.js";

/** Which kit file fills which flag with `--kit DIR`. */
const kitDefaults = {
  "server-chain": "server-chain.crt",
  "server-key": "server.key",
  "client-chain": "client-chain.crt",
  "client-key": "client.key",
  "client-ca": "client-ca.crt",
  "server-ca": "server-ca.crt",
} as const;

/** The diagnose command. */
export const diagnoseCommand = defineCommand({
  name: "diagnose",
  summary: "predict whether an mTLS handshake works and what Node, nginx and curl will say if not",
  usage: [
    "mtls-lab diagnose --server-chain F --client-ca F [--server-key F] [--client-chain F] [--client-key F]",
    "                  [--server-ca F] [--host NAME] [--at ISO] [--server nginx|node|haproxy|caddy|apache]",
    "                  [--nginx on|optional|optional_no_ca | --verify-client MODE] [--tls 1.2|1.3] [--json]",
    "mtls-lab diagnose --kit DIR [--client NAME] [any flag above to replace one of the kit's files]",
  ].join("\n"),
  details: [
    "The server side: --server-chain (what the server sends: leaf then intermediates), --server-key, and",
    "--client-ca (the CA file it checks client certificates with: nginx ssl_client_certificate, Node ca).",
    "The client side: --client-chain and --client-key (leave out for a client that sends no certificate),",
    "and --server-ca (the CA file it checks the server with: curl --cacert). --kit DIR takes all six from",
    "a kit written by `mtls-lab kit`.",
    "",
    "examples:",
    "  mtls-lab diagnose --kit kit",
    "  mtls-lab diagnose --kit kit --client-chain other/client-chain.crt --server node",
    "  mtls-lab diagnose --server-chain server.crt --client-ca ca.crt --client-chain client.crt --at 2030-01-01T00:00:00Z",
    "",
    "exit codes: 0 the handshake works, 1 it does not (or a file is bad), 2 usage error.",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "take every file from a kit directory" },
    "server-chain": { type: "string", value: "FILE", description: "the server's certificate chain (leaf first)" },
    "server-key": { type: "string", value: "FILE", description: "the server's private key (checked against its leaf)" },
    "client-chain": { type: "string", value: "FILE", description: "the client's certificate chain; absent: no client certificate" },
    "client-key": { type: "string", value: "FILE", description: "the client's private key" },
    "client-ca": { type: "string", value: "FILE", description: "CA file the server trusts for client certificates" },
    "server-ca": { type: "string", value: "FILE", description: "CA file the client trusts for the server" },
    crl: { type: "string", value: "FILE", description: "the server's CRL file (nginx ssl_crl); with --kit, the kit's client-crls.pem when it has one" },
    host: { type: "string", value: "NAME", description: "name or IP the client connects to (default localhost)" },
    at: { type: "string", value: "ISO", description: "judge validity at this time instead of now" },
    server: { type: "string", value: "KIND", description: "nginx, node, haproxy, caddy or apache (default nginx)" },
    nginx: { type: "string", value: "MODE", description: "an nginx server with ssl_verify_client MODE: --server nginx --verify-client MODE" },
    "verify-client": { type: "string", value: "MODE", description: "the server's client-certificate mode: on, optional, optional_no_ca (default on)" },
    tls: { type: "string", value: "V", description: "1.2 or 1.3 (default 1.3)" },
    client: { type: "string", value: "NAME", description: "with --kit: which of the kit's clients (default the first in kit.json)" },
    "no-client-cert": { type: "boolean", description: "with --kit: the client sends no certificate" },
    json: { type: "boolean", description: "print the diagnosis as JSON" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    const fromKit: Partial<Record<keyof typeof kitDefaults, string>> = flags.kit === undefined ? {} : await kitFiles(io.cwd, flags.kit, flags.client);
    const files: Partial<Record<keyof typeof kitDefaults, string>> = {};
    for (const flag of Object.keys(kitDefaults) as (keyof typeof kitDefaults)[]) {
      const given = flags[flag] ?? fromKit[flag];
      if (given !== undefined) files[flag] = given;
    }
    if (flags["no-client-cert"]) {
      delete files["client-chain"];
      delete files["client-key"];
    }
    if (!files["server-chain"]) throw usageError("diagnose: missing --server-chain FILE or --kit DIR (see mtls-lab diagnose --help)");
    if (!files["client-ca"]) throw usageError("diagnose: missing --client-ca FILE or --kit DIR (see mtls-lab diagnose --help)");
    const at = flags.at === undefined ? undefined : parseTime("diagnose", "at", flags.at);
    if (flags.nginx !== undefined && (flags["verify-client"] !== undefined || flags.server === "node")) {
      throw usageError("diagnose: --nginx MODE already names the server and its mode; drop --verify-client and --server node");
    }
    const serverFlag = flags.nginx !== undefined ? "nginx" : flags.server;
    const modeFlag = flags.nginx ?? flags["verify-client"];
    const kind = serverFlag === undefined ? undefined : oneOf("diagnose", "server", serverFlag, ["nginx", "node", ...proxyKinds] as const);
    const proxy = kind === "haproxy" || kind === "caddy" || kind === "apache" ? kind : undefined;
    // The proxies verify with OpenSSL at Debian's security level 2, as nginx does: the chain checks are nginx's.
    const server = kind === undefined ? undefined : kind === "node" ? "node" : "nginx";
    const verifyClient = modeFlag === undefined ? undefined : oneOf("diagnose", flags.nginx !== undefined ? "nginx" : "verify-client", modeFlag, ["on", "optional", "optional_no_ca"] as const);
    const tls = flags.tls === undefined ? undefined : oneOf("diagnose", "tls", flags.tls, ["1.2", "1.3"] as const);

    // Decoded here, so a bad file is named by its path ("server.key: holds a private key, not a certificate").
    // diagnose takes the decoded certificates as they are (no second parse).
    const ders = async (file: string) => readCertificates(io.cwd, file);
    const input: DiagnoseInput = {
      serverChain: await ders(files["server-chain"]),
      serverTrustsForClients: await ders(files["client-ca"]),
    };
    if (files["client-chain"]) input.clientChain = await ders(files["client-chain"]);
    if (files["server-ca"]) input.clientTrustsForServer = await ders(files["server-ca"]);
    if (files["server-key"]) input.serverKey = await readKey(io.cwd, files["server-key"]);
    if (files["client-key"]) input.clientKey = await readKey(io.cwd, files["client-key"]);
    const crlFile = flags.crl ?? (flags.kit !== undefined && existsSync(resolve(io.cwd, flags.kit, KitFileName.clientCrls)) ? join(flags.kit, KitFileName.clientCrls) : undefined);
    if (crlFile) input.serverCrls = new TextDecoder().decode(await readInputFile(io.cwd, crlFile));
    if (flags.host !== undefined) input.host = flags.host;
    if (at) input.at = at;
    if (server) input.server = server;
    if (verifyClient) input.verifyClient = verifyClient;
    if (tls) input.tlsVersion = tls;
    // The leading cause names the files as given, and the kit's file that holds the right certificate.
    input.files = {
      serverChain: files["server-chain"],
      serverKey: files["server-key"],
      clientChain: files["client-chain"],
      clientKey: files["client-key"],
      clientCa: files["client-ca"],
      serverCa: files["server-ca"],
    };
    const given = [files["server-chain"], files["client-chain"], files["client-ca"], files["server-ca"]].filter((f): f is string => !!f);
    input.knownFiles = await knownFiles(io.cwd, [...(flags.kit !== undefined ? [flags.kit] : []), ...directoriesOf(given)], given);

    let diagnosis: Diagnosis;
    try {
      diagnosis = await diagnose(input);
    } catch (error) {
      throw new CliError(`diagnose: ${describeError(error)}`);
    }
    if (proxy) {
      const withProxy = withProxyOutcome(diagnosis, proxy, verifyClient ?? "on", tls ?? "1.3");
      io.stdout.write(flags.json ? jsonDocument(withProxy) : formatDiagnosis(withProxy, proxy, proxyLines(withProxy.proxy)));
      return withProxy.ok ? ExitCode.ok : ExitCode.failure;
    }
    io.stdout.write(flags.json ? jsonDocument(diagnosis) : formatDiagnosis(diagnosis, server ?? "nginx"));
    return diagnosis.ok ? ExitCode.ok : ExitCode.failure;
  },
});

/**
 * The six files of a kit directory: by role from its kit.json (so `--client alice` kits work), or by the
 * default names when there is no manifest.
 */
async function kitFiles(cwd: string, dir: string, client?: string): Promise<Record<keyof typeof kitDefaults, string>> {
  if (!existsSync(resolve(cwd, dir, "kit.json"))) {
    const named = client ?? "client";
    return {
      ...(Object.fromEntries(Object.entries(kitDefaults).map(([flag, name]) => [flag, join(dir, name)])) as Record<keyof typeof kitDefaults, string>),
      "client-chain": join(dir, `${named}-chain.crt`),
      "client-key": join(dir, `${named}.key`),
    };
  }
  const manifest = await readKitManifest(cwd, dir);
  let paths;
  try {
    paths = kitPaths(manifest, dir, client);
  } catch (error) {
    throw fileError(join(dir, "kit.json"), describeError(error));
  }
  return {
    "server-chain": paths.serverChain,
    "server-key": paths.serverKey,
    "client-chain": paths.clientChain,
    "client-key": paths.clientKey,
    "client-ca": paths.clientCa,
    "server-ca": paths.serverCa,
  };
}

/** A private key file as PEM text (or DER bytes); a file holding something else is an error naming it. */
async function readKey(cwd: string, file: string): Promise<string | Uint8Array> {
  const bytes = await readInputFile(cwd, file);
  const result = await decodeFile(cwd, file);
  const key = result.items.find((item) => item.kind === "privateKey");
  if (!key) throw fileError(file, `holds ${result.items[0]?.kind === "certificate" ? "a certificate" : "no private key"}, not a private key`);
  if (key.encrypted) throw fileError(file, "the private key is encrypted; decrypt it first (openssl pkey -in FILE -out plain.key)");
  // The file as it is: the package reads PEM of every key format, and DER.
  const text = new TextDecoder().decode(bytes);
  return text.includes("-----BEGIN") ? text : bytes;
}

const verdictWords: Record<string, string> = {
  ok: "ok",
  rejected: "REJECTED",
  "accepted-unverified": "let in UNVERIFIED",
  "no-certificate": "no certificate sent",
  "not-checked": "not checked (no --server-ca)",
};

function formatSide(title: string, side: SideDiagnosis, serverKind: string, extra: string[] = []): string[] {
  const lines = [`${title}: ${verdictWords[side.verdict] ?? side.verdict}`];
  if (side.verdict === "ok" || side.verdict === "not-checked") return lines;
  if (extra.length > 0) {
    // A proxy's own outcome replaces the nginx and Node lines (and their step).
    for (const error of side.verify?.errors ?? []) lines.push(`  depth ${error.depth}: ${error.code}: ${error.message}`);
    lines.push(...extra);
    if (side.cause) lines.push(`  why: ${side.cause}`);
    if (side.fix) lines.push(`  fix: ${side.fix}`);
    return lines;
  }
  for (const error of side.verify?.errors ?? []) lines.push(`  depth ${error.depth}: ${error.code}: ${error.message}`);
  if (side.side === "client") {
    if (serverKind === "node" || !side.nginx) {
      lines.push(`  Node server: authorizationError ${side.node.code ?? "null"}${side.node.message ? ` (${side.node.message})` : ""}`);
      if (side.node.whenRejecting) lines.push(`  with rejectUnauthorized the client sees: ${side.node.whenRejecting.code} ${side.node.whenRejecting.message}`);
    }
    if (serverKind === "nginx" && side.nginx) {
      lines.push(`  nginx: ${side.nginx.status}${side.nginx.title ? ` "${side.nginx.title.replace(/^\d{3} /, "")}"` : ""}, $ssl_client_verify ${side.nginx.clientVerify}`);
      if (side.nginx.log) lines.push(`  nginx log: ${side.nginx.log}`);
    }
  } else {
    lines.push(`  Node client: ${side.node.code ?? "ok"}${side.node.message ? ` (${side.node.message})` : ""}`);
    if (side.curl && side.curl.message) lines.push(`  curl: exit ${side.curl.exitCode}: ${side.curl.message}`);
  }
  if (side.alert) lines.push(`  alert: ${side.alert.code} ${side.alert.name}, sent by the ${side.alert.sentBy}`);
  lines.push(`  step: ${side.step}`);
  if (side.cause) lines.push(`  why: ${side.cause}`);
  if (side.fix) lines.push(`  fix: ${side.fix}`);
  return lines;
}

function formatDiagnosis(diagnosis: Diagnosis, serverKind: string, proxyExtra: string[] = []): string {
  const lines = [
    diagnosis.ok ? "the mTLS handshake works" : "the mTLS handshake FAILS",
    "",
    ...formatLeadingCause(diagnosis.leading),
    ...formatSide("server certificate, as the client checks it", diagnosis.server, serverKind),
    ...formatSide("client certificate, as the server checks it", diagnosis.client, serverKind, proxyExtra),
  ];
  const findings = diagnosis.secondary ?? diagnosis.findings;
  if (findings.length > 0) {
    lines.push("", diagnosis.leading ? "other findings:" : "findings:");
    for (const finding of findings) {
      lines.push(`  ${finding.severity} ${finding.id} (${finding.side}): ${finding.message}`, `    fix: ${finding.fix}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
