/**
 * `mtls-lab config --kit DIR --target T --out DIR`: server and client configuration (nginx, Node,
 * curl, Java, Python, Go, compose) for a kit written by `mtls-lab kit`, from @mtls-lab/config.
 */
import { relative, resolve } from "node:path";
import { emit, emitAll, kitPaths, ProfileName, targets, VerifyMode, type EmitInput, type EmitResult, type TargetId } from "@mtls-lab/config";
import { defineCommand } from "../command.js";
import { readKitManifest, writeEmitted } from "../config-input.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { prepareOutputDir } from "../files.js";
import { checkOutputDir } from "../output-path.js";
import { oneOf, parsePositiveInt } from "../parse.js";

const targetIds = targets.map((target) => target.id);

/** The config command. */
export const configCommand = defineCommand({
  name: "config",
  summary: "write nginx, Node, curl, Java, Python, Go and compose configuration for a kit",
  usage: [
    "mtls-lab config --kit DIR --target T --out DIR [--profile modern|intermediate]",
    "                [--verify on|optional|optional_no_ca] [--upstream URL] [--listen PORT] [--server-name NAME]",
    "                [--client NAME] [--location PATH] [--namespace NS] [--certificates cert-manager|kit] [--force]",
  ].join("\n"),
  details: [
    "targets:",
    ...targets.map((target) => `  ${target.id.padEnd(14)} ${target.title}`),
    "",
    "--target is one of the targets above, or all. --kit is a directory written by `mtls-lab kit` (it reads",
    "kit.json); the emitted files name the kit's files by absolute path. The forward proxy needs --upstream.",
    "",
    "examples:",
    "  mtls-lab config --kit kit --target nginx-reverse --out conf",
    "  mtls-lab config --kit kit --target all --out conf --profile modern --listen 9443",
    "  mtls-lab config --kit kit --target haproxy --out conf --verify optional --location /private",
    "  mtls-lab config --kit kit --target kubernetes --out k8s --namespace shop --server-name api.example.com",
    "",
    "exit codes: 0 written, 1 the kit cannot be read or the output not written, 2 usage error.",
  ].join("\n"),
  flags: {
    kit: { type: "string", value: "DIR", description: "kit directory with kit.json (required)" },
    target: { type: "string", value: "T", description: "what to emit: a target id or all (required)" },
    out: { type: "string", short: "o", value: "DIR", description: "directory to write into (required)" },
    profile: { type: "string", value: "NAME", description: "Mozilla TLS profile: modern or intermediate (default intermediate)" },
    verify: { type: "string", value: "MODE", description: "client certificate check: on, optional, optional_no_ca (default on)" },
    upstream: { type: "string", value: "URL", description: "the app behind a reverse proxy, or the server a forward proxy calls" },
    listen: { type: "string", value: "PORT", description: "HTTPS port (default 8443)" },
    "server-name": { type: "string", value: "NAME", description: "DNS name of the server (default localhost)" },
    client: { type: "string", value: "NAME", description: "which client of the kit the clients use (default the first)" },
    location: { type: "string", value: "PATH", description: "the path that needs a certificate; with --verify optional other paths are open (default /)" },
    namespace: { type: "string", value: "NS", description: "kubernetes: the namespace of every manifest (default default)" },
    certificates: { type: "string", value: "FROM", description: "kubernetes: cert-manager (Issuers and Certificates, default) or kit (the kit's files as Secrets)" },
    force: { type: "boolean", description: "write into a directory that is not empty, replacing files" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    for (const required of ["kit", "target", "out"] as const) {
      if (flags[required] === undefined) throw usageError(`config: missing --${required} (see mtls-lab config --help)`);
    }
    const kitDir = flags.kit as string;
    const outDir = flags.out as string;
    const target = oneOf("config", "target", flags.target as string, [...targetIds, "all"] as (TargetId | "all")[]);
    checkOutputDir(io.cwd, outDir);

    const options: Omit<EmitInput, "paths"> = {};
    if (flags.profile !== undefined) options.profile = oneOf("config", "profile", flags.profile, Object.values(ProfileName));
    if (flags.verify !== undefined) options.verify = oneOf("config", "verify", flags.verify, Object.values(VerifyMode));
    if (flags.location !== undefined) options.location = flags.location;
    if (flags.namespace !== undefined) options.namespace = flags.namespace;
    if (flags.certificates !== undefined) options.certificates = oneOf("config", "certificates", flags.certificates, ["cert-manager", "kit"] as const);
    if (flags.listen !== undefined) options.listen = parsePositiveInt("config", "listen", flags.listen, 65_535);
    if (flags.upstream !== undefined) {
      if (!URL.canParse(flags.upstream)) throw usageError(`config: --upstream ${JSON.stringify(flags.upstream)} is not a URL`);
      options.upstream = flags.upstream;
    }
    if (flags["server-name"] !== undefined) options.serverName = flags["server-name"];

    const manifest = await readKitManifest(io.cwd, kitDir);
    let result: EmitResult;
    try {
      const input: EmitInput = { paths: kitPaths(manifest, resolve(io.cwd, kitDir), flags.client), ...options };
      result = target === "all" ? emitAll(input) : emit(target, input);
    } catch (error) {
      throw new CliError(`config: ${describeError(error)}`);
    }
    await prepareOutputDir(io.cwd, outDir, flags.force === true);
    const written = await writeEmitted(result, outDir, outDir, io);
    const shown = relative(io.cwd, resolve(io.cwd, outDir)) || ".";
    io.stdout.write([`wrote ${written.length} file${written.length === 1 ? "" : "s"} to ${shown}:`, ...written.map((path) => `  ${path}`), ""].join("\n"));
    return ExitCode.ok;
  },
});
