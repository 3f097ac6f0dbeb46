/**
 * Command-line parsing with node:util parseArgs (strict), turning its TypeError codes into
 * one-line usage errors that name the flag and point at `--help`.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Command, FlagSpecs, ParsedArgs } from "./command.js";
import { usageError } from "./errors.js";

/** The flags every command has. */
const commonFlags = { help: { type: "boolean", short: "h" } } as const;

/** Result of parsing: either the parsed arguments or a request for help. */
export type ParseOutcome<F extends FlagSpecs> = { help: true } | { help: false; args: ParsedArgs<F> };

/**
 * Parses the arguments after the command name against the command's flag specs.
 * Throws a usage error (exit 2) for an unknown flag, a missing value, or a wrong number of positionals.
 */
export function parseCommandArgs<F extends FlagSpecs>(command: Command<F>, argv: readonly string[]): ParseOutcome<F> {
  const options: NonNullable<ParseArgsConfig["options"]> = { ...commonFlags };
  for (const [name, spec] of Object.entries(command.flags)) {
    options[name] = { type: spec.type, ...(spec.multiple ? { multiple: true } : {}), ...(spec.short ? { short: spec.short } : {}) };
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${command.name}: ${describeParseError(error)} (see mtls-lab ${command.name} --help)`);
  }
  if (parsed.values.help === true) return { help: true };

  const { name, min, max } = command.positionals;
  const count = parsed.positionals.length;
  if (count < min) throw usageError(`${command.name}: missing ${name} (see mtls-lab ${command.name} --help)`);
  if (max !== undefined && count > max) {
    const extra = parsed.positionals[max] ?? "";
    throw usageError(
      max === 0
        ? `${command.name}: unexpected argument ${JSON.stringify(extra)} (this command takes flags only)`
        : `${command.name}: too many arguments: ${JSON.stringify(extra)} (expected at most ${max} ${name})`,
    );
  }
  const flags: Record<string, unknown> = {};
  for (const flag of Object.keys(command.flags)) flags[flag] = parsed.values[flag];
  return { help: false, args: { flags, positionals: parsed.positionals } as ParsedArgs<F> };
}

/** parseArgs' messages are long and suggest `--` tricks; say what is wrong in a few words instead. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? "";
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown flag ${flag}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return message.includes("argument missing") ? `flag ${flag} needs a value` : `flag ${flag} takes no value`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return "unexpected argument";
    default:
      return message.split("\n")[0] ?? "bad arguments";
  }
}

/** Checks that a string flag is one of `allowed`; returns it typed. Usage error otherwise. */
export function oneOf<const T extends string>(command: string, flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${command}: --${flag} must be one of ${allowed.join(", ")}, not ${JSON.stringify(value)}`);
}

/** Parses an ISO 8601 time flag (`--at`). Usage error for anything Date cannot read. */
export function parseTime(command: string, flag: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw usageError(`${command}: --${flag} must be an ISO 8601 time such as 2027-01-31T12:00:00Z, not ${JSON.stringify(value)}`);
  }
  return date;
}

/** Parses a positive integer flag (`--days`). Usage error otherwise. */
export function parsePositiveInt(command: string, flag: string, value: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw usageError(`${command}: --${flag} must be a whole number from 1 to ${max}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}
