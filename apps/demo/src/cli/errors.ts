/**
 * Errors the CLI turns into one line on stderr, never a stack trace.
 * Exit codes: 1 for bad input or a failed check, 2 for a usage error (unknown command or flag,
 * missing argument, a flag value that is not one of the allowed ones).
 */

/** Process exit codes of every command. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user caused or can fix: printed as `mtls-lab: <message>` with its exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = ExitCode.failure) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** A usage error (exit 2): the command line itself is wrong. */
export function usageError(message: string): CliError {
  return new CliError(message, ExitCode.usage);
}

/** Bad input in a file (exit 1): `<file>: <what is wrong>`. */
export function fileError(file: string, message: string): CliError {
  return new CliError(`${file}: ${message}`, ExitCode.failure);
}

/** The one-line text of anything thrown: its message on one line, never a stack. */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n").map((part) => part.trim()).filter(Boolean).join(" ");
  return line || (error instanceof Error ? error.name : "unknown error");
}

/**
 * Runs `work` and prefixes any non-CLI error with the file it was about, so a decoder message such as
 * "not a certificate" reaches the user as `server.key: not a certificate`.
 */
export async function aboutFile<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw fileError(file, describeError(error));
  }
}
