/**
 * The command registry: every command exported from commands/index.ts, in the order of `order`
 * (anything not listed there follows alphabetically). To register a command add one export line to
 * commands/index.ts; nothing here needs to change.
 */
import type { Command } from "./command.js";
import * as exported from "./commands/index.js";

/** How `mtls-lab --help` lists commands: the learning path first, the lab after. */
const order = ["inspect", "kit", "verify", "diagnose", "lint", "config", "explain", "serve", "app", "request", "up"];

function rank(command: Command): number {
  const index = order.indexOf(command.name);
  return index === -1 ? order.length : index;
}

/** Every registered command. */
export const commands: readonly Command[] = (Object.values(exported) as Command[])
  .filter((value) => typeof value === "object" && value !== null && typeof value.run === "function")
  .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));

/** The command called `name`, if any. */
export function findCommand(name: string, list: readonly Command[] = commands): Command | undefined {
  return list.find((command) => command.name === name);
}
