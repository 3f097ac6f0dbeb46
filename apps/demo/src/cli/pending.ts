/**
 * Looks up a function a sibling package is still growing, so a command can ship before the function
 * does and say plainly that it is "not available yet" instead of failing to build.
 */
import { CliError } from "./errors.js";

/** The export `name` of `module` as a function of type T, or a CliError naming what is missing. */
export function requireExport<T>(module: object, packageName: string, name: string, command: string): T {
  const value = (module as Record<string, unknown>)[name];
  if (typeof value !== "function") {
    throw new CliError(`${command}: not available yet (${packageName} does not export ${name} in this build)`);
  }
  return value as T;
}
