"use client";
import { useWorkbench } from "./context";

/** Keep and Clear: the workspace's two promises, next to the files they are about. */
export default function WorkspaceControls() {
  const { state, dispatch, runCommand, goTo } = useWorkbench();
  return (
    <div className="wb-section wb-workspace">
      {state.files.length === 0 && (
        // An empty explorer teaches: how to fill it.
        <p className="muted" style={{ marginTop: 0 }}>
          <button type="button" className="btn-link" onClick={() => goTo("/generate/")}>
            Generate a kit
          </button>{" "}
          or{" "}
          <button type="button" className="btn-link" onClick={() => document.getElementById("inspect-file")?.click()}>
            open a file
          </button>
          .
        </p>
      )}
      <label className="field-row" title="Written to this tab's session storage (private keys included) and gone when the tab closes. Never uploaded.">
        <input type="checkbox" checked={state.keep} onChange={(e) => dispatch({ type: "setKeep", keep: e.currentTarget.checked })} />
        Keep this workspace in this tab
      </label>
      {state.keep && <p className="muted wb-hint">Kept in this tab&apos;s session storage, private keys included, until the tab closes or you clear it.</p>}
      <button type="button" className="btn-link" onClick={() => runCommand("workbench.clear")}>
        Clear workspace
      </button>
    </div>
  );
}
