/**
 * The shape of one `mtls-lab` command. A command is data (name, summary, usage, flags) plus one
 * `run` function; the framework parses the command line with node:util parseArgs, prints help and
 * usage errors, and turns thrown errors into one line on stderr.
 *
 * To add a command: write `commands/<name>.ts` exporting `defineCommand({...})`, then add ONE entry to
 * `commands/index.ts`: `{ name, summary, load: async () => (await import("./name.js")).name }`.
 */

/** Where a command writes. Tests pass a fake that collects text; main.ts passes the process streams. */
export interface OutputStream {
  write(text: string): unknown;
}

/** Everything a command may touch of its surroundings, so tests can drive it without a process. */
export interface CommandIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Directory relative paths are resolved against. */
  cwd: string;
  /** Aborted on SIGINT/SIGTERM: long-running commands (serve, up) stop and resolve their exit code. */
  signal?: AbortSignal;
  /** Called by runCli before a `runsUntilStopped` command runs: the first signal then aborts `signal`. */
  serving?: () => void;
  /** All of standard input, for `-` as a file name; absent when there is no stdin (tests). */
  readStdin?: () => Promise<Uint8Array>;
}

/** One flag, as node:util parseArgs takes it, plus what help shows. */
export interface FlagSpec {
  type: "string" | "boolean";
  /** The flag may be repeated; the value is then a string[]. */
  multiple?: boolean;
  /** One-letter alias. */
  short?: string;
  /** Placeholder shown in help for string flags: "DIR", "FILE", "ISO". */
  value?: string;
  /** One line for help. */
  description: string;
}

/** The flags of a command by long name (without the leading "--"). */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** The parsed value of one flag: booleans, a string, or every occurrence of a repeated flag. */
export type FlagValue<S extends FlagSpec> = S["type"] extends "boolean"
  ? boolean | undefined
  : S["multiple"] extends true
    ? string[] | undefined
    : string | undefined;

/** What `run` receives: typed flag values and the positional arguments. */
export interface ParsedArgs<F extends FlagSpecs = FlagSpecs> {
  flags: { [K in keyof F]: FlagValue<F[K]> };
  positionals: string[];
}

/** Positional arguments a command accepts; fewer than `min` or more than `max` is a usage error. */
export interface PositionalSpec {
  /** Shown in the usage error: "<file>", "<capture.json>". */
  name: string;
  min: number;
  /** Omit for any number. */
  max?: number;
}

/** One command of the `mtls-lab` CLI. */
export interface Command<F extends FlagSpecs = FlagSpecs> {
  /** The word after `mtls-lab`. */
  name: string;
  /** One line for `mtls-lab --help`. */
  summary: string;
  /** Synopsis lines after "usage: ", e.g. "mtls-lab inspect <file...> [--json]". */
  usage: string;
  /** Optional paragraphs shown after the flags in `mtls-lab <cmd> --help` (examples, exit codes). */
  details?: string;
  flags: F;
  positionals: PositionalSpec;
  /**
   * A server (serve, app, up): the first SIGINT/SIGTERM aborts io.signal and the command stops gracefully,
   * a second ends the process. Other commands end on the first signal (exit 130/143).
   */
  runsUntilStopped?: boolean;
  /** Runs the command; resolves the process exit code (0 ok, 1 failure, 2 usage). May throw CliError. */
  run(args: ParsedArgs<F>, io: CommandIo): Promise<number>;
}

/**
 * A registered command before its module is imported: what `mtls-lab --help` lists, and how to load the rest.
 * The CLI imports a command's module (and what it needs, such as @mtls-lab/x509) only to run it or show its help.
 */
export interface CommandEntry {
  readonly name: string;
  /** The same line as the command's own `summary`. */
  readonly summary: string;
  load(): Promise<Command>;
}

/** Identity helper that keeps the flag types of a command literal, so `args.flags` is typed. */
export function defineCommand<const F extends FlagSpecs>(command: Command<F>): Command<F> {
  return command;
}
