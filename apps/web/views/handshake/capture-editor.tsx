"use client";
/**
 * "Your handshake": a capture file in a tab. "Illustrated" (the default): every record's bytes annotated,
 * explained and proven (illustrated.tsx). "Messages": every message decoded (and decrypted with the
 * capture's key log), the sender's bytes with the message's range highlighted, and each certificate one
 * click from an Inspect tab. Both sections render from one decode, made in the capture worker
 * (workers/capture-client.ts) and kept with the tab: the page itself never parses the capture's DER.
 */
import { useEffect, useState } from "react";
import type { DecodedCertificate, DecodedStep, FieldValue } from "@mtls-lab/handshake";
import type { WorkbenchFile } from "../../lib/workbench-state";
import { filesForDecoded } from "../../lib/inspect-files";
import { fromHexString } from "./bytes";
import { useWorkbench } from "../../workbench/context";
import { callWorker } from "../../workers/client";
import { captureOf, type CaptureView } from "../../workers/capture-client";
import { HexRange } from "./hex-range";
import { Illustrated } from "./illustrated";

import { CAPTURE_GROUP, type CaptureFileData } from "./capture-file";

export { CAPTURE_GROUP, type CaptureFileData };

/** Decodes whose outcome is already in Problems. */
const reported = new WeakSet<object>();

