/**
 * "Keep this workspace in this tab": the workspace as JSON in sessionStorage (this tab only, gone when the
 * tab closes, never sent anywhere). Bytes (certificates, keys, PKCS#12) are written as base64. Nothing is
 * written unless the person turned Keep on, because the kit's private keys are part of it.
 */
import type { KeptWorkspace, WorkbenchState } from "./workbench-state";

/** The sessionStorage key. */
export const STORAGE_KEY = "mtls-lab.workspace.v1";

/** The minimal Storage surface used, so tests can pass a Map-backed one. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const BYTES = "$bytes";

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** The kept parts of `state` as one JSON string. */
export function serializeWorkspace(state: WorkbenchState): string {
  const kept: KeptWorkspace = {
    files: state.files,
    tabs: state.tabs,
    activeTab: state.activeTab,
    problems: state.problems,
    diagnoseInputs: state.diagnoseInputs,
    kit: state.kit,
    queries: state.queries,
  };
  return JSON.stringify(kept, (_key, value: unknown) => (value instanceof Uint8Array ? { [BYTES]: toBase64(value) } : value));
}

/** The workspace from `text`, or null when it is not one (an older version, a damaged value). */
export function parseWorkspace(text: string | null): KeptWorkspace | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text, (_key, v: unknown) => {
      if (v && typeof v === "object" && !Array.isArray(v) && typeof (v as Record<string, unknown>)[BYTES] === "string" && Object.keys(v).length === 1) {
        return fromBase64((v as Record<string, string>)[BYTES]!);
      }
      return v;
    }) as Partial<KeptWorkspace>;
    if (!Array.isArray(value.files) || !Array.isArray(value.tabs) || !Array.isArray(value.problems)) return null;
    return {
      files: value.files,
      tabs: value.tabs,
      activeTab: typeof value.activeTab === "string" ? value.activeTab : null,
      problems: value.problems,
      diagnoseInputs: value.diagnoseInputs && typeof value.diagnoseInputs === "object" ? value.diagnoseInputs : {},
      kit: value.kit ?? null,
      queries: value.queries && typeof value.queries === "object" ? value.queries : {},
    };
  } catch {
    return null;
  }
}

/** Writes the workspace when Keep is on, removes it when off. A full storage keeps the old value and says so. */
export function saveWorkspace(storage: StorageLike, state: WorkbenchState): string | null {
  if (!state.keep) {
    storage.removeItem(STORAGE_KEY);
    return null;
  }
  try {
    storage.setItem(STORAGE_KEY, serializeWorkspace(state));
    return null;
  } catch (e) {
    return `Could not keep the workspace in this tab: ${(e as Error).message}`;
  }
}

/** The kept workspace, or null. */
export function loadWorkspace(storage: StorageLike): KeptWorkspace | null {
  return parseWorkspace(storage.getItem(STORAGE_KEY));
}
