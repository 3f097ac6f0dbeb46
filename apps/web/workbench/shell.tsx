"use client";
/**
 * The workbench shell, built once in the root layout and never unmounted by navigation:
 * activity bar, side bar (the view's section and the explorer), editor area with tabs, panel, status bar,
 * command palette and quick open. It holds the visit's one workspace store; views contribute to its parts.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { ActivityBar } from "./activity-bar";
import { WorkbenchContext, type Command, type Slots, type WorkbenchContextValue } from "./context";
import { EditorArea, preloadInspectEditors } from "./editor-area";
import { lazyPart } from "./lazy-part";
import { Explorer } from "./explorer";
import { StatusBar } from "./status-bar";
import { clearWorkspace } from "./clear";
import { initialWorkbenchState, Overlay, workbenchReducer } from "../lib/workbench-state";
import { commandForChord } from "../lib/keybindings";
import { viewById, viewOfPath } from "../views/registry";


// Loaded when first shown: the panel starts closed, the palette and the password prompt on demand.
// Keep and restore, dropping files: after the first paint.
const Services = lazyPart(() => import("./services"), { clientOnly: true });
const NotFound = lazyPart(() => import("./not-found"), { pick: (m) => m.NotFound });
const Sash = lazyPart(() => import("./sash"), { pick: (m) => m.Sash, clientOnly: true });
const Panel = lazyPart(() => import("./panel"), { pick: (m) => m.Panel, clientOnly: true });
const QuickInput = lazyPart(() => import("./quick-input"), { clientOnly: true });
const PasswordDialog = lazyPart(() => import("./password-dialog"), { clientOnly: true });

/** Starts the lab worker and loads the opener and Inspect's editors, once; later calls do nothing. */
function warmDecoder(): void {
  void import("./opener").then((m) => m.warmOpener());
  preloadInspectEditors();
}

/**
 * Runs warmDecoder when the browser is idle after the first paint (requestIdleCallback; a short timer where
 * it is missing, as in Safari), unless the user asked to save data: then the first drag or picker starts it.
 * Returns the cancel function.
 */
