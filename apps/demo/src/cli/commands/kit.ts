/**
 * `mtls-lab kit --out DIR`: a complete mTLS kit on disk (a server CA and a separate client CA,
 * optional intermediates, the server leaf, client leaves, chains, PKCS#12 files) plus kit.json.
 * Keys and PKCS#12 files are written 0600, certificates 0644, every file atomically.
 */
import { isIP } from "node:net";
import { join } from "node:path";
import { generateKit, KeyType, kitManifest, type Kit, type KitManifest, type KitOptions } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { prepareOutputDir, writeOutputFiles, type OutputFile } from "../files.js";
import { oneOf, parsePositiveInt } from "../parse.js";
import { planKitConfig, type KitConfigFiles } from "../kit-config.js";

/** 398 days: the CA/Browser Forum limit for TLS leaves; clients such as Safari refuse longer ones. */
const leafDaysLimit = 398;
/** File names a client name would collide with (NAME.crt, NAME.key, NAME-chain.crt, NAME.p12). */
const reservedClientNames = ["server", "server-ca", "client-ca", "server-intermediate", "client-intermediate", "kit", "config"];

/** The kit command. */
export const kit = defineCommand({
  name: "kit",
  summary: "generate a complete mTLS kit: server CA, client CA, server and client certificates, PKCS#12",
  usage: [
    "mtls-lab kit --out DIR [--key TYPE] [--host NAME...] [--ip ADDR...] [--client NAME...]",
    "             [--intermediate] [--crl] [--ocsp-url URL] [--days N] [--p12-password P]",
    "             [--p12-profile modern|compat] [--config] [--force]",
  ].join("\n"),
  details: [
    `key types: ${Object.values(KeyType).join(", ")} (default ec-p256)`,
    "defaults: --host localhost --ip 127.0.0.1 --client client, leaves valid 398 days",
    "",
    "files: server-ca.crt/.key, client-ca.crt/.key (the CA the server trusts for clients, kept apart",
    "from the server CA so no client is trusted by accident), server.crt, server.key, server-chain.crt,",
    "and per client NAME.crt, NAME.key, NAME-chain.crt, NAME.p12; with --intermediate also",
    "server-intermediate.crt/.key and client-intermediate.crt/.key; with --crl client-ca.crl (and",
    "client-intermediate.crl) and client-crls.pem, all of them for servers (see mtls-lab revoke).",
    "--ocsp-url puts that OCSP responder (mtls-lab ocsp) into the client certificates; configs then use it.",
    "kit.json lists each file's role and",
    "SHA-256 fingerprint. --config also writes ready configurations for every target into DIR/config/",
    "and, at DIR's root, nginx.conf (around config/nginx/mtls-reverse.conf), test.sh and README.md: the",
    "layout of a kit from the site. Run it with nginx -p \"$PWD\" -c \"$PWD/nginx.conf\", then sh test.sh.",
    "",
    "examples:",
    "  mtls-lab kit --out kit",
    "  mtls-lab kit --out kit --key rsa-2048 --host api.test --client alice --client bob --intermediate",
    "",
    "exit codes: 0 written, 1 the directory is not empty (use --force) or cannot be written, 2 usage error.",
  ].join("\n"),
  flags: {
    out: { type: "string", short: "o", value: "DIR", description: "directory to write the kit into (required)" },
    key: { type: "string", value: "TYPE", description: "key type of every certificate (default ec-p256)" },
    host: { type: "string", multiple: true, value: "NAME", description: "DNS name of the server (default localhost)" },
    ip: { type: "string", multiple: true, value: "ADDR", description: "IP address of the server (default 127.0.0.1)" },
    client: { type: "string", multiple: true, value: "NAME", description: "client certificate to issue (default client)" },
    intermediate: { type: "boolean", description: "put an intermediate CA under each root" },
    crl: { type: "boolean", description: "also write the client CAs' CRLs (empty until mtls-lab revoke)" },
    "ocsp-url": { type: "string", value: "URL", description: "OCSP responder (http://) named in the client certificates, e.g. http://127.0.0.1:8888" },
    days: { type: "string", value: "N", description: "validity of the leaves in days (default 398)" },
    "p12-password": { type: "string", value: "P", description: "password of the PKCS#12 files (default changeit)" },
    "p12-profile": { type: "string", value: "P", description: "modern (AES-256, SHA-256 MAC; default) or compat (3DES, SHA-1 MAC: older macOS, Windows, Java 8)" },
    config: { type: "boolean", description: "also write configurations into DIR/config/ and nginx.conf, test.sh, README.md" },
    force: { type: "boolean", description: "write into a directory that is not empty, replacing files" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    if (flags.out === undefined) throw usageError("kit: missing --out DIR (see mtls-lab kit --help)");
    const options = readKitOptions(flags);
    if (options.days !== undefined && options.days > leafDaysLimit) {
      io.stderr.write(`mtls-lab: warning: --days ${options.days} is over ${leafDaysLimit}; browsers and Apple clients refuse such leaves\n`);
    }

    const dir = await prepareOutputDir(io.cwd, flags.out, flags.force === true);
    let generated: Kit;
    try {
      generated = await generateKit(options);
    } catch (error) {
      throw new CliError(`kit: ${describeError(error)}`);
    }
    const manifest = kitManifest(generated);
    const files: OutputFile[] = generated.files.map((file) => ({ path: file.name, contents: file.contents, mode: file.mode }));
    files.push({ path: "kit.json", contents: `${JSON.stringify(manifest, null, 2)}\n`, mode: 0o644 });
    const configFiles = flags.config ? planKitConfig(generated, manifest, dir) : undefined;
    // --force replaces exactly the files this kit writes (its own layout), never names read from a
    // kit.json already in the folder: that file is input an attacker or an old kit may have written.
    // One call: every target is checked (no symlink, no directory) before the first file is written.
    await writeOutputFiles(dir, [...files, ...(configFiles?.files ?? [])], flags.out);
    for (const warning of configFiles?.warnings ?? []) io.stderr.write(`mtls-lab: warning: ${warning}\n`);

    io.stdout.write(describeKit(generated, manifest, flags.out, configFiles));
    io.stdout.write(nextSteps(manifest, flags.out));
    return ExitCode.ok;
  },
});

interface KitFlags {
  key?: string | undefined;
  host?: string[] | undefined;
  ip?: string[] | undefined;
  client?: string[] | undefined;
  intermediate?: boolean | undefined;
  crl?: boolean | undefined;
  "ocsp-url"?: string | undefined;
  days?: string | undefined;
  "p12-password"?: string | undefined;
  "p12-profile"?: string | undefined;
}

/** Checks every flag before anything is generated; a bad value is a usage error naming the flag. */
function readKitOptions(flags: KitFlags): KitOptions {
  const options: KitOptions = {};
  if (flags.key !== undefined) options.keyType = oneOf("kit", "key", flags.key, Object.values(KeyType));
  if (flags.host !== undefined) {
    for (const host of flags.host) {
      // RFC 1035 / RFC 6125: letters, digits, hyphens and dots; a leading "*." wildcard label is allowed.
      if (!/^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(host) || host.length > 253) {
        throw usageError(`kit: --host ${JSON.stringify(host)} is not a DNS name (use --ip for addresses)`);
      }
      if (isIP(host)) throw usageError(`kit: --host ${host} is an IP address: use --ip ${host}`);
    }
    options.hosts = flags.host;
  }
  if (flags.ip !== undefined) {
    for (const ip of flags.ip) if (!isIP(ip)) throw usageError(`kit: --ip ${JSON.stringify(ip)} is not an IPv4 or IPv6 address`);
    options.ips = flags.ip;
  }
  if (flags.client !== undefined) {
    const seen = new Set<string>();
    for (const name of flags.client) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
        throw usageError(`kit: --client ${JSON.stringify(name)}: use letters, digits, ".", "_" and "-" (it becomes a file name)`);
      }
      if (reservedClientNames.includes(name)) throw usageError(`kit: --client ${name} would clash with the kit's own file names`);
      if (seen.has(name)) throw usageError(`kit: --client ${name} is given twice`);
      seen.add(name);
    }
    options.clients = flags.client;
  }
  if (flags.intermediate) options.intermediate = true;
  if (flags.crl) options.crl = true;
  if (flags["ocsp-url"] !== undefined) {
    // RFC 6960 appendix A: responders are asked over plain HTTP; nginx's ssl_ocsp speaks nothing else.
    if (!/^http:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/.test(flags["ocsp-url"]) && !/^http:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?(\/[A-Za-z0-9._~\/-]*)?$/.test(flags["ocsp-url"])) {
      throw usageError(`kit: --ocsp-url ${JSON.stringify(flags["ocsp-url"])} is not an http://HOST[:PORT][/PATH] URL`);
    }
    options.ocspUrl = flags["ocsp-url"];
  }
  if (flags.days !== undefined) options.days = parsePositiveInt("kit", "days", flags.days, 36_500);
  if (flags["p12-password"] !== undefined) options.p12Password = flags["p12-password"];
  if (flags["p12-profile"] !== undefined) options.p12Profile = oneOf("kit", "p12-profile", flags["p12-profile"], ["modern", "compat"] as const);
  return options;
}

