/**
 * The kit's .zip, made by the worker with the kit and kept here until the kit changes, so "Download kit"
 * saves it at once. The key is kit.json's workspace file: generating or revoking replaces it.
 */
import type { WorkbenchFile } from "../../lib/workbench-state";

let kept: { stamp: unknown; bytes: Uint8Array } | null = null;

const stampOf = (files: readonly WorkbenchFile[]) => files.find((f) => f.name === "kit.json")?.data;

/** Keeps `bytes` as the zip of `files`. */
export function rememberZip(files: readonly WorkbenchFile[], bytes: Uint8Array): void {
  kept = { stamp: stampOf(files), bytes };
}

/** The kept zip when it is of `files` (the same kit.json), else null. */
export function zipOf(files: readonly WorkbenchFile[]): Uint8Array | null {
  const stamp = stampOf(files);
  return kept && stamp !== undefined && kept.stamp === stamp ? kept.bytes : null;
}
