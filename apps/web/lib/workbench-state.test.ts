import { describe, expect, it } from "vitest";
import { initialWorkbenchState, PaneLimits, workbenchReducer, type WorkbenchAction, type WorkbenchFile } from "./workbench-state";

const file = (id: string, group = "kit"): WorkbenchFile => ({ id, name: `${id}.txt`, group, editor: "text", data: null });
const apply = (actions: WorkbenchAction[]) => actions.reduce(workbenchReducer, initialWorkbenchState());

describe("workbenchReducer", () => {
  it("toggles the side bar and the panel", () => {
    const s = apply([{ type: "toggleSideBar" }, { type: "togglePanel" }, { type: "togglePanel" }]);
    expect([s.sideBarVisible, s.panelVisible, s.panelClosedByUser]).toEqual([false, false, true]);
    expect(apply([{ type: "toggleSideBar", narrow: true }])).toMatchObject({ sideBarVisible: true, drawerOpen: true });
    expect(workbenchReducer(s, { type: "showPanel", tab: "output" })).toMatchObject({ panelVisible: true, panelTab: "output" });
  });

  it("returns the same state object for actions that do not apply", () => {
    const s = initialWorkbenchState();
    expect(workbenchReducer(s, { type: "openTab", id: "missing" })).toBe(s);
    expect(workbenchReducer(s, { type: "closeTab" })).toBe(s);
    expect(workbenchReducer(s, { type: "activateTab", id: "x" })).toBe(s);
    expect(workbenchReducer(s, { type: "closeOverlay" })).toBe(s);
    expect(workbenchReducer(s, { type: "setTheme", theme: "sepia" as never })).toBe(s);
    expect(workbenchReducer(s, { type: "showPanel", tab: "terminal" as never })).toBe(s);
    expect(workbenchReducer(s, { type: "resizePanel", height: Number.NaN })).toBe(s);
    expect(workbenchReducer(s, { type: "nope" } as never)).toBe(s);
  });

  it("opens files in tabs once, and closing the active tab activates its right neighbour, else the left", () => {
    let s = apply([{ type: "addFiles", files: [file("a"), file("b"), file("c")] }, { type: "openTab", id: "a" }, { type: "openTab", id: "b" }, { type: "openTab", id: "c" }, { type: "openTab", id: "b" }]);
    expect(s.tabs).toEqual(["a", "b", "c"]);
    expect(s.activeTab).toBe("b");
    s = workbenchReducer(s, { type: "closeTab" });
    expect([s.tabs, s.activeTab]).toEqual([["a", "c"], "c"]);
    s = workbenchReducer(s, { type: "closeTab", id: "c" });
    expect([s.tabs, s.activeTab]).toEqual([["a"], "a"]);
    s = workbenchReducer(s, { type: "closeTab" });
    expect([s.tabs, s.activeTab]).toEqual([[], null]);
  });

  it("replaces a group's files and closes the tabs of files that are gone", () => {
    let s = apply([{ type: "addFiles", files: [file("old"), file("keep", "inspected")], open: true }, { type: "openTab", id: "keep" }]);
    s = workbenchReducer(s, { type: "replaceGroup", group: "kit", files: [file("new")] });
    expect(s.files.map((f) => f.id)).toEqual(["keep", "new"]);
    expect(s.tabs).toEqual(["keep"]);
    expect(s.activeTab).toBe("keep");
  });

  it("keeps problems per source and bounds the output", () => {
    let s = apply([
      { type: "setProblems", source: "a", problems: [{ id: "1", severity: "warning", source: "a", message: "m" }] },
      { type: "setProblems", source: "b", problems: [{ id: "2", severity: "error", source: "b", message: "n" }] },
      { type: "setProblems", source: "a", problems: [] },
    ]);
    expect(s.problems.map((p) => p.id)).toEqual(["2"]);
    for (let i = 0; i < 600; i++) s = workbenchReducer(s, { type: "log", line: String(i) });
    expect(s.output.length).toBe(500);
    expect(s.output.at(-1)).toBe("599");
  });

  it("clamps pane sizes and cycles the theme system -> dark -> light -> system", () => {
    const s = apply([{ type: "resizeSideBar", width: 10 }, { type: "resizePanel", height: 5000 }]);
    expect([s.sideBarWidth, s.panelHeight]).toEqual([PaneLimits.sideBarMin, PaneLimits.panelMax]);
    const themes = [1, 2, 3].map((n) => apply(Array.from({ length: n }, () => ({ type: "cycleTheme" }) as const)).theme);
    expect(themes).toEqual(["dark", "light", "system"]);
  });

  it("lists each problem once and opens the panel for a new one unless it was closed by hand", () => {
    const p = (id: string, message: string) => ({ id, severity: "warning" as const, source: "a.crt", message });
    let s = apply([{ type: "setProblems", source: "a.crt", problems: [p("1", "no SAN"), p("2", "no SAN"), p("3", "expired")] }]);
    expect(s.problems.map((x) => x.id)).toEqual(["1", "3"]);
    expect(s.panelVisible).toBe(true);
    s = apply([{ type: "togglePanel" }, { type: "togglePanel" }, { type: "setProblems", source: "b", problems: [p("4", "x")] }]);
    expect(s.panelVisible).toBe(false);
  });

  it("shows the view's page after navigation, or the tab asked for", () => {
    let s = apply([{ type: "addFiles", files: [file("a"), file("b")], open: true }]);
    expect(s.activeTab).toBe("a");
    s = workbenchReducer(s, { type: "navigated" });
    expect([s.activeTab, s.tabs]).toEqual([null, ["a"]]);
    s = workbenchReducer(workbenchReducer(s, { type: "setPendingTab", id: "b" }), { type: "navigated" });
    expect([s.activeTab, s.tabs, s.pendingTab]).toEqual(["b", ["a", "b"], null]);
    expect(workbenchReducer(s, { type: "setPendingTab", id: "missing" })).toBe(s);
  });

  it("keeps Diagnose's inputs, restores a kept workspace, and clears everything", () => {
    const bytes = new Uint8Array([1, 2]);
    let s = apply([
      { type: "addFiles", files: [file("a")], open: true },
      { type: "setDiagnoseInputs", inputs: { serverChain: { name: "s.crt", bytes }, clientChain: { name: "c.crt", bytes } } },
      { type: "setDiagnoseInputs", inputs: { clientChain: null } },
      { type: "setKit", kit: { keyType: "ec-p256", status: "kit" } },
      { type: "setKeep", keep: true },
    ]);
    expect(Object.keys(s.diagnoseInputs)).toEqual(["serverChain"]);
    const restored = workbenchReducer(initialWorkbenchState(), { type: "restore", workspace: { ...s, tabs: [...s.tabs, "gone"] } });
    expect([restored.files, restored.tabs, restored.activeTab, restored.keep, restored.kit]).toEqual([s.files, ["a"], "a", true, s.kit]);
    s = workbenchReducer(s, { type: "clearWorkspace" });
    expect([s.files, s.tabs, s.diagnoseInputs, s.kit, s.keep, s.problems]).toEqual([[], [], {}, null, false, []]);
  });
});
