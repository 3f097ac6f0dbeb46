"use client";
import { useState } from "react";
import { useWorkbench } from "./context";

const themeLabel = { system: "Theme: System", dark: "Theme: Dark", light: "Theme: Light" } as const;

/**
 * The bottom line: the kit, the view's own items (a slot the views fill), the privacy promise, the
 * problems count, the palette and the theme. Below 768 px the secondary items fold into a "More" menu.
 */
export function StatusBar({ slotRef }: { slotRef: (el: HTMLSpanElement | null) => void }) {
  const { state, dispatch, runCommand, narrow } = useWorkbench();
  const [menu, setMenu] = useState(false);
  const count = state.problems.length;
  const secondary = (
    <>
      <button type="button" onClick={() => dispatch({ type: "toggleSideBar", narrow })} aria-pressed={narrow ? state.drawerOpen : state.sideBarVisible} title="Toggle side bar (Ctrl+B)">
        Side bar
      </button>
      <button type="button" onClick={() => dispatch({ type: "togglePanel" })} aria-pressed={state.panelVisible} title="Toggle panel (Ctrl+J)">
        Panel
      </button>
      <span data-testid="privacy" title="Everything runs in this page: no certificate, key or configuration is uploaded anywhere.">
        Local only: nothing leaves this page
      </span>
      <button type="button" onClick={() => runCommand("workbench.palette")} title="Command palette (F1, Ctrl+Shift+P)">
        Commands
      </button>
      <button type="button" onClick={() => dispatch({ type: "cycleTheme" })} data-testid="theme-switch" title="Switch theme: system, dark, light">
        {themeLabel[state.theme]}
      </button>
    </>
  );
  return (
    <footer className="wb-status" aria-label="Status bar">
      <span className="wb-status-brand">mTLS Lab</span>
      {state.kit && (
        <span data-testid="kit-status" className="wb-status-kit">
          {state.kit.status}
        </span>
      )}
      <span ref={slotRef} className="wb-status-slot" />
      <span className="spacer" />
      <button type="button" onClick={() => dispatch({ type: "showPanel", tab: "problems" })} aria-label={`Problems: ${count}`} data-testid="status-problems">
        Problems {count}
      </button>
      {narrow && (
        <button type="button" aria-expanded={menu} aria-controls="status-menu" onClick={() => setMenu(!menu)}>
          More
        </button>
      )}
      {(!narrow || menu) && (
        <div id="status-menu" className={narrow ? "wb-status-menu" : "wb-status-items"} role={narrow ? "group" : undefined} aria-label={narrow ? "More" : undefined} onClick={(e) => narrow && (e.target as HTMLElement).tagName === "BUTTON" && setMenu(false)}>
          {secondary}
        </div>
      )}
    </footer>
  );
}
