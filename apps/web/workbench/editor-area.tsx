"use client";
import type { ReactNode } from "react";
import { useWorkbench } from "./context";
import { lazyPart } from "./lazy-part";

const EditorHost = lazyPart(() => import("./editor-host"), { fallback: <p className="page muted">Loading…</p>, clientOnly: true });

/**
 * Loads the editor host and Inspect's editors ahead of the first file (the shell calls it when the page is
 * idle), so a decoded file is drawn the moment it arrives. Failures are left to the first real use.
 */
export function preloadInspectEditors(): void {
  void EditorHost.preload()
    .then(() => import("./editors"))
    .then(({ editors }) => Promise.all(["bundle", "object", "error"].map((id) => editors[id]?.render.preload())))
    .catch(() => undefined);
}

/**
 * The editor area: the view's own page as the first tab, then the workspace's open files. The view's page
 * stays mounted while a file tab is shown, so its state survives switching tabs.
 */
export function EditorArea({ title, children }: { title: string; children: ReactNode }) {
  const { state, dispatch } = useWorkbench();
  const active = state.files.find((f) => f.id === state.activeTab);
  return (
    <>
      <nav className="wb-tabs" aria-label="Open editors">
        <div className="wb-tab wb-tab-home" data-active={!active || undefined}>
          <button type="button" className="wb-tab-title" aria-current={!active ? "page" : undefined} onClick={() => dispatch({ type: "showHome" })}>
            {title}
          </button>
        </div>
        {state.tabs.map((id) => {
          const file = state.files.find((f) => f.id === id);
          if (!file) return null;
          const isActive = id === state.activeTab;
          const label = file.name.split("/").pop() ?? file.name;
          return (
            <div key={id} className="wb-tab" data-active={isActive || undefined} data-failed={file.editor === "error" || undefined}>
              <button type="button" className="wb-tab-title" aria-current={isActive ? "page" : undefined} title={file.name} onClick={() => dispatch({ type: "activateTab", id })}>
                {label}
              </button>
              {/* No keyboard shortcut: Ctrl+W belongs to the browser. The palette has "View: Close Editor". */}
              <button type="button" className="wb-tab-close" aria-label={`Close ${label}`} title="Close" onClick={() => dispatch({ type: "closeTab", id })}>
                ×
              </button>
            </div>
          );
        })}
      </nav>
      <div className="wb-editor" id="editor" tabIndex={-1} role="region" aria-label={active ? `Editor: ${active.name}` : title}>
        <div hidden={Boolean(active)} className="wb-home">
          {children}
        </div>
        {active && <EditorHost key={active.id} file={active} />}
      </div>
    </>
  );
}
