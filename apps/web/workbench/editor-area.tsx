"use client";
import type { ReactNode } from "react";
import { useWorkbench } from "./context";
import { editors } from "./editors";

/** Tabs over the active file's editor; with no tab open, the view's home page. */
export function EditorArea({ home }: { home: ReactNode }) {
  const { state, dispatch } = useWorkbench();
  const active = state.files.find((f) => f.id === state.activeTab);
  const Editor = active ? editors[active.editor]?.render : undefined;
  return (
    <>
      {state.tabs.length > 0 && (
        // Buttons in a labelled list rather than an ARIA tablist: each tab carries its own close button,
        // and interactive controls may not nest inside role="tab".
        <nav className="wb-tabs" aria-label="Open editors">
          {state.tabs.map((id) => {
            const file = state.files.find((f) => f.id === id);
            if (!file) return null;
            const active = id === state.activeTab;
            return (
              <div key={id} className="wb-tab" data-active={active || undefined}>
                <button type="button" className="wb-tab-title" aria-current={active ? "page" : undefined} onClick={() => dispatch({ type: "activateTab", id })}>
                  {file.name}
                </button>
                <button type="button" className="wb-tab-close" aria-label={`Close ${file.name}`} title="Close (Ctrl+W)" onClick={() => dispatch({ type: "closeTab", id })}>
                  ×
                </button>
              </div>
            );
          })}
        </nav>
      )}
      <div className="wb-editor" id="editor" role="region" aria-label={active ? `Editor: ${active.name}` : "Home"}>
        {active && Editor ? <Editor key={active.id} file={active} /> : home}
      </div>
    </>
  );
}
