/** The text of `mtls-lab --help` and `mtls-lab <command> --help`. */
import type { Command, CommandEntry, FlagSpec } from "./command.js";

/** The overview: every command with its summary (from the registry: no command module is imported). */
export function formatOverview(commands: readonly CommandEntry[]): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    "mtls-lab: learn, set up and debug mutual TLS",
    "",
    "usage: mtls-lab <command> [flags]",
    "",
    "commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Run `mtls-lab <command> --help` for a command's flags.",
    "Exit codes: 0 success, 1 bad input or a failed check, 2 usage error.",
    "",
  ].join("\n");
}

/** One command's help: usage, flags, details. */
export function formatCommandHelp(command: Command): string {
  const rows = Object.entries(command.flags).map(([name, spec]) => [flagLabel(name, spec), describe(spec)] as const);
  rows.push(["-h, --help", "show this help"]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `mtls-lab ${command.name}: ${command.summary}`,
    "",
    ...command.usage.split("\n").map((line, index) => `${index === 0 ? "usage: " : "       "}${line}`),
    "",
    "flags:",
    ...rows.map(([label, text]) => `  ${label.padEnd(width)}  ${text}`),
    ...(command.details ? ["", command.details.trimEnd()] : []),
    "",
  ].join("\n");
}

function flagLabel(name: string, spec: FlagSpec): string {
  const long = spec.type === "string" ? `--${name} ${spec.value ?? "VALUE"}` : `--${name}`;
  return spec.short ? `-${spec.short}, ${long}` : long;
}

function describe(spec: FlagSpec): string {
  return spec.multiple ? `${spec.description} (repeatable)` : spec.description;
}