/** The table of written files. */
function describeKit(generated: Kit, manifest: KitManifest, shownDir: string, configFiles: KitConfigFiles | undefined): string {
  const { options } = generated;
  const nameWidth = Math.max(...generated.files.map((file) => file.name.length), "kit.json".length);
  const roleWidth = Math.max(...generated.files.map((file) => file.role.length));
  const lines = [
    `wrote an mTLS kit to ${shownDir} (${manifest.keyType}; server ${[...options.hosts, ...options.ips].join(", ")}; ` +
      `client${options.clients.length > 1 ? "s" : ""} ${options.clients.join(", ")}${options.intermediate ? "; with intermediates" : ""})`,
    "",
    ...generated.files.map((file) => {
      const mode = file.mode.toString(8).padStart(4, "0");
      const fingerprint = file.sha256 ? `  sha256 ${file.sha256.slice(0, 16)}...` : "";
      return `  ${file.name.padEnd(nameWidth)}  ${file.role.padEnd(roleWidth)}  ${mode}${fingerprint}`;
    }),
    `  ${"kit.json".padEnd(nameWidth)}  ${"manifest".padEnd(roleWidth)}  0644`,
    ...(configFiles
      ? [
          "",
          `configurations in ${join(shownDir, "config")}/: ${configFiles.config.length} files`,
          `to run it: ${configFiles.bundle.map((name) => join(shownDir, name)).join(", ")}`,
        ]
      : []),
    "",
    `PKCS#12 password: ${options.p12Password}`,
  ];
  return lines.join("\n");
}

/** How to check the kit with openssl, so the first thing a user learns is how to verify. */
function nextSteps(manifest: KitManifest, dir: string): string {
  const byRole = (role: string) => manifest.files.filter((file) => file.role === role).map((file) => join(dir, file.name));
  const [serverCa] = byRole("serverCa");
  const [clientCa] = byRole("clientCa");
  const [serverIntermediate] = byRole("serverIntermediate");
  const [clientIntermediate] = byRole("clientIntermediate");
  const [serverCert] = byRole("serverCert");
  const [clientCert] = byRole("clientCert");
  if (!serverCa || !clientCa || !serverCert || !clientCert) return "";
  const untrusted = (file: string | undefined) => (file ? ` -untrusted ${file}` : "");
  return [
    "",
    "check it:",
    `  openssl verify -CAfile ${serverCa}${untrusted(serverIntermediate)} -purpose sslserver ${serverCert}`,
    `  openssl verify -CAfile ${clientCa}${untrusted(clientIntermediate)} -purpose sslclient ${clientCert}`,
    `  mtls-lab inspect ${serverCert}`,
    "",
  ].join("\n");
}
