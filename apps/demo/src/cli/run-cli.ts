/**
 * The CLI as a function: `runCli(argv, io)` resolves the exit code. main.ts only calls it;
 * tests call it with a fake io. Nothing here exits the process or prints a stack trace.
 */
import type { CommandEntry, CommandIo } from "./command.js";
import { CliError, ExitCode, describeError } from "./errors.js";
import { formatCommandHelp, formatOverview } from "./help.js";
import { shownIo } from "./output.js";
import { parseCommandArgs } from "./parse.js";
import { commands as registered, findCommand } from "./registry.js";

/** Runs one command line (without "node" and the script path) and resolves the exit code. */
export async function runCli(argv: readonly string[], rawIo: CommandIo, commands: readonly CommandEntry[] = registered): Promise<number> {
  const io = shownIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" && rest[0] !== undefined ? findCommand(rest[0], commands) : undefined;
    (name === undefined ? io.stderr : io.stdout).write(topic ? formatCommandHelp(await topic.load()) : formatOverview(commands));
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  const entry = findCommand(name, commands);
  if (!entry) {
    io.stderr.write(`mtls-lab: unknown command ${JSON.stringify(name)} (see mtls-lab --help)\n`);
    return ExitCode.usage;
  }
  try {
    // Only now is the command's module imported (the registry holds names, summaries and loaders).
    const command = await entry.load();
    const outcome = parseCommandArgs(command, rest);
    if (outcome.help) {
      io.stdout.write(formatCommandHelp(command));
      return ExitCode.ok;
    }
    if (command.runsUntilStopped) io.serving?.();
    return await command.run(outcome.args, io);
  } catch (error) {
    io.stderr.write(`mtls-lab: ${describeError(error)}\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.failure;
  }
}
