/** Writes an EmitResult into a directory (test support; the demo app does this for real). */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EmitResult } from "../../src/index.js";

export function writeFiles(result: EmitResult, dir: string): void {
  for (const file of result.files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
    if (file.mode !== undefined) chmodSync(path, file.mode);
  }
}

/** The contents of the file at `path` in a result; throws when absent (a test bug). */
export function fileOf(result: EmitResult, path: string): string {
  const file = result.files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} in ${result.files.map((f) => f.path).join(", ")}`);
  return file.contents;
}