function renderValue(value: FieldValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function Certificates({ certificates, step, index }: { certificates: readonly DecodedCertificate[]; step: DecodedStep; index: number }) {
  const { dispatch } = useWorkbench();
  const [error, setError] = useState<string | null>(null);
  const open = async (cert: DecodedCertificate, n: number) => {
    try {
      const { items } = await callWorker({ op: "decode", bytes: cert.der });
      const name = `${step.from}-certificate-${n}.crt`;
      const files = filesForDecoded(`capture-cert-${index}-${n}-${cert.sha256.slice(0, 12)}`, name, items).map((f) => ({ ...f, group: CAPTURE_GROUP }));
      dispatch({ type: "addFiles", files, open: true });
      dispatch({ type: "log", line: `Opened ${name} from the capture in an Inspect tab` });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <h3>Certificates ({step.from} sent {certificates.length})</h3>
      <ol className="capture-certs">
        {certificates.map((cert, n) => (
          <li key={cert.sha256 + n}>
            <span data-testid="capture-certificate">{cert.subject ?? `certificate ${n + 1}`}</span>
            {cert.issuer && <span className="muted"> issued by {cert.issuer}</span>}{" "}
            <button className="btn-link" type="button" onClick={() => void open(cert, n)}>
              Open in Inspect tab
            </button>
          </li>
        ))}
      </ol>
      {error && <p role="alert">{error}</p>}
    </>
  );
}

/** Where the Messages section starts: the client's Certificate, the message mTLS is about. */
function firstStep(model: CaptureView): number {
  return Math.max(0, model.decoded.steps.findIndex((s) => s.from === "client" && s.name === "Certificate"));
}

/** The tab of one capture: decoded once in the capture worker; the result is kept with the tab's data. */
export default function CaptureEditor({ file }: { file: WorkbenchFile }) {
  const data = file.data as CaptureFileData;
  const { dispatch } = useWorkbench();
  const entry = captureOf(data, data.name, data.text);
  const [model, setModel] = useState<CaptureView | null>(entry.view ?? null);
  const [error, setError] = useState<string | null>(entry.error ?? null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [section, setSection] = useState<"illustrated" | "messages">("illustrated");
  useEffect(() => {
    let live = true;
    entry.promise.then(
      (m) => live && setModel(m),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [entry]);
  useEffect(() => {
    // A capture that cannot be read gets one line in Problems too, once (not again on every remount); one
    // that can clears what an earlier file of the same name left there.
    if ((!error && !model) || reported.has(entry)) return;
    reported.add(entry);
    const problems = error ? [{ id: file.id, severity: "error" as const, source: file.name, message: `could not be read: ${error}` }] : [];
    dispatch({ type: "setProblems", source: file.name, problems });
  }, [error, model, entry, file.id, file.name, dispatch]);

  if (error) {
    return (
      <div className="page">
        <h1>{file.name}</h1>
        <p role="alert">Could not read this capture: {error}</p>
      </div>
    );
  }
  if (!model) return <p className="page muted">Decoding {file.name}…</p>;
  const selected = chosen ?? firstStep(model);
  const setSelected = setChosen;
  const { decoded } = model;
  const step = decoded.steps[selected];
  return (
    <div className="page capture" style={{ maxWidth: "none" }}>
      <h1>{file.name}</h1>
      <p data-testid="capture-summary">
        {decoded.tlsVersion}
        {decoded.cipherSuite ? `, ${decoded.cipherSuite}` : ""}; {decoded.steps.length} messages; Finished{" "}
        {decoded.finished.client.verified && decoded.finished.server.verified ? "verified on both sides (the key log matches)" : `client ${decoded.finished.client.verified ? "verified" : `not verified (${decoded.finished.client.reason ?? "no key"})`}, server ${decoded.finished.server.verified ? "verified" : `not verified (${decoded.finished.server.reason ?? "no key"})`}`}
        .{model.result.authorized !== undefined && <> Server said: {model.result.authorized ? "client authorized" : `not authorized (${model.result.authorizationError ?? "no reason"})`}.</>}
      </p>
      {decoded.notes.length > 0 && (
        <ul className="muted">
          {decoded.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      <div
        className="subtabs"
        role="tablist"
        aria-label="Capture sections"
        onKeyDown={(e) => {
          if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
          const next = section === "illustrated" ? "messages" : "illustrated";
          setSection(next);
          (e.currentTarget.querySelector(`[data-section="${next}"]`) as HTMLElement | null)?.focus();
          e.preventDefault();
        }}
      >
        {(
          [
            ["illustrated", "Illustrated"],
            ["messages", "Messages"],
          ] as const
        ).map(([id, title]) => (
          <button key={id} role="tab" type="button" data-section={id} tabIndex={section === id ? 0 : -1} aria-selected={section === id} aria-controls="capture-section" onClick={() => setSection(id)}>
            {title}
          </button>
        ))}
      </div>
      <div id="capture-section" role="tabpanel">
        {section === "illustrated" ? (
          <Illustrated annotated={model.annotated} annotateError={model.annotateError} />
        ) : (
          <div className="capture-grid">
            <ol className="capture-steps" aria-label="Messages in the capture">
              {decoded.steps.map((s, i) => (
                <li key={i}>
                  <button type="button" aria-current={i === selected ? "step" : undefined} onClick={() => setSelected(i)}>
                    <span className={`capture-from capture-from-${s.from}`}>{s.from === "client" ? "C→S" : "S→C"}</span> {s.name}
                    {s.encrypted ? <span className="muted"> (decrypted)</span> : null}
                  </button>
                </li>
              ))}
            </ol>
            {step && (
              <section aria-label={`Message ${step.name}`} data-testid="capture-step">
                <h2>
                  {step.name} <span className="muted">from the {step.from}</span>
                </h2>
                <p className="muted">
                  {step.rangeKind === "record" ? "Encrypted record(s)" : "Message"} at bytes {step.range[0]}–{step.range[1] - 1} of the {step.from}&apos;s stream
                  {step.encrypted ? "; decrypted with the key log below" : ""}.
                </p>
                <dl className="kv">
                  {Object.entries(step.fields).map(([k, v]) => (
                    <div key={k} style={{ display: "contents" }}>
                      <dt>{k}</dt>
                      <dd className="mono">{renderValue(v)}</dd>
                    </div>
                  ))}
                </dl>
                {step.certificates && step.certificates.length > 0 && <Certificates certificates={step.certificates} step={step} index={selected} />}
                <h3>The {step.from}&apos;s bytes on the wire</h3>
                <HexRange bytes={model.streams[step.from]} range={step.range} label={`${step.from} stream, bytes ${step.range[0]} to ${step.range[1] - 1} highlighted`} testId="capture-hex" />
                {step.encrypted && (
                  <>
                    <h3>Decrypted message</h3>
                    <HexRange bytes={fromHexString(step.hex)} range={null} label="Decrypted message bytes" />
                  </>
                )}
              </section>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
