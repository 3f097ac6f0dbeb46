"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useWorkbench } from "./context";
import { PanelTab } from "../lib/workbench-state";

const tabs = [
  { id: PanelTab.problems, title: "Problems" },
  { id: PanelTab.output, title: "Output" },
  { id: PanelTab.handshake, title: "Handshake" },
] as const;

// The handshake in small, one glance away from any view; loaded when the tab is first shown, so no route's first load carries it.
const HandshakePanel = dynamic(() => import("../views/handshake/panel"), { ssr: false, loading: () => <p className="muted">Loading…</p> });

/**
 * The bottom panel: Problems (every file that failed to open, every lint and diagnosis finding, once
 * each, with its fix), Output (what the workbench did) and the handshake in small. Below 768 px a sheet.
 */
export function Panel() {
  const { state, dispatch } = useWorkbench();
  const count = state.problems.length;
  return (
    <section className="wb-panel" style={{ height: state.panelHeight }} aria-label="Panel">
      <div className="wb-panel-tabs">
        <div role="tablist" aria-label="Panel tabs" className="wb-panel-tablist">
          {tabs.map((t) => (
            <button key={t.id} role="tab" id={`panel-tab-${t.id}`} aria-selected={state.panelTab === t.id} aria-controls="panel-body" onClick={() => dispatch({ type: "showPanel", tab: t.id })}>
              {t.title}
              {t.id === PanelTab.problems && count > 0 && (
                <span className="badge wb-count" data-testid="problems-badge">
                  {count}
                </span>
              )}
            </button>
          ))}
        </div>
        <button type="button" className="wb-panel-close" aria-label="Close panel" title="Close panel (Ctrl+J)" onClick={() => dispatch({ type: "togglePanel" })}>
          ×
        </button>
      </div>
      <div className="wb-panel-body" id="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${state.panelTab}`} tabIndex={0}>
        {state.panelTab === PanelTab.handshake ? (
          <HandshakePanel />
        ) : state.panelTab === PanelTab.problems ? (
          count === 0 ? (
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
                      <Link href={`/learn/${p.learn}/`}>Learn why</Link>
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
