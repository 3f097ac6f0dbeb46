/**
 * `mtls-lab inspect <file...>`: what is inside certificates, requests, CRLs, bundles and keys,
 * as openssl-like text or as one JSON document `{"items": [...]}`. Keys are described, never printed.
 */
import { MaxPkcs12Iterations, decode, renderText, toJson, type DecodeOptions, type DecodeResult } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { jsonDocument } from "../output.js";
import { aboutFile, describeError, ExitCode } from "../errors.js";
import { readInputFile } from "../files.js";
import { parsePositiveInt, parseTime } from "../parse.js";

/** The inspect command. */
export const inspect = defineCommand({
  name: "inspect",
  summary: "show what is inside certificates, CSRs, CRLs, PKCS#7/#12 bundles and keys",
  usage: "mtls-lab inspect <file...> [--json] [--password P] [--max-iterations N] [--at ISO] [--reveal-keys]",
  details: [
    "Reads PEM (any number of blocks, with junk around them), DER or bare base64; \"-\" reads standard input.",
    "Private keys are described (type, size, public key fingerprint), never printed back unless --reveal-keys.",
    `PKCS#12 MAC and PBKDF2 iteration counts above ${MaxPkcs12Iterations} are refused before any work (each`,
    "iteration is one digest); --max-iterations raises the limit for a file you trust.",
    "",
    "examples:",
    "  mtls-lab inspect server.crt",
    "  mtls-lab inspect client.p12 --password changeit --json",
    "  mtls-lab inspect server-chain.crt --at 2030-01-01T00:00:00Z",
    "",
    "exit codes: 0 every file decoded, 1 a file could not be read or decoded, 2 usage error.",
  ].join("\n"),
  flags: {
    json: { type: "boolean", description: 'print one JSON document {"items": [...]}' },
    password: { type: "string", value: "P", description: "password of a PKCS#12 file" },
    "max-iterations": { type: "string", value: "N", description: `highest PKCS#12 MAC/PBKDF2 iteration count to run (default ${MaxPkcs12Iterations})` },
    at: { type: "string", value: "ISO", description: "judge expiry at this time instead of now" },
    "reveal-keys": { type: "boolean", description: "also print private keys as PEM (they are only described otherwise)" },
  },
  positionals: { name: "<file>", min: 1 },
  async run(args, io) {
    const at = args.flags.at === undefined ? undefined : parseTime("inspect", "at", args.flags.at);
    const options: DecodeOptions = {
      ...(args.flags.password !== undefined ? { password: args.flags.password } : {}),
      ...(at ? { at } : {}),
      ...(args.flags["max-iterations"] !== undefined ? { maxIterations: parsePositiveInt("inspect", "max-iterations", args.flags["max-iterations"], 2 ** 32 - 1) } : {}),
      ...(args.flags["reveal-keys"] ? { revealPrivateKeys: true } : {}),
    };

    let exitCode: number = ExitCode.ok;
    const results: { file: string; result: DecodeResult }[] = [];
    for (const file of args.positionals) {
      try {
        const bytes = await readInputFile(io.cwd, file, io.readStdin);
        results.push({ file, result: await aboutFile(file, () => decode(bytes, options)) });
      } catch (error) {
        // Keep going: one bad file among many should not hide what the others hold.
        io.stderr.write(`mtls-lab: ${describeError(error)}\n`);
        exitCode = ExitCode.failure;
      }
    }

    if (args.flags.json) {
      const items = results.flatMap(({ result }) => toJson(result).items);
      io.stdout.write(jsonDocument({ items }));
      return exitCode;
    }
    const many = args.positionals.length > 1;
    for (const { file, result } of results) {
      if (many) io.stdout.write(`==> ${file} <==\n`);
      for (const item of result.items) io.stdout.write(`${renderText(item).trimEnd()}\n\n`);
    }
    return exitCode;
  },
});
