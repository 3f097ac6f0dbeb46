/**
 * The visit's files across views: each view's workbench reports its explorer files here, so Handshake
 * and Diagnose can use a kit generated or certificates inspected earlier in the same visit. Module state
 * (kept across client-side navigation, gone on reload), never a global on window, never stored or sent.
 */
import { useSyncExternalStore } from "react";
import type { WorkbenchFile } from "./workbench-state";

let files: readonly WorkbenchFile[] = [];
const listeners = new Set<() => void>();

/**
 * Records a view's files; files are kept by id, the newest version wins. An empty list changes nothing:
 * a view that opens with an empty explorer must not forget what another view made.
 */
export function rememberSessionFiles(next: readonly WorkbenchFile[]): void {
  if (next.length === 0) return;
  const ids = new Set(next.map((f) => f.id));
  // A regenerated kit replaces the old one: files of a group that is being reported are replaced as a whole.
  const groups = new Set(next.map((f) => f.group));
  files = [...files.filter((f) => !ids.has(f.id) && !groups.has(f.group)), ...next];
  for (const listener of listeners) listener();
}

/** The files recorded so far in this visit. */
export function sessionFiles(): readonly WorkbenchFile[] {
  return files;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const empty: readonly WorkbenchFile[] = [];

/** The visit's files, re-rendering the caller when they change. */
export function useSessionFiles(): readonly WorkbenchFile[] {
  return useSyncExternalStore(subscribe, sessionFiles, () => empty);
}
