"use client";
/**
 * The workbench shell: activity bar, side bar with the explorer, editor tabs, panel,
 * status bar, command palette and quick open. Views fill it through props and the context hooks.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { ActivityBar } from "./activity-bar";
import { WorkbenchContext, type Command, type WorkbenchContextValue } from "./context";
import { EditorArea } from "./editor-area";
import { Explorer } from "./explorer";
import { Panel } from "./panel";
import { QuickInput, type QuickItem } from "./quick-input";
import { Sash } from "./sash";
import { StatusBar } from "./status-bar";
import { commandForChord, shortcutFor } from "../lib/keybindings";
import { initialWorkbenchState, workbenchReducer, Overlay } from "../lib/workbench-state";
import { rememberSessionFiles } from "../lib/session-files";
import type { ViewId } from "../lib/view-ids";
import { views, viewById } from "../views/registry";

export interface WorkbenchProps {
  view: ViewId;
  /** The view's own side bar section, above the explorer. */
  sideBar?: ReactNode;
  /** What the explorer says while it is empty. */
  explorerEmpty?: ReactNode;
  /** Shown in the editor area while no tab is open. */
  home: ReactNode;
  /** Extra status bar items. */
  status?: ReactNode;
  /** Always mounted inside the workbench (controllers, dialogs). */
  children?: ReactNode;
}

/** The shell; `view` picks the activity bar entry, the other props are the view contributions. */
export function Workbench({ view, sideBar, explorerEmpty, home, status, children }: WorkbenchProps) {
  const [state, dispatch] = useReducer(workbenchReducer, view, (v: ViewId) => initialWorkbenchState(v));
  const router = useRouter();
  const [contributed, setContributed] = useState<Command[][]>([]);
  const dropHandler = useRef<((files: File[]) => void) | null>(null);
  const [dragging, setDragging] = useState(false);

  const builtIn = useMemo<Command[]>(
    () => [
      { id: "workbench.palette", title: "Show All Commands", run: () => dispatch({ type: "openOverlay", overlay: Overlay.palette }) },
      { id: "workbench.quickOpen", title: "Go to File…", run: () => dispatch({ type: "openOverlay", overlay: Overlay.quickOpen }) },
      { id: "workbench.toggleSideBar", title: "View: Toggle Side Bar", run: () => dispatch({ type: "toggleSideBar" }) },
      { id: "workbench.togglePanel", title: "View: Toggle Panel", run: () => dispatch({ type: "togglePanel" }) },
      { id: "workbench.closeTab", title: "View: Close Editor", run: () => dispatch({ type: "closeTab" }) },
      { id: "workbench.problems", title: "View: Show Problems", run: () => dispatch({ type: "showPanel", tab: "problems" }) },
      { id: "workbench.output", title: "View: Show Output", run: () => dispatch({ type: "showPanel", tab: "output" }) },
      { id: "workbench.themeDark", title: "Preferences: Dark Theme", run: () => dispatch({ type: "setTheme", theme: "dark" }) },
      { id: "workbench.themeLight", title: "Preferences: Light Theme", run: () => dispatch({ type: "setTheme", theme: "light" }) },
      { id: "workbench.themeSystem", title: "Preferences: Theme Follows the System", run: () => dispatch({ type: "setTheme", theme: "system" }) },
      ...views.map((v) => ({ id: `view.${v.id}`, title: `Go to ${v.title}`, run: () => router.push(v.href) })),
    ],
    [router],
  );
  const commands = useMemo(() => [...builtIn, ...contributed.flat()], [builtIn, contributed]);
  const commandsRef = useRef(commands);
  commandsRef.current = commands;

  const runCommand = useCallback((id: string) => commandsRef.current.find((c) => c.id === id)?.run(), []);
  const registerCommands = useCallback((list: Command[]) => {
    setContributed((all) => [...all, list]);
    return () => setContributed((all) => all.filter((l) => l !== list));
  }, []);
  const registerDrop = useCallback((handler: (files: File[]) => void) => {
    dropHandler.current = handler;
    return () => {
      if (dropHandler.current === handler) dropHandler.current = null;
    };
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = commandForChord(e);
      if (!id) return;
      e.preventDefault();
      runCommand(id);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [runCommand]);

  // Other views use this visit's kit and inspected files (Handshake examples, Diagnose inputs).
  useEffect(() => rememberSessionFiles(state.files), [state.files]);

  useEffect(() => {
    const root = document.documentElement;
    if (state.theme === "system") delete root.dataset.theme;
    else root.dataset.theme = state.theme;
  }, [state.theme]);

  const context = useMemo<WorkbenchContextValue>(() => ({ state, dispatch, runCommand, registerCommands, registerDrop }), [state, runCommand, registerCommands, registerDrop]);
  const entry = viewById(view);

  const quickItems: QuickItem[] =
    state.overlay === Overlay.palette
      ? commands.filter((c) => c.id !== "workbench.palette").map((c) => ({ id: c.id, label: c.title, detail: shortcutFor(c.id), run: c.run }))
      : [
          ...state.files.map((f) => ({ id: `file.${f.id}`, label: f.name, detail: f.group, run: () => dispatch({ type: "openTab", id: f.id }) })),
          ...views.map((v) => ({ id: `view.${v.id}`, label: v.title, detail: "view", run: () => router.push(v.href) })),
        ];

  return (
    <WorkbenchContext.Provider value={context}>
      <div
        className="wb"
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          if (!dropHandler.current) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
        onDrop={(e) => {
          setDragging(false);
          if (!dropHandler.current) return;
          e.preventDefault();
          dropHandler.current(Array.from(e.dataTransfer.files));
        }}
      >
        <ActivityBar current={view} />
        {state.sideBarVisible ? (
          <aside className="wb-side" style={{ width: state.sideBarWidth }} aria-label={`${entry.title} side bar`}>
            <div className="wb-side-inner">
              <h2>{entry.title}</h2>
              {sideBar}
              <Explorer empty={explorerEmpty} />
            </div>
            <Sash direction="vertical" size={state.sideBarWidth} label="Resize side bar" onResize={(width) => dispatch({ type: "resizeSideBar", width })} />
          </aside>
        ) : (
          <div />
        )}
        <main className="wb-main" aria-label={entry.title}>
          <EditorArea home={home} />
          {state.panelVisible && (
            <>
              <Sash direction="horizontal" size={state.panelHeight} label="Resize panel" onResize={(height) => dispatch({ type: "resizePanel", height })} />
              <Panel />
            </>
          )}
        </main>
        <StatusBar>{status}</StatusBar>
      </div>
      {children}
      {state.overlay && (
        <QuickInput
          key={state.overlay}
          title={state.overlay === Overlay.palette ? "Command palette" : "Quick open"}
          placeholder={state.overlay === Overlay.palette ? "Type a command" : "Search files and views by name"}
          items={quickItems}
          onClose={() => dispatch({ type: "closeOverlay" })}
        />
      )}
    </WorkbenchContext.Provider>
  );
}
