/**
 * The workbench's state as one pure reducer: `(state, action) -> state`. Components only dispatch;
 * an action that does not apply returns the same state object, so React skips the render.
 */
import type { ViewId } from "./view-ids";

export const PanelTab = { problems: "problems", output: "output", handshake: "handshake" } as const;
export type PanelTab = (typeof PanelTab)[keyof typeof PanelTab];

export const Theme = { system: "system", dark: "dark", light: "light" } as const;
export type Theme = (typeof Theme)[keyof typeof Theme];

export const Overlay = { palette: "palette", quickOpen: "quickOpen" } as const;
export type Overlay = (typeof Overlay)[keyof typeof Overlay];

/** A file of the session shown in the explorer: dropped, pasted or generated. */
export interface WorkbenchFile<T = unknown> {
  /** Unique in the session; also the tab id. */
  id: string;
  name: string;
  /** Explorer folder ("kit", "inspected"). */
  group: string;
  /** Which tab renderer shows it ("text", "object", ...); see the editor registry. */
  editor: string;
  data: T;
}

export const Severity = { error: "error", warning: "warning", info: "info" } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** One line of the Problems panel. */
export interface Problem {
  id: string;
  severity: Severity;
  /** Which file or object it is about. */
  source: string;
  message: string;
  fix?: string;
  learn?: string;
}

export interface WorkbenchState {
  view: ViewId;
  sideBarVisible: boolean;
  panelVisible: boolean;
  panelTab: PanelTab;
  sideBarWidth: number;
  panelHeight: number;
  theme: Theme;
  overlay: Overlay | null;
  files: WorkbenchFile[];
  /** Open tabs by file id, in tab order. */
  tabs: string[];
  activeTab: string | null;
  problems: Problem[];
  output: string[];
}

export type WorkbenchAction =
  | { type: "toggleSideBar" }
  | { type: "togglePanel" }
  | { type: "showPanel"; tab: PanelTab }
  | { type: "setTheme"; theme: Theme }
  | { type: "cycleTheme" }
  | { type: "openOverlay"; overlay: Overlay }
  | { type: "closeOverlay" }
  | { type: "addFiles"; files: WorkbenchFile[]; open?: boolean }
  | { type: "replaceGroup"; group: string; files: WorkbenchFile[] }
  | { type: "openTab"; id: string }
  | { type: "closeTab"; id?: string }
  | { type: "activateTab"; id: string }
  | { type: "setProblems"; source: string; problems: Problem[] }
  | { type: "log"; line: string }
  | { type: "resizeSideBar"; width: number }
  | { type: "resizePanel"; height: number };

/** Limits for the resizable panes, in CSS pixels. */
export const PaneLimits = { sideBarMin: 160, sideBarMax: 640, panelMin: 80, panelMax: 600 } as const;

/** Lines kept in the Output panel: older ones drop off so a long session does not grow without bound. */
const OUTPUT_LIMIT = 500;

/** The state a view starts with. */
export function initialWorkbenchState(view: ViewId, theme: Theme = Theme.system): WorkbenchState {
  return {
    view,
    sideBarVisible: true,
    panelVisible: true,
    panelTab: PanelTab.problems,
    sideBarWidth: 240,
    panelHeight: 180,
    theme,
    overlay: null,
    files: [],
    tabs: [],
    activeTab: null,
    problems: [],
    output: [],
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

function closeTab(state: WorkbenchState, id: string | undefined): WorkbenchState {
  const target = id ?? state.activeTab;
  const index = target === null ? -1 : state.tabs.indexOf(target);
  if (index < 0) return state;
  const tabs = state.tabs.filter((t) => t !== target);
  // Like VS Code: closing the active tab activates its right neighbour, else the left one.
  const activeTab = state.activeTab === target ? (tabs[index] ?? tabs[index - 1] ?? null) : state.activeTab;
  return { ...state, tabs, activeTab };
}

/** Applies one action; returns `state` itself when the action does not apply. */
export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case "toggleSideBar":
      return { ...state, sideBarVisible: !state.sideBarVisible };
    case "togglePanel":
      return { ...state, panelVisible: !state.panelVisible };
    case "showPanel":
      if (!Object.values(PanelTab).includes(action.tab)) return state;
      return { ...state, panelVisible: true, panelTab: action.tab };
    case "setTheme":
      if (!Object.values(Theme).includes(action.theme) || action.theme === state.theme) return state;
      return { ...state, theme: action.theme };
    case "cycleTheme": {
      const order: Theme[] = [Theme.system, Theme.dark, Theme.light];
      return { ...state, theme: order[(order.indexOf(state.theme) + 1) % order.length] ?? Theme.system };
    }
    case "openOverlay":
      if (!Object.values(Overlay).includes(action.overlay)) return state;
      return { ...state, overlay: action.overlay };
    case "closeOverlay":
      return state.overlay === null ? state : { ...state, overlay: null };
    case "addFiles": {
      if (action.files.length === 0) return state;
      const ids = new Set(action.files.map((f) => f.id));
      const files = [...state.files.filter((f) => !ids.has(f.id)), ...action.files];
      if (!action.open) return { ...state, files };
      const first = action.files[0]!.id;
      const tabs = state.tabs.includes(first) ? state.tabs : [...state.tabs, first];
      return { ...state, files, tabs, activeTab: first };
    }
    case "replaceGroup": {
      const gone = new Set(state.files.filter((f) => f.group === action.group).map((f) => f.id));
      const files = [...state.files.filter((f) => f.group !== action.group), ...action.files];
      const kept = new Set(files.map((f) => f.id));
      const tabs = state.tabs.filter((t) => !gone.has(t) || kept.has(t));
      const activeTab = state.activeTab !== null && tabs.includes(state.activeTab) ? state.activeTab : (tabs[0] ?? null);
      return { ...state, files, tabs, activeTab };
    }
    case "openTab": {
      if (!state.files.some((f) => f.id === action.id)) return state;
      const tabs = state.tabs.includes(action.id) ? state.tabs : [...state.tabs, action.id];
      return { ...state, tabs, activeTab: action.id };
    }
    case "activateTab":
      if (!state.tabs.includes(action.id) || state.activeTab === action.id) return state;
      return { ...state, activeTab: action.id };
    case "closeTab":
      return closeTab(state, action.id);
    case "setProblems": {
      const problems = [...state.problems.filter((p) => p.source !== action.source), ...action.problems];
      return { ...state, problems };
    }
    case "log": {
      const output = [...state.output, action.line];
      return { ...state, output: output.length > OUTPUT_LIMIT ? output.slice(-OUTPUT_LIMIT) : output };
    }
    case "resizeSideBar":
      if (!Number.isFinite(action.width)) return state;
      return { ...state, sideBarWidth: clamp(action.width, PaneLimits.sideBarMin, PaneLimits.sideBarMax) };
    case "resizePanel":
      if (!Number.isFinite(action.height)) return state;
      return { ...state, panelHeight: clamp(action.height, PaneLimits.panelMin, PaneLimits.panelMax) };
    default:
      return state;
  }
}
