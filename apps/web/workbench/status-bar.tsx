"use client";
import type { ReactNode } from "react";
import { useWorkbench } from "./context";

const themeLabel = { system: "Theme: System", dark: "Theme: Dark", light: "Theme: Light" } as const;

/** The bottom line: the view's own status, the privacy promise, problems count and the theme switch. */
export function StatusBar({ children }: { children?: ReactNode }) {
  const { state, dispatch, runCommand } = useWorkbench();
  return (
    <footer className="wb-status" aria-label="Status bar">
      <span>mTLS Lab</span>
      <button type="button" onClick={() => dispatch({ type: "toggleSideBar" })} aria-pressed={state.sideBarVisible} title="Toggle side bar (Ctrl+B)">
        Side bar
      </button>
      <button type="button" onClick={() => dispatch({ type: "togglePanel" })} aria-pressed={state.panelVisible} title="Toggle panel (Ctrl+J)">
        Panel
      </button>
      {children}
      <span className="spacer" />
      <button type="button" onClick={() => dispatch({ type: "showPanel", tab: "problems" })} aria-label={`Problems: ${state.problems.length}`}>
        ⚠ {state.problems.length}
      </button>
      <span data-testid="privacy" title="Everything runs in this page: no certificate, key or configuration is uploaded anywhere.">
        Local only: nothing leaves this page
      </span>
      <button type="button" onClick={() => runCommand("workbench.palette")} title="Command palette (Ctrl+Shift+P)">
        ⌘ Commands
      </button>
      <button type="button" onClick={() => dispatch({ type: "cycleTheme" })} data-testid="theme-switch" title="Switch theme: system, dark, light">
        {themeLabel[state.theme]}
      </button>
    </footer>
  );
}
