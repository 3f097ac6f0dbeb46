"use client";
import type { Flow, FlowStep } from "@mtls-lab/handshake";
import type { ExampleCertificate, SessionExamples } from "./session-examples";
import { lifelinesOf } from "./sequence-diagram";

function Example({ label, cert }: { label: string; cert: ExampleCertificate }) {
  return (
    <p className="hs-example" data-testid="session-example">
      {label}: <strong>{cert.file}</strong>, subject <span className="mono">{cert.subject}</span>, issued by <span className="mono">{cert.issuer}</span>, valid until{" "}
      {cert.notAfter.slice(0, 10)}.
    </p>
  );
}

/** The visit's certificate that travels in this step, if any. */
function StepExample({ step, examples }: { step: FlowStep; examples: SessionExamples | null }) {
  if (!examples) return null;
  if (step.id === "server-certificate" && examples.server) return <Example label={`In ${examples.source} the server sends`} cert={examples.server} />;
  if (step.id.includes("client-certificate") && !step.id.endsWith("-empty") && !step.id.includes("verify") && examples.client)
    return <Example label={`In ${examples.source} the client sends`} cert={examples.client} />;
  if (step.id.includes("certificate-request") && examples.clientCa)
    return <Example label={`In ${examples.source} certificate_authorities names the client CA`} cert={examples.clientCa} />;
  return null;
}

/** One step: what it is, the fields that matter for mTLS, what the receiver checks and what can fail there. */
export function StepDetail({ flow, step, index, examples }: { flow: Flow; step: FlowStep; index: number; examples: SessionExamples | null }) {
  const peers = lifelinesOf(flow);
  const to = step.from === "client" ? peers.server : peers.client;
  return (
    <section className="hs-detail" aria-labelledby="hs-step-title" data-testid="step-detail">
      <h2 id="hs-step-title">
        {index + 1}. {step.name}{" "}
        <span className="muted">
          {peers[step.from]} → {to}
        </span>
      </h2>
      <p>
        <span className="badge">{step.encrypted ? "encrypted" : "plaintext"}</span>
        <span className="badge">{step.record.replace(/_/g, " ")} record</span>
        {step.optional && <span className="badge">optional</span>}
        {step.postHandshake && <span className="badge">after the handshake</span>}
        <span className="muted">{step.rfc}</span>
      </p>
      <p>{step.summary}</p>
      <StepExample step={step} examples={examples} />
      {Object.keys(step.mtlsFields).length > 0 && (
        <>
          <h3>Fields that matter for mTLS</h3>
          <dl className="kv">
            {Object.entries(step.mtlsFields).map(([k, v]) => (
              <div key={k} style={{ display: "contents" }}>
                <dt className="mono">{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {step.checks.length > 0 && (
        <>
          <h3>What {to} checks now</h3>
          <ul>
            {step.checks.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      {step.failures.length > 0 && (
        <>
          <h3>What can fail here</h3>
          <ul className="hs-failures">
            {step.failures.map((f) => (
              <li key={f.what}>
                <strong>{f.what}</strong>
                <div className="muted mono hs-codes">{f.codes.slice(0, 8).join(", ")}{f.codes.length > 8 ? `, … (${f.codes.length - 8} more)` : ""}</div>
                {f.alert && <div>Alert: {f.alert}</div>}
                {f.client && <div>Client prints: <span className="mono">{f.client}</span></div>}
                {f.server && <div>Server prints: <span className="mono">{f.server}</span></div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