function startWorkerWhenIdle(): () => void {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
  if (connection?.saveData) return () => undefined;
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(warmDecoder, { timeout: 2_000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(warmDecoder, 300);
  return () => window.clearTimeout(timer);
}

/** Below this width the shell is the phone layout: bottom bar, drawer, sheet. */
const NARROW = "(max-width: 767.98px)";

/** The shell around every route. */
export function Shell({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(workbenchReducer, undefined, () => initialWorkbenchState());
  const router = useRouter();
  const pathname = usePathname();
  const view = viewOfPath(pathname);
  const [narrow, setNarrow] = useState(false);
  const [slots, setSlots] = useState<Slots>({ side: null, status: null });
  const [contributed, setContributed] = useState<Command[][]>([]);
  const dropHandlers = useRef<((files: File[]) => void)[]>([]);
  // The decoder's client loads with the first file opened (when the page was not idle before it), and the
  // editors with it: loaded while the worker decodes, they draw the file without a Suspense fallback.
  const openBytes = useCallback((name: string, bytes: Uint8Array, password?: string) => {
    preloadInspectEditors();
    return import("./opener").then((m) => m.openBytes(dispatch, name, bytes, password));
  }, []);
  const openFiles = useCallback(
    (files: File[]) => {
      void (async () => {
        for (const file of files) await openBytes(file.name, new Uint8Array(await file.arrayBuffer()));
      })();
    },
    [openBytes],
  );

  const goTo = useCallback(
    (href: string, tabId?: string) => {
      if (tabId) dispatch({ type: "setPendingTab", id: tabId });
      router.push(href);
    },
    [router],
  );
  const commands = useMemo(() => contributed.flat(), [contributed]);
  const commandsRef = useRef(commands);
  commandsRef.current = commands;
  const narrowRef = useRef(narrow);
  narrowRef.current = narrow;
  // The shortcuts' commands and the buttons' are run here; the palette's full list loads with the palette.
  const runCommand = useCallback((id: string) => {
    const core: Record<string, () => void> = {
      "workbench.palette": () => dispatch({ type: "openOverlay", overlay: Overlay.palette }),
      "workbench.quickOpen": () => dispatch({ type: "openOverlay", overlay: Overlay.quickOpen }),
      "workbench.toggleSideBar": () => dispatch({ type: "toggleSideBar", narrow: narrowRef.current }),
      "workbench.togglePanel": () => dispatch({ type: "togglePanel" }),
      "workbench.clear": () => clearWorkspace(dispatch),
    };
    (core[id] ?? commandsRef.current.find((c) => c.id === id)?.run)?.();
  }, []);
  const registerCommands = useCallback((list: Command[]) => {
    setContributed((all) => [...all, list]);
    return () => setContributed((all) => all.filter((l) => l !== list));
  }, []);
  const registerDrop = useCallback((handler: (files: File[]) => void) => {
    dropHandlers.current = [...dropHandlers.current, handler];
    return () => {
      dropHandlers.current = dropHandlers.current.filter((h) => h !== handler);
    };
  }, []);

  // A route change (a link, the activity bar, back and forward) shows the new view's page.
  const firstPath = useRef(true);
  useEffect(() => {
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    dispatch({ type: "navigated" });
  }, [pathname]);

  // The decoder is ready before anyone acts: the worker (and the x509 code in it) starts when the page is idle
  // after its first paint, or at once when a file is dragged over the page or the file picker opens.
  useEffect(() => {
    const cancel = startWorkerWhenIdle();
    window.addEventListener("dragenter", warmDecoder);
    return () => {
      cancel();
      window.removeEventListener("dragenter", warmDecoder);
    };
  }, []);

  useEffect(() => {
    const query = window.matchMedia(NARROW);
    const update = () => setNarrow(query.matches);
    update();
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
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

  useEffect(() => {
    const root = document.documentElement;
    if (state.theme === "system") delete root.dataset.theme;
    else root.dataset.theme = state.theme;
  }, [state.theme]);

  const sideRef = useCallback((el: HTMLDivElement | null) => setSlots((s) => (s.side === el ? s : { ...s, side: el })), []);
  const statusRef = useCallback((el: HTMLSpanElement | null) => setSlots((s) => (s.status === el ? s : { ...s, status: el })), []);
  const context = useMemo<WorkbenchContextValue>(
    () => ({ state, dispatch, runCommand, registerCommands, registerDrop, openBytes, openFiles, goTo, narrow, slots }),
    [state, runCommand, registerCommands, registerDrop, openBytes, openFiles, goTo, narrow, slots],
  );
  const title = view ? viewById(view).title : "Page not found";
  const sideShown = narrow ? state.drawerOpen : state.sideBarVisible;

  return (
    <WorkbenchContext.Provider value={context}>
      <a className="skip-link" href="#editor">
        Skip to content
      </a>
      <div className="wb" data-side={sideShown ? "shown" : "hidden"}>
        <ActivityBar current={view} />
        <div className="wb-mobile-head">
          <button type="button" className="btn-link" aria-expanded={state.drawerOpen} aria-controls="side-bar" onClick={() => dispatch({ type: "toggleSideBar", narrow: true })}>
            ☰ Files and options
          </button>
          <button type="button" className="btn-link" onClick={() => runCommand("workbench.palette")}>
            Commands
          </button>
        </div>
        {narrow && state.drawerOpen && <div className="wb-scrim" aria-hidden="true" onClick={() => dispatch({ type: "closeDrawer" })} />}
        <aside className="wb-side" id="side-bar" style={narrow ? undefined : { width: state.sideBarWidth }} aria-label={`${title} side bar`}>
          <div className="wb-side-inner">
            <div className="wb-side-head">
              <h2>{title}</h2>
              {narrow && (
                <button type="button" className="wb-panel-close" aria-label="Close side bar" onClick={() => dispatch({ type: "closeDrawer" })}>
                  ×
                </button>
              )}
            </div>
            <div ref={sideRef} />
            <Explorer />
          </div>
          {!narrow && <Sash direction="vertical" size={state.sideBarWidth} label="Resize side bar" onResize={(width) => dispatch({ type: "resizeSideBar", width })} />}
        </aside>
        <main className="wb-main" aria-label={title}>
          <EditorArea title={title}>{view ? children : <NotFound />}</EditorArea>
          {state.panelVisible && (
            <>
              {!narrow && <Sash direction="horizontal" size={state.panelHeight} label="Resize panel" onResize={(height) => dispatch({ type: "resizePanel", height })} />}
              <Panel />
            </>
          )}
        </main>
        <StatusBar slotRef={statusRef} />
      </div>
      <input
        id="inspect-file"
        type="file"
        multiple
        hidden
        aria-label="Open files"
        onClick={warmDecoder}
        onFocus={warmDecoder}
        onChange={(e) => {
          openFiles(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = "";
        }}
      />
      <Services dropHandlers={dropHandlers} />
      {state.prompt && <PasswordDialog />}
      {state.overlay && <QuickInput contributed={commands} />}
    </WorkbenchContext.Provider>
  );
}
