"use client";
/**
 * "Your handshake": a capture file in a tab. "Illustrated" (the default): every record's bytes annotated,
 * explained and proven (illustrated.tsx). "Messages": every message decoded (and decrypted with the
 * capture's key log), the sender's bytes with the message's range highlighted, and each certificate one
 * click from an Inspect tab. The decoder and the annotation load on first use.
 */
import { useEffect, useState } from "react";
import type { DecodedCertificate, DecodedStep, FieldValue } from "@mtls-lab/handshake";
import type { WorkbenchFile } from "../../lib/workbench-state";
import { filesForDecoded } from "../../lib/inspect-files";
import { fromHexString } from "./bytes";
import { useWorkbench } from "../../workbench/context";
import { callWorker } from "../../workers/client";
import type { CaptureModel } from "./capture-model";
import { HexRange } from "./hex-range";
import { Illustrated } from "./illustrated";

import { CAPTURE_GROUP, type CaptureFileData } from "./capture-file";

export { CAPTURE_GROUP, type CaptureFileData };

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

/** The tab of one capture. */
export default function CaptureEditor({ file }: { file: WorkbenchFile }) {
  const data = file.data as CaptureFileData;
  const [model, setModel] = useState<CaptureModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [section, setSection] = useState<"illustrated" | "messages">("illustrated");
  useEffect(() => {
    let live = true;
    import("./capture-model")
      .then(({ loadCapture }) => loadCapture(data.name, data.text))
      .then(
        (m) => {
          if (!live) return;
          setModel(m);
          // Start at the client's Certificate: the message mTLS is about.
          const clientCert = m.decoded.steps.findIndex((s) => s.from === "client" && s.name === "Certificate");
          setSelected(Math.max(0, clientCert));
        },
        (e: Error) => live && setError(e.message),
      );
    return () => {
      live = false;
    };
  }, [data]);

  if (error) {
    return (
      <div className="page">
        <h1>{file.name}</h1>
        <p role="alert">Could not read this capture: {error}</p>
      </div>
    );
  }
  if (!model) return <p className="page muted">Decoding {file.name}…</p>;
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
          <Illustrated name={data.name} text={data.text} />
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
