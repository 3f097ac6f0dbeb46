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
        <div className="wb-tabs" role="tablist" aria-label="Open editors">
          {state.tabs.map((id) => {
            const file = state.files.find((f) => f.id === id);
            if (!file) return null;
            return (
              <div
                key={id}
                className="wb-tab"
                role="tab"
                tabIndex={0}
                aria-selected={id === state.activeTab}
                aria-controls="editor"
                onClick={() => dispatch({ type: "activateTab", id })}
                onKeyDown={(e) => e.key === "Enter" && dispatch({ type: "activateTab", id })}
              >
                {file.name}
                <button
                  type="button"
                  aria-label={`Close ${file.name}`}
                  title="Close (Ctrl+W)"
                  onClick={(e) => {
                    e.stopPropagation();
                    dispatch({ type: "closeTab", id });
                  }}
                >
                  ×
                </button>
              </div>
            );
          })}
        </div>
      )}
      <div className="wb-editor" id="editor" role={active ? "tabpanel" : undefined} aria-label={active ? active.name : "Home"}>
        {active && Editor ? <Editor key={active.id} file={active} /> : home}
      </div>
    </>
  );
}
