"use client";
import dynamic from "next/dynamic";
import { useWorkbench } from "./context";
import { PanelTab } from "../lib/workbench-state";

const tabs = [
  { id: PanelTab.problems, title: "Problems" },
  { id: PanelTab.output, title: "Output" },
  { id: PanelTab.handshake, title: "Handshake" },
] as const;

// The handshake in small, one glance away from any view; loaded when the tab is first shown, so no route's first load carries it.
const HandshakePanel = dynamic(() => import("../views/handshake/panel"), { ssr: false, loading: () => <p className="muted">Loading…</p> });

/** The bottom panel: Problems (lint and diagnosis, each with its fix) and Output (what the workbench did). */
export function Panel() {
  const { state, dispatch } = useWorkbench();
  return (
    <section className="wb-panel" style={{ height: state.panelHeight }} aria-label="Panel">
      <div className="wb-panel-tabs" role="tablist" aria-label="Panel tabs">
        {tabs.map((t) => (
          <button key={t.id} role="tab" id={`panel-tab-${t.id}`} aria-selected={state.panelTab === t.id} aria-controls="panel-body" onClick={() => dispatch({ type: "showPanel", tab: t.id })}>
            {t.title}
            {t.id === PanelTab.problems && state.problems.length > 0 ? ` (${state.problems.length})` : ""}
          </button>
        ))}
      </div>
      <div className="wb-panel-body" id="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${state.panelTab}`} tabIndex={0}>
        {state.panelTab === PanelTab.handshake ? (
          <HandshakePanel />
        ) : state.panelTab === PanelTab.problems ? (
          state.problems.length === 0 ? (
            <p className="muted">No problems found.</p>
          ) : (
            <ul className="problems" data-testid="problems">
              {state.problems.map((p) => (
                <li key={p.id}>
                  <span className={`badge ${p.severity === "info" ? "" : p.severity}`}>{p.severity}</span>
                  <strong>{p.source}</strong>: {p.message}
                  {p.fix && <span className="muted"> Fix: {p.fix}</span>}
                  {p.learn && (
                    <>
                      {" "}
                      <a href={`${process.env.NEXT_PUBLIC_BASE_PATH ?? ""}/learn/${p.learn}/`}>Learn why</a>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        ) : (
          <pre className="mono" data-testid="output" style={{ margin: 0, whiteSpace: "pre-wrap" }}>
            {state.output.join("\n")}
          </pre>
        )}
      </div>
    </section>
  );
}
