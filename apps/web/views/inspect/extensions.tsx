"use client";
/**
 * Extensions as people read them: names, usages as badges, constraints in words, identifiers as colon hex,
 * URIs as text (shown, never followed: nothing on this page makes a request for a certificate's URLs).
 */
import type { ExtensionInfo, GeneralName } from "@mtls-lab/x509";

const nameLabel: Record<string, string> = { dns: "DNS", ip: "IP", email: "email", uri: "URI", dirName: "directory name", registeredId: "registered ID", other: "other name" };

function isGeneralName(v: unknown): v is GeneralName {
  return typeof v === "object" && v !== null && typeof (v as GeneralName).type === "string" && typeof (v as GeneralName).value === "string" && Object.keys(v).length <= 2;
}

function isAsn1Tree(v: unknown): boolean {
  return typeof v === "object" && v !== null && "tagClass" in v && "tag" in v;
}

/** "3f9a0b..." -> "3F:9A:0B:..." as OpenSSL prints key identifiers. */
function colonHex(hex: string): string {
  return (hex.match(/../g) ?? []).join(":").toUpperCase();
}

/** Field names of decoded values, in words. */
const fieldLabel: Record<string, string> = {
  ca: "CA",
  pathLength: "path length",
  pathLenConstraint: "path length",
  keyIdentifier: "key identifier",
  authorityCertIssuer: "issuer",
  authorityCertSerialNumber: "issuer serial",
  permitted: "permitted",
  excluded: "excluded",
  requireExplicitPolicy: "require explicit policy after",
  inhibitPolicyMapping: "inhibit policy mapping after",
  policy: "policy",
  qualifiers: "qualifiers",
  method: "method",
  location: "location",
  distributionPoint: "distribution point",
  fullName: "names",
};

function Value({ value, field }: { value: unknown; field?: string }): React.ReactNode {
  if (value === null || value === undefined) return <span className="muted">(empty)</span>;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (/identifier|serial/i.test(field ?? "") && /^[0-9a-f]+$/i.test(value)) return <span className="mono">{colonHex(value)}</span>;
    return value;
  }
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (isAsn1Tree(value)) return <span className="muted">Not decoded here: see its bytes in the ASN.1 tab.</span>;
  if (isGeneralName(value)) {
    return (
      <span>
        <span className="muted">{nameLabel[value.type] ?? value.type}:</span> <span className="mono">{value.value}</span>
      </span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">none</span>;
    if (value.every((v) => typeof v === "string")) {
      return (
        <span>
          {value.map((v) => (
            <span key={v} className="badge">
              {v}
            </span>
          ))}
        </span>
      );
    }
    return (
      <ul className="ext-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} field={field} />
          </li>
        ))}
      </ul>
    );
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return (
      <dl className="kv ext-kv">
        {entries.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>{fieldLabel[k] ?? k}</dt>
            <dd>
              <Value value={v} field={k} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  return String(value);
}

/** Words for an extension whose meaning people ask about. */
function explain(ext: ExtensionInfo): string | null {
  const v = ext.value as { ca?: boolean; pathLength?: number; pathLenConstraint?: number } | undefined;
  switch (ext.oid) {
    case "2.5.29.19": {
      if (!v || typeof v !== "object") return null;
      const len = v.pathLength ?? v.pathLenConstraint;
      return v.ca ? `A CA: it may sign certificates${len !== undefined ? `, with at most ${len} CA${len === 1 ? "" : "s"} below it` : ""}.` : "Not a CA: it may not sign certificates.";
    }
    case "2.5.29.17":
      return "The names the certificate is valid for; TLS clients match the host name against these, never the CN.";
    case "2.5.29.37":
      return "What the key may be used for: serverAuth for TLS servers, clientAuth for TLS clients.";
    case "2.5.29.15":
      return "The key's allowed operations.";
    default:
      return null;
  }
}

/**
 * Every extension with its name, criticality, decoded value and OID, in the object's order. A malformed value
 * (x509's `malformed` finding: a truncated INTEGER, a wrong type, trailing bytes) gets an error badge and its
 * one-line reason, then whatever could be read.
 */
export function ExtensionList({ extensions, kind }: { extensions: readonly ExtensionInfo[]; kind: string }) {
  if (extensions.length === 0) {
    if (kind === "certificate") return <p className="muted">No extensions: an X.509 v1 certificate. TLS stacks treat it as a CA or reject it; reissue it with extensions.</p>;
    return <p className="muted">No extensions.</p>;
  }
  return (
    <dl className="kv ext" data-testid="extensions">
      {extensions.map((ext, i) => (
        <div key={`${ext.oid}-${i}`} style={{ display: "contents" }}>
          <dt>
            {ext.name} {ext.critical && <span className="badge warning">critical</span>}{" "}
            {ext.malformed !== undefined && <span className="badge error">malformed</span>}
            <div className="muted mono">{ext.oid}</div>
          </dt>
          <dd>
            {ext.malformed !== undefined && (
              <p role="note" data-testid="extension-malformed" className="error-text" style={{ margin: "0 0 4px" }}>
                {ext.malformed}
              </p>
            )}
            <Value value={ext.value} field={ext.name} />
            {explain(ext) && <div className="muted">{explain(ext)}</div>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
