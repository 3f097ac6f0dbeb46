"use client";
/**
 * The proof of a captured handshake as the package computes it: the key schedule, the transcript hash
 * after each message, what each CertificateVerify signs and whether it verifies, and both Finished MACs;
 * every step with the openssl lines that reproduce it outside the browser.
 */
import type { AnnotatedHandshake, ProofStep, SignatureCheck } from "@mtls-lab/handshake/annotate";

function Verdict({ ok, yes, no }: { ok: boolean | undefined; yes: string; no: string }) {
  return <span className={ok ? "il-ok" : "il-bad"}>{ok ? `✓ ${yes}` : `✗ ${no}`}</span>;
}

function Openssl({ lines }: { lines: readonly string[] }) {
  if (lines.length === 0) return null;
  return (
    <details>
      <summary>Reproduce with openssl ({lines.length} line{lines.length === 1 ? "" : "s"})</summary>
      <pre className="mono il-cmd">{lines.join("\n")}</pre>
    </details>
  );
}

function Values({ values }: { values: Record<string, string> }) {
  return (
    <dl className="kv il-values">
      {Object.entries(values).map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd className="mono">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Step({ step, testId }: { step: ProofStep; testId?: string }) {
  return (
    <section className="il-proof-step" data-testid={testId}>
      <h4>
        {step.title} {step.matches !== undefined && <Verdict ok={step.matches} yes="matches the capture" no="does not match the capture" />}
      </h4>
      <p>{step.explain}</p>
      <Values values={{ ...step.inputs, result: step.output }} />
      <Openssl lines={step.openssl} />
    </section>
  );
}

const toHexText = (text: string) => Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * TLS 1.3's signed content in its four parts (RFC 8446 4.4.3): 64 spaces, the context string, 0x00, the
 * transcript hash; null when the bytes are not laid out that way (TLS 1.2 signs the messages themselves).
 */
function SignedParts({ check }: { check: SignatureCheck }) {
  const parts: [string, string][] = [
    ["64 spaces (0x20)", "20".repeat(64)],
    [`"${check.context}"`, toHexText(check.context)],
    ["0x00", "00"],
    ["transcript hash", check.transcriptHash ?? ""],
  ];
  if (!check.transcriptHash || parts.map((p) => p[1]).join("") !== check.signedContent) return null;
  return (
    <ol className="il-signed" aria-label="What is signed, in order" data-testid="signed-parts">
      {parts.map(([label, hex]) => (
        <li key={label}>
          <span className="muted">{label}</span> <span className="mono">{hex}</span>
        </li>
      ))}
    </ol>
  );
}

function Signature({ check, side }: { check: SignatureCheck | undefined; side: "client" | "server" }) {
  if (!check) {
    return (
      <section className="il-proof-step" data-testid={`signature-${side}`}>
        <h4>The {side}&apos;s signature</h4>
        <p className="muted">The {side} sent no {side === "server" ? "signature" : "CertificateVerify"} in this capture{side === "client" ? " (no client certificate)" : ""}.</p>
      </section>
    );
  }
  const values: Record<string, string> = { algorithm: check.algorithm, context: check.context };
  if (check.transcriptHash) values["transcript hash"] = check.transcriptHash;
  values["signed content"] = check.signedContent;
  values.signature = check.signature;
  if (check.certificateSha256) values["signer's certificate (SHA-256)"] = check.certificateSha256;
  return (
    <section className={`il-proof-step${side === "client" ? " il-mtls" : ""}`} data-testid={`signature-${side}`}>
      <h4>
        The {side}&apos;s {check.message} {side === "client" && <span className="il-badge">mTLS</span>}{" "}
        <Verdict ok={check.verified} yes="signature verified with the certificate's public key" no={`not verified${check.reason ? `: ${check.reason}` : ""}`} />
      </h4>
      <p>
        {side === "client"
          ? "This is the one message that proves the client holds the private key of its certificate: it signs the transcript so far."
          : "The server proves it holds the key of its certificate the same way."}
      </p>
      <SignedParts check={check} />
      <Values values={values} />
      <Openssl lines={check.openssl} />
    </section>
  );
}

/** The proof section of the illustrated page. */
export function ProofView({ annotated }: { annotated: AnnotatedHandshake }) {
  const { proof } = annotated;
  return (
    <section className="il-proof" aria-label="The proof" data-testid="proof">
      <h2>The proof, computed here</h2>
      <p data-testid="proof-summary">
        CertificateVerify: client <Verdict ok={annotated.certificateVerifyVerified.client} yes="verified" no="not verified" />, server{" "}
        <Verdict ok={annotated.certificateVerifyVerified.server} yes="verified" no="not verified" />. Finished: client{" "}
        <Verdict ok={annotated.finishedVerified.client} yes="verified" no="not verified" />, server <Verdict ok={annotated.finishedVerified.server} yes="verified" no="not verified" />.
      </p>
      <h3>Key schedule{proof.hash ? ` (${proof.hash})` : ""}</h3>
      {proof.keySchedule.length === 0 && <p className="muted">The capture&apos;s key log has no secret for this connection: nothing can be decrypted or checked.</p>}
      {proof.keySchedule.map((s) => (
        <Step key={s.id} step={s} />
      ))}
      <h3>Transcript hash after each message</h3>
      <ol className="il-transcript">
        {proof.transcript.map((t, i) => (
          <li key={i}>
            <span className="muted">{t.from === "client" ? "C→S" : "S→C"}</span> {t.message}: <span className="mono">{t.hash}</span>
          </li>
        ))}
      </ol>
      <h3>CertificateVerify: what each side signs</h3>
      <Signature check={proof.signatures.client} side="client" />
      <Signature check={proof.signatures.server} side="server" />
      <h3>Finished</h3>
      {(["server", "client"] as const).map((side) =>
        proof.finished[side] ? <Step key={side} step={proof.finished[side]!} testId={`finished-${side}`} /> : <p key={side} className="muted">No {side} Finished in this capture.</p>,
      )}
    </section>
  );
}
