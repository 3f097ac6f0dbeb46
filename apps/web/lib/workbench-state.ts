/**
 * The visit's workspace as one pure reducer: `(state, action) -> state`. The shell in the root layout
 * holds it, so it lives for the whole visit (every view switch, back and forward). Components only
 * dispatch; an action that does not apply returns the same state object, so React skips the render.
 */

export const PanelTab = { problems: "problems", output: "output", handshake: "handshake" } as const;
export type PanelTab = (typeof PanelTab)[keyof typeof PanelTab];

export const Theme = { system: "system", dark: "dark", light: "light" } as const;
export type Theme = (typeof Theme)[keyof typeof Theme];

export const Overlay = { palette: "palette", quickOpen: "quickOpen" } as const;
export type Overlay = (typeof Overlay)[keyof typeof Overlay];

/** A file of the workspace shown in the explorer: dropped, pasted, generated or taken from a capture. */
export interface WorkbenchFile<T = unknown> {
  /** Unique in the workspace; also the tab id. */
  id: string;
  /** Path shown in the explorer ("nginx/mtls-reverse.conf"); the tab shows its last segment. */
  name: string;
  /** Explorer root folder ("kit", "inspected", "capture"). */
  group: string;
  /** Which tab renderer shows it ("text", "object", "error", ...); see the editor registry. */
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

/** A file chosen for one of Diagnose's inputs. */
export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

/** What the workspace knows about the kit generated in this visit (its files are in the "kit" group). */
export interface KitInfo {
  keyType: string;
  /** One line for the status bar: "kit: ec-p256 · 2 CAs, 1 server, 1 client". */
  status: string;
}

/** A PKCS#12 waiting for its password; the password is never stored. */
export interface PasswordPrompt {
  name: string;
  bytes: Uint8Array;
  /** Set after a wrong password. */
  error?: string;
}

export interface WorkbenchState {
  /** Wide screens: the side bar beside the editor. */
  sideBarVisible: boolean;
  /** Narrow screens (below 768 px): the side bar as a drawer over the editor. */
  drawerOpen: boolean;
  panelVisible: boolean;
  /** The panel was closed by the person: a new problem does not reopen it. */
  panelClosedByUser: boolean;
  panelTab: PanelTab;
  sideBarWidth: number;
  panelHeight: number;
  theme: Theme;
  overlay: Overlay | null;
  files: WorkbenchFile[];
  /** Open tabs by file id, in tab order. */
  tabs: string[];
  /** The active tab, or null for the current view's own page. */
  activeTab: string | null;
  /** A tab to show after the next navigation instead of the view's page ("Open in Inspect"). */
  pendingTab: string | null;
  problems: Problem[];
  output: string[];
  /** Diagnose's inputs by slot. */
  diagnoseInputs: Record<string, ChosenFile>;
  kit: KitInfo | null;
  /** Each view's last query string (settings only), so the activity bar returns to the same settings. */
  queries: Record<string, string>;
  /** "Keep this workspace in this tab": written to sessionStorage, keys included, only while true. */
  keep: boolean;
  busy: boolean;
  prompt: PasswordPrompt | null;
}

/** The parts of the state "Keep this workspace" writes and a reload restores. */
export type KeptWorkspace = Pick<WorkbenchState, "files" | "tabs" | "activeTab" | "problems" | "diagnoseInputs" | "kit" | "queries">;

export type WorkbenchAction =
  | { type: "toggleSideBar"; narrow?: boolean }
  | { type: "closeDrawer" }
  | { type: "togglePanel" }
  | { type: "showPanel"; tab: PanelTab }
  | { type: "setTheme"; theme: Theme }
  | { type: "cycleTheme" }
  | { type: "openOverlay"; overlay: Overlay }
  | { type: "closeOverlay" }
  | { type: "addFiles"; files: WorkbenchFile[]; open?: boolean }
  | { type: "replaceGroup"; group: string; files: WorkbenchFile[] }
  | { type: "updateFile"; id: string; data: unknown }
  | { type: "openTab"; id: string }
  | { type: "closeTab"; id?: string }
  | { type: "activateTab"; id: string }
  | { type: "showHome" }
  | { type: "setPendingTab"; id: string }
  | { type: "navigated" }
  | { type: "setProblems"; source: string; problems: Problem[] }
  | { type: "log"; line: string }
  | { type: "resizeSideBar"; width: number }
  | { type: "resizePanel"; height: number }
  | { type: "setDiagnoseInputs"; inputs: Record<string, ChosenFile | null | undefined> }
  | { type: "setKit"; kit: KitInfo | null }
  | { type: "setQuery"; view: string; query: string }
  | { type: "setKeep"; keep: boolean }
  | { type: "restore"; workspace: KeptWorkspace }
  | { type: "clearWorkspace" }
  | { type: "setBusy"; busy: boolean }
  | { type: "setPrompt"; prompt: PasswordPrompt | null };

/** Limits for the resizable panes, in CSS pixels. */
export const PaneLimits = { sideBarMin: 160, sideBarMax: 640, panelMin: 80, panelMax: 600 } as const;

/** Lines kept in the Output panel: older ones drop off so a long session does not grow without bound. */
const OUTPUT_LIMIT = 500;

/** The state a visit starts with: nothing open, the panel closed until there is something in it. */
export function initialWorkbenchState(theme: Theme = Theme.system): WorkbenchState {
  return {
    sideBarVisible: true,
    drawerOpen: false,
    panelVisible: false,
    panelClosedByUser: false,
    panelTab: PanelTab.problems,
    sideBarWidth: 260,
    panelHeight: 180,
    theme,
    overlay: null,
    files: [],
    tabs: [],
    activeTab: null,
    pendingTab: null,
    problems: [],
    output: [],
    diagnoseInputs: {},
    kit: null,
    queries: {},
    keep: false,
    busy: false,
    prompt: null,
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

/** A problem's identity: the same finding about the same source is listed once. */
const problemKey = (p: Problem) => `${p.severity}\u0000${p.source}\u0000${p.message}`;

function setProblems(state: WorkbenchState, source: string, incoming: Problem[]): WorkbenchState {
  const kept = state.problems.filter((p) => p.source !== source && !p.source.startsWith(`${source}/`));
  const seen = new Set(kept.map(problemKey));
  const added = incoming.filter((p) => {
    const key = problemKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const problems = [...kept, ...added];
  // The panel opens by itself when a problem arrives, unless the person closed it.
  const panelVisible = state.panelVisible || (added.length > 0 && !state.panelClosedByUser);
  return { ...state, problems, panelVisible, panelTab: panelVisible && !state.panelVisible ? PanelTab.problems : state.panelTab };
}

function clearWorkspace(state: WorkbenchState): WorkbenchState {
  const fresh = initialWorkbenchState(state.theme);
  return { ...fresh, sideBarVisible: state.sideBarVisible, sideBarWidth: state.sideBarWidth, panelHeight: state.panelHeight, output: ["Workspace cleared"] };
}

/** Applies one action; returns `state` itself when the action does not apply. */
export function workbenchReducer(state: WorkbenchState, action: WorkbenchAction): WorkbenchState {
  switch (action.type) {
    case "toggleSideBar":
      return action.narrow ? { ...state, drawerOpen: !state.drawerOpen } : { ...state, sideBarVisible: !state.sideBarVisible };
    case "closeDrawer":
      return state.drawerOpen ? { ...state, drawerOpen: false } : state;
    case "togglePanel":
      return { ...state, panelVisible: !state.panelVisible, panelClosedByUser: state.panelVisible };
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
      const activeTab = state.activeTab !== null && tabs.includes(state.activeTab) ? state.activeTab : null;
      return { ...state, files, tabs, activeTab };
    }
    case "updateFile": {
      const index = state.files.findIndex((f) => f.id === action.id);
      if (index < 0) return state;
      const files = state.files.slice();
      files[index] = { ...files[index]!, data: action.data };
      return { ...state, files };
    }
    case "openTab": {
      if (!state.files.some((f) => f.id === action.id)) return state;
      const tabs = state.tabs.includes(action.id) ? state.tabs : [...state.tabs, action.id];
      return { ...state, tabs, activeTab: action.id, drawerOpen: false };
    }
    case "activateTab":
      if (!state.tabs.includes(action.id) || state.activeTab === action.id) return state;
      return { ...state, activeTab: action.id };
    case "closeTab":
      return closeTab(state, action.id);
    case "showHome":
      return state.activeTab === null ? state : { ...state, activeTab: null };
    case "setPendingTab":
      return state.files.some((f) => f.id === action.id) ? { ...state, pendingTab: action.id } : state;
    case "navigated": {
      // A route change shows the new view's page, unless a tab was asked for ("Open in Inspect").
      const pending = state.pendingTab;
      if (pending !== null && state.files.some((f) => f.id === pending)) {
        const tabs = state.tabs.includes(pending) ? state.tabs : [...state.tabs, pending];
        return { ...state, tabs, activeTab: pending, pendingTab: null, drawerOpen: false };
      }
      if (state.activeTab === null && pending === null && !state.drawerOpen) return state;
      return { ...state, activeTab: null, pendingTab: null, drawerOpen: false };
    }
    case "setProblems":
      return setProblems(state, action.source, action.problems);
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
    case "setDiagnoseInputs": {
      const next = { ...state.diagnoseInputs };
      for (const [slot, file] of Object.entries(action.inputs)) {
        if (file) next[slot] = file;
        else delete next[slot];
      }
      return { ...state, diagnoseInputs: next };
    }
    case "setKit":
      return { ...state, kit: action.kit };
    case "setQuery":
      if (state.queries[action.view] === action.query) return state;
      return { ...state, queries: { ...state.queries, [action.view]: action.query } };
    case "setKeep":
      return state.keep === action.keep ? state : { ...state, keep: action.keep };
    case "restore": {
      const w = action.workspace;
      const ids = new Set(w.files.map((f) => f.id));
      const tabs = w.tabs.filter((t) => ids.has(t));
      return {
        ...state,
        keep: true,
        files: w.files,
        tabs,
        activeTab: w.activeTab !== null && tabs.includes(w.activeTab) ? w.activeTab : null,
        problems: w.problems,
        diagnoseInputs: w.diagnoseInputs,
        kit: w.kit,
        queries: w.queries,
        panelVisible: w.problems.length > 0,
      };
    }
    case "clearWorkspace":
      return clearWorkspace(state);
    case "setBusy":
      return state.busy === action.busy ? state : { ...state, busy: action.busy };
    case "setPrompt":
      return { ...state, prompt: action.prompt };
    default:
      return state;
  }
}
