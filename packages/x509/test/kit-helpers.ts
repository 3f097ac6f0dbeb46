/**
 * Test support for kit tests: writing a kit to a temporary directory with its modes, and reading files back.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Kit, KitFile } from "../src/index.js";

/** Writes every file of the kit under dir with its mode (as the CLI does), returns the paths by file name. */
export function writeKit(kit: Kit, dir: string): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const file of kit.files) {
    const path = join(dir, file.name);
    writeFileSync(path, file.contents, { mode: file.mode });
    chmodSync(path, file.mode); // the umask may have cleared bits
    paths[file.name] = path;
  }
  return paths;
}

/** The file of that name; fails the test when missing. */
export function kitFile(kit: Kit, name: string): KitFile {
  const file = kit.files.find((f) => f.name === name);
  if (!file) throw new Error(`kit has no ${name}; it has ${kit.files.map((f) => f.name).join(", ")}`);
  return file;
}

/** Text contents of a PEM file of the kit. */
export function kitText(kit: Kit, name: string): string {
  const { contents } = kitFile(kit, name);
  if (typeof contents !== "string") throw new Error(`${name} is binary`);
  return contents;
}

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
