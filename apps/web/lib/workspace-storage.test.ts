import { describe, expect, it } from "vitest";
import { initialWorkbenchState, workbenchReducer } from "./workbench-state";
import { loadWorkspace, parseWorkspace, saveWorkspace, STORAGE_KEY, type StorageLike } from "./workspace-storage";

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0xff]);
const withFiles = (keep: boolean) =>
  [
    { type: "addFiles", files: [{ id: "k", name: "server.key", group: "kit", editor: "text", data: { contents: "-----BEGIN PRIVATE KEY-----", der } }], open: true },
    { type: "setKeep", keep },
  ].reduce((s, a) => workbenchReducer(s, a as never), initialWorkbenchState());

describe("workspace storage", () => {
  it("writes nothing (and removes what was kept) unless Keep is on", () => {
    const storage = memoryStorage();
    storage.map.set(STORAGE_KEY, "old");
    expect(saveWorkspace(storage, withFiles(false))).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it("round-trips files with their bytes when Keep is on", () => {
    const storage = memoryStorage();
    saveWorkspace(storage, withFiles(true));
    const kept = loadWorkspace(storage)!;
    expect(kept.files[0]!.name).toBe("server.key");
    const data = kept.files[0]!.data as { der: Uint8Array };
    expect(data.der).toBeInstanceOf(Uint8Array);
    expect(Array.from(data.der)).toEqual(Array.from(der));
    expect([kept.tabs, kept.activeTab]).toEqual([["k"], "k"]);
  });

  it("ignores damaged or foreign values", () => {
    expect(parseWorkspace("{not json")).toBeNull();
    expect(parseWorkspace(JSON.stringify({ files: "x" }))).toBeNull();
    expect(parseWorkspace(null)).toBeNull();
  });

  it("reports a full storage in one line instead of throwing", () => {
    const storage = { ...memoryStorage(), setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(saveWorkspace(storage, withFiles(true))).toMatch(/^Could not keep the workspace in this tab: QuotaExceededError$/);
  });
});
