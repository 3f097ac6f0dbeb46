"use client";
/**
 * Diagnose: the server's and the client's chains, the CA files and optionally the keys in; x509's
 * diagnosis out, for each side: Node's error, nginx's status, page and $ssl_client_verify, curl's error,
 * the handshake step (linked to the Handshake view), the cause and the fix. Results also go to Problems.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { useCommands, useFileDrop, useWorkbench } from "../../workbench/context";
import { SideBarContribution } from "../../workbench/contribute";
import type { Problem } from "../../lib/workbench-state";
import { defaultDiagnoseSettings, parseDiagnoseSettings, serializeDiagnoseSettings, serverChoiceLabels, ServerChoice, type DiagnoseSettings } from "./diagnose-settings";
import { FileInputs, type Chosen, type Slot } from "./inputs";
import type { DiagnosisView } from "./run-diagnosis";
import { slotForFile } from "./slot-for-file";
import { kitChoices, knownFiles } from "./kit-choices";
import { lazyPart } from "../../workbench/lazy-part";
import "./diagnose.css";

function problemsOf(view: DiagnosisView): Problem[] {
  const problems: Problem[] = [];
  const leading = view.diagnosis.leading;
  if (leading) {
    // The verify code of the side at fault stays visible: it is what people search for.
    const code = view.diagnosis[leading.side].verify?.lastError;
    problems.push({ id: "diagnose-leading", severity: leading.severity, source: "diagnose", message: `${leading.kind}${code ? ` (${code})` : ""}: ${leading.cause}`, fix: leading.fix });
  }
  for (const side of [view.diagnosis.client, view.diagnosis.server]) {
    if (side.verdict === "ok" || side.verdict === "not-checked" || !side.cause || side.cause === leading?.cause) continue;
    const code = side.verify?.lastError ?? side.node.code ?? "no certificate";
    problems.push({ id: `diagnose-${side.side}`, severity: side.verdict === "rejected" ? "error" : "warning", source: "diagnose", message: `${side.side} certificate: ${code}: ${side.cause}`, fix: side.fix ?? undefined });
  }
  (view.diagnosis.secondary ?? view.diagnosis.findings).forEach((f, i) => problems.push({ id: `diagnose-finding-${i}`, severity: f.severity, source: "diagnose", message: `${f.side}: ${f.message}`, fix: f.fix, learn: f.learn }));
  return problems;
}

// A side's result is shown once there is one: it loads with the diagnosis (preloaded by the run below).
const SideResult = lazyPart(() => import("./side-result"), { pick: (m) => m.SideResult });

/** The Diagnose view. */
export function DiagnoseView() {
  const { state, dispatch } = useWorkbench();
  const [settings, setSettings] = useState<DiagnoseSettings>(defaultDiagnoseSettings);
  // The inputs live in the workspace: they are still chosen after a visit to another view.
  const chosen = state.diagnoseInputs as Partial<Record<Slot, Chosen>>;
  const [result, setResult] = useState<DiagnosisView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const kit = useMemo(() => kitChoices(state.files), [state.files]);
  // The workspace's certificate files: the leading cause names the one that holds the right CA.
  const known = useMemo(() => knownFiles(state.files), [state.files]);

  useEffect(() => setSettings(parseDiagnoseSettings(new URLSearchParams(window.location.search))), []);
  const change = (next: DiagnoseSettings) => {
    setSettings(next);
    const query = serializeDiagnoseSettings(next).toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
    dispatch({ type: "setQuery", view: "diagnose", query });
  };
  const choose = useCallback((slot: Slot, file: Chosen | null) => dispatch({ type: "setDiagnoseInputs", inputs: { [slot]: file } }), [dispatch]);
  const applyKit = useCallback(() => kit && dispatch({ type: "setDiagnoseInputs", inputs: kit }), [kit, dispatch]);
  // Files dropped anywhere fill the slots their names suggest (server-chain.crt, client-ca.crt, ...).
  const drop = useCallback(
    (files: File[]) => {
      void Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))).then((read) => {
        const inputs: Record<string, Chosen> = {};
        const taken = new Set<Slot>();
        for (const file of read) {
          const slot = slotForFile(file.name, taken);
          if (!slot) continue;
          taken.add(slot);
          inputs[slot] = file;
        }
        dispatch({ type: "setDiagnoseInputs", inputs });
      });
    },
    [dispatch],
  );
  useFileDrop(drop);
  const commands = useMemo(() => (kit ? [{ id: "diagnose.kit", title: "Diagnose: Use This Visit's Kit", run: () => void applyKit() }] : []), [kit, applyKit]);
  useCommands(commands);

  // Every change of a file or a setting diagnoses again: it takes milliseconds.
  useEffect(() => {
    if (!chosen.serverChain || !chosen.serverTrustsForClients) {
      setResult(null);
      setError(null);
      return;
    }
    let live = true;
    setBusy(true);
    const files = Object.fromEntries(Object.entries(chosen).map(([k, v]) => [k, v?.bytes]));
    const names = {
      serverChain: chosen.serverChain?.name,
      clientChain: chosen.clientChain?.name,
      clientCa: chosen.serverTrustsForClients?.name,
      serverCa: chosen.clientTrustsForServer?.name,
      serverKey: chosen.serverKey?.name,
      clientKey: chosen.clientKey?.name,
    };
    // The sides' part loads alongside the diagnosis: the result shows whole, the cause with both sides.
    Promise.all([import("./run-diagnosis").then(({ runDiagnosis }) => runDiagnosis(files, settings, names, known)), SideResult.preload()])
      .then(([view]) => view)
      .then(
        (view) => {
          if (!live) return;
          setResult(view);
          setError(null);
          dispatch({ type: "setProblems", source: "diagnose", problems: problemsOf(view) });
          dispatch({ type: "log", line: `Diagnosed: ${view.diagnosis.ok ? "the handshake succeeds" : "the handshake fails"}` });
        },
        (e: Error) => {
          if (!live) return;
          setResult(null);
          setError(e.message);
        },
      )
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [chosen, settings, known, dispatch]);

  const nginx = settings.server !== ServerChoice.node;
  const kitButton = kit && (
    <button className="btn" type="button" onClick={applyKit}>
      Use this visit&apos;s kit
    </button>
  );
  return (
    <>
      <SideBarContribution>
        <div className="wb-section">
          <p className="muted" style={{ marginTop: 0 }}>
            {kit ? "This visit's kit is ready: use it from the page." : "A kit generated in this visit can be used here in one click."}
          </p>
        </div>
      </SideBarContribution>
      <div className="page dg-page">
        <h1>Diagnose</h1>
        <p>
          Choose or drop the server&apos;s chain, the client&apos;s chain and the CA file the server trusts for clients{kit ? ", or use this visit's kit" : ""}. The diagnosis
          says what Node, nginx and curl will print, where in the handshake it fails, why, and the fix. Nothing is uploaded.
        </p>
        {kitButton && <p>{kitButton}</p>}
        <div className="dg-inputs">
          <FileInputs chosen={chosen} onChoose={choose} />
          <DiagnoseSettingsForm settings={settings} onChange={change} />
        </div>
        {busy && (
          <p role="status" className="muted">
            Diagnosing…
          </p>
        )}
        {error && (
          <p role="alert" className="dg-error" data-testid="diagnose-error">
            {error}
          </p>
        )}
        {result && (
          <>
            <p data-testid="diagnose-verdict" className={result.diagnosis.ok ? "dg-ok" : "dg-bad"}>
              {result.diagnosis.ok ? "The handshake succeeds: both sides verify." : "The handshake fails, or lets a client in unverified. Fix first, details below."}
            </p>
            {result.diagnosis.leading && (
              <section aria-label="The cause" className={`dg-leading ${result.diagnosis.leading.severity}`} data-testid="leading-cause" data-kind={result.diagnosis.leading.kind}>
                <h2>The cause</h2>
                <p data-testid="leading-text">{result.diagnosis.leading.cause}</p>
                <p className="dg-fix" data-testid="leading-fix">
                  <strong>Fix:</strong> {result.diagnosis.leading.fix}
                </p>
              </section>
            )}
            <SideResult side={result.diagnosis.client} link={result.links.client} nginx={nginx} />
            <SideResult side={result.diagnosis.server} link={result.links.server} nginx={false} />
            {(result.diagnosis.secondary ?? result.diagnosis.findings).length > 0 && (
              <section aria-label="Other findings">
                <h2>Other findings</h2>
                <ul data-testid="findings">
                  {(result.diagnosis.secondary ?? result.diagnosis.findings).map((f, i) => (
                    <li key={i}>
                      <span className={`badge ${f.severity === "info" ? "" : f.severity}`}>{f.severity}</span> {f.message} <span className="muted">Fix: {f.fix}</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </div>
    </>
  );
}

/** Diagnose's settings: the server software, the host, the time and the TLS version (kept in the link). */
function DiagnoseSettingsForm({ settings, onChange: change }: { settings: DiagnoseSettings; onChange: (s: DiagnoseSettings) => void }) {
  return (
    <form className="wb-section" aria-label="Diagnose settings" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="dg-server">Server software</label>
        <select id="dg-server" value={settings.server} onChange={(e) => change({ ...settings, server: e.currentTarget.value as ServerChoice })}>
          {Object.values(ServerChoice).map((s) => (
            <option key={s} value={s}>
              {serverChoiceLabels[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="dg-host">Host the client connects to</label>
        <input id="dg-host" value={settings.host} onChange={(e) => change({ ...settings, host: e.currentTarget.value.trim() || "localhost" })} />
      </div>
      <div className="field">
        <label htmlFor="dg-at">Time (UTC, empty: now)</label>
        <input id="dg-at" type="datetime-local" value={settings.at} onChange={(e) => change({ ...settings, at: e.currentTarget.value.slice(0, 16) })} />
      </div>
      <div className="field">
        <label htmlFor="dg-tls">TLS version</label>
        <select id="dg-tls" value={settings.tls} onChange={(e) => change({ ...settings, tls: e.currentTarget.value === "1.2" ? "1.2" : "1.3" })}>
          <option value="1.3">TLS 1.3</option>
          <option value="1.2">TLS 1.2</option>
        </select>
      </div>
    </form>
  );
}
