/**
 * The command registry: the entries of commands/index.ts (name, summary, loader), in the order of `order`
 * (anything not listed there follows alphabetically). To register a command add its entry to
 * commands/index.ts; nothing here needs to change. Nothing here imports a command module.
 */
import type { Command, CommandEntry } from "./command.js";
import { commandEntries } from "./commands/index.js";

/** How `mtls-lab --help` lists commands: the learning path first, the lab after. */
const order = ["inspect", "kit", "verify", "diagnose", "lint", "config", "explain", "serve", "app", "request", "up"];

function rank(entry: CommandEntry): number {
  const index = order.indexOf(entry.name);
  return index === -1 ? order.length : index;
}

/** Every registered command, as help lists them. */
export const commands: readonly CommandEntry[] = [...commandEntries].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));

/** The entry of the command called `name`, if any. */
export function findCommand(name: string, list: readonly CommandEntry[] = commands): CommandEntry | undefined {
  return list.find((entry) => entry.name === name);
}

/** An already imported command as a registry entry (tests and programs that define their own commands). */
export function entryOf(command: Command): CommandEntry {
  return { name: command.name, summary: command.summary, load: async () => command };
}
