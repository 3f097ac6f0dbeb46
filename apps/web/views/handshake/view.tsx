"use client";
/**
 * Handshake: the TLS 1.3 and 1.2 client-authentication flows as a sequence diagram beside a step list,
 * a switch between the success flow and each failure flow, and "Your handshake" (captures in tabs).
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type Dispatch, type KeyboardEvent } from "react";
import { useCommands, useFileDrop, useWorkbench } from "../../workbench/context";
import { SideBarContribution } from "../../workbench/contribute";
import { withBase } from "../learn/links";
import { CAPTURE_GROUP, type CaptureFileData } from "./capture-file";
import { outcomeOf } from "./outcome";
import { SAMPLES } from "./samples";
import { SequenceDiagram } from "./sequence-diagram";
import { StepDetail } from "./step-detail";
import { useSessionExamples } from "./session-examples";
import { flowOf, flowOptions, parseWalkthrough, serializeWalkthrough, walkthroughReducer, DEFAULT_FLOW, type FlowCatalog, type WalkthroughAction, type WalkthroughState } from "./walkthrough-state";
import "./handshake.css";

/** Milliseconds per step while playing. */
const PLAY_INTERVAL = 1400;


function FlowSwitch({ flows, state, dispatch }: { flows: FlowCatalog; state: WalkthroughState; dispatch: Dispatch<WalkthroughAction> }) {
  const options = flowOptions(flows);
  return (
    <div className="wb-section">
      <label className="field">
        <span>Flow</span>
        <select value={state.flowId} onChange={(e) => dispatch({ type: "selectFlow", flowId: e.currentTarget.value })}>
          {(["TLSv1.3", "TLSv1.2"] as const).map((v) => (
            <optgroup key={v} label={v === "TLSv1.3" ? "TLS 1.3" : "TLS 1.2"}>
              {options
                .filter((o) => o.tlsVersion === v)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
    </div>
  );
}

/** Arrow keys, Home and End move between steps (the list and the diagram); the focus follows the selection. */
function stepKey(key: string, step: number, count: number): number | null {
  if (key === "ArrowDown" || key === "ArrowRight") return Math.min(count - 1, step + 1);
  if (key === "ArrowUp" || key === "ArrowLeft") return Math.max(0, step - 1);
  if (key === "Home") return 0;
  if (key === "End") return count - 1;
  return null;
}

function StepList({ flows, state, dispatch }: { flows: FlowCatalog; state: WalkthroughState; dispatch: Dispatch<WalkthroughAction> }) {
  const flow = flowOf(flows, state);
  const list = useRef<HTMLOListElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const next = stepKey(e.key, state.step, flow.steps.length);
    if (next === null) return;
    e.preventDefault();
    dispatch({ type: "selectStep", step: next });
    list.current?.querySelectorAll("button")[next]?.focus();
  };
  return (
    <nav className="wb-section" aria-label="Steps">
      <ol className="hs-steps" ref={list} onKeyDown={onKeyDown}>
        {flow.steps.map((s, i) => (
          <li key={`${s.id}-${i}`}>
            <button type="button" aria-current={i === state.step ? "step" : undefined} tabIndex={i === state.step ? 0 : -1} onClick={() => dispatch({ type: "selectStep", step: i })}>
              <span className="hs-step-num" aria-hidden="true">
                {i + 1}.
              </span>
              <span className="hs-step-label">
                <span className="muted">{s.from === "client" ? "C→S" : "S→C"}</span> {s.name}
                {s.optional ? <span className="muted"> (optional)</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <p className="muted hs-keys">Arrow keys step, here and in the diagram; Home, End: first, last.</p>
    </nav>
  );
}

/** Opening captures as tabs: from a file, a drop anywhere, or a bundled sample; with the palette's commands. */
function useCaptures(): { openSample: (file: string) => void; readFiles: (files: File[]) => void } {
  const { dispatch } = useWorkbench();
  const open = useCallback(
    (name: string, text: string) => {
      const data: CaptureFileData = { name, text };
      // Unique across reloads too: a kept workspace brings back files with the ids they had.
      dispatch({ type: "addFiles", files: [{ id: `capture-${crypto.randomUUID()}`, name, group: CAPTURE_GROUP, editor: "capture", data }], open: true });
      dispatch({ type: "log", line: `Opened the capture ${name}` });
    },
    [dispatch],
  );
  const openSample = useCallback(
    (file: string) => {
      void fetch(withBase(`/handshake/samples/${file}`))
        .then((r) => {
          if (!r.ok) throw new Error(`HTTP ${r.status}`);
          return r.text();
        })
        .then(
          (text) => open(`sample-${file}`, text),
          (e: Error) => dispatch({ type: "log", line: `Could not load the sample capture ${file}: ${e.message}` }),
        );
    },
    [open, dispatch],
  );
  const readFiles = useCallback((files: File[]) => void Promise.all(files.map(async (f) => open(f.name, await f.text()))), [open]);
  useFileDrop(readFiles);
  const commands = useMemo(
    () => [
      { id: "handshake.sample", title: "Handshake: Open the Sample Capture", run: () => openSample(SAMPLES[0].file) },
      { id: "handshake.open", title: "Handshake: Open a Capture File…", run: () => document.getElementById("capture-file")?.click() },
    ],
    [openSample],
  );
  useCommands(commands);
  return { openSample, readFiles };
}

/** The hidden file input behind "Open a capture file…". */
function CaptureInput({ readFiles }: { readFiles: (files: File[]) => void }) {
  return (
    <input
      id="capture-file"
      type="file"
      accept=".json,application/json"
      hidden
      aria-label="Open a capture file"
      onChange={(e) => {
        readFiles(Array.from(e.currentTarget.files ?? []));
        e.currentTarget.value = "";
      }}
    />
  );
}

/** The Handshake view; `flows` is packages/handshake's flow data, handed over by the page at build time. */
export function HandshakeView({ flows }: { flows: FlowCatalog }) {
  const reducer = useCallback((s: WalkthroughState, a: WalkthroughAction) => walkthroughReducer(flows, s, a), [flows]);
  const [state, dispatch] = useReducer(reducer, { flowId: DEFAULT_FLOW, step: 0, playing: false });
  const loaded = useRef(false);
  const examples = useSessionExamples();
  const captures = useCaptures();
  const wbDispatch = useWorkbench().dispatch;
  const [, rerender] = useState(0);

  // Settings come from the link once, then follow the state (replaceState: no history entry per step).
  useEffect(() => {
    const parsed = parseWalkthrough(flows, new URLSearchParams(window.location.search));
    dispatch({ type: "selectFlow", flowId: parsed.flowId });
    dispatch({ type: "selectStep", step: parsed.step });
    loaded.current = true;
    rerender((n) => n + 1);
  }, [flows]);
  useEffect(() => {
    if (!loaded.current) return;
    const query = serializeWalkthrough(flows, state).toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
    wbDispatch({ type: "setQuery", view: "handshake", query });
  }, [flows, state, wbDispatch]);
  useEffect(() => {
    if (!state.playing) return;
    const timer = setInterval(() => dispatch({ type: "tick" }), PLAY_INTERVAL);
    return () => clearInterval(timer);
  }, [state.playing]);

  const flow = flowOf(flows, state);
  const step = flow.steps[state.step] ?? flow.steps[0]!;
  const full = flows[flow.tlsVersion === "TLSv1.2" ? "tls12-mtls" : "tls13-mtls"] ?? flow;
  const outcome = outcomeOf(flow, full);

  return (
    <>
      <SideBarContribution>
        <FlowSwitch flows={flows} state={state} dispatch={dispatch} />
        <StepList flows={flows} state={state} dispatch={dispatch} />
      </SideBarContribution>
      <div className="page hs-page">
        <h1>Handshake</h1>
        <p className="hs-flow-title">
          <strong data-testid="flow-title">{flow.title}</strong>. {flow.description}
        </p>
        <div className="field-row" role="group" aria-label="Walkthrough controls">
          <button className="btn" type="button" onClick={() => dispatch({ type: "previous" })} disabled={state.step === 0}>
            Previous
          </button>
          <button className="btn" type="button" onClick={() => dispatch({ type: state.playing ? "pause" : "play" })}>
            {state.playing ? "Pause" : "Play"}
          </button>
          <button className="btn" type="button" onClick={() => dispatch({ type: "next" })} disabled={state.step >= flow.steps.length - 1}>
            Next
          </button>
          <span className="muted" aria-live="polite" data-testid="step-position">
            Step {state.step + 1} of {flow.steps.length}: {step.name}
          </span>
        </div>
        {outcome.failure && (
          <aside className="hs-outcome" aria-label="What client and server print" data-testid="outcome">
            <h2>What client and server print</h2>
            {outcome.stepFailure?.client && (
              <p>
                Client: <span className="mono">{outcome.stepFailure.client}</span>
              </p>
            )}
            {outcome.stepFailure?.server && (
              <p>
                Server: <span className="mono">{outcome.stepFailure.server}</span>
              </p>
            )}
            {outcome.ending && <p>{outcome.ending}</p>}
          </aside>
        )}
        <div className="hs-grid">
          <div
            className="hs-diagram"
            tabIndex={0}
            role="group"
            aria-label="Sequence diagram: arrow keys step"
            onKeyDown={(e) => {
              const next = stepKey(e.key, state.step, flow.steps.length);
              if (next === null) return;
              e.preventDefault();
              dispatch({ type: "selectStep", step: next });
            }}
          >
            <SequenceDiagram flow={flow} current={state.step} onSelect={(i) => dispatch({ type: "selectStep", step: i })} />
          </div>
          <StepDetail flow={flow} step={step} index={state.step} examples={examples} />
        </div>
        <p className="muted">Dashed arrows travel in plaintext, blue ones encrypted, red ones are alerts. Click an arrow or a step to read it.</p>
        <h2>Your handshake</h2>
        <p>
          Run <code>mtls-lab serve --capture DIR</code>, connect with a client, and open the JSON file it writes: every byte of every record decoded, decrypted
          with the key log in the file, explained and proven. Nothing is uploaded. Or open a bundled sample.
        </p>
        <div className="field-row hs-samples">
          {SAMPLES.map((s) => (
            <button key={s.file} className="btn" type="button" onClick={() => captures.openSample(s.file)}>
              Open the {s.title}
            </button>
          ))}
          <button className="btn" type="button" onClick={() => document.getElementById("capture-file")?.click()}>
            Open a capture file…
          </button>
        </div>
        {examples ? (
          <p className="muted">The steps above use {examples.source} as their examples.</p>
        ) : (
          <p className="muted">Generate a kit or inspect certificates in this visit and the steps show yours as examples.</p>
        )}
      </div>
      <CaptureInput readFiles={captures.readFiles} />
    </>
  );
}
