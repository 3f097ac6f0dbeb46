"use client";
import type { ExtensionInfo } from "@mtls-lab/x509";

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `${v.length} bytes` : v), 2);
}

/**
 * Every extension with its OID, criticality and decoded value, in certificate order. A malformed value (x509's
 * `malformed` finding: a truncated INTEGER, a wrong type, trailing bytes) gets an error badge and its one-line
 * reason, then whatever could be read (its ASN.1 tree or hex).
 */
export function ExtensionList({ extensions }: { extensions: readonly ExtensionInfo[] }) {
  if (extensions.length === 0) return <p className="muted">No extensions: an X.509 v1 certificate. TLS stacks treat it as a CA or reject it; reissue it with extensions.</p>;
  return (
    <dl className="kv" data-testid="extensions">
      {extensions.map((ext, i) => (
        <div key={`${ext.oid}-${i}`} style={{ display: "contents" }}>
          <dt>
            {ext.name} {ext.critical && <span className="badge warning">critical</span>}{" "}
            {ext.malformed !== undefined && <span className="badge error">malformed</span>}
            <div className="muted mono">{ext.oid}</div>
          </dt>
          <dd>
            {ext.malformed !== undefined && (
              <p role="note" data-testid="extension-malformed" style={{ color: "var(--fg-error)", margin: "0 0 4px" }}>
                {ext.malformed}
              </p>
            )}
            <pre className="mono" style={{ margin: 0, whiteSpace: "pre-wrap" }}>
              {valueText(ext.value)}
            </pre>
          </dd>
        </div>
      ))}
    </dl>
  );
}
