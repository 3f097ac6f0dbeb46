"use client";
/**
 * Revocation in Generate: the kit's clients with their state in the CRL, a Revoke button for each (with a
 * reason), and the CRL to download. Shown when the kit was made with CRLs; the CRL work runs in the worker.
 */
import { useMemo, useState } from "react";
import type { CrlReason, KitManifest } from "@mtls-lab/x509";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { WorkbenchFile } from "../../lib/workbench-state";
import { saveFile } from "../../workbench/save";
import { useWorkbench } from "../../workbench/context";

/**
 * The reasons that make sense for a client certificate (RFC 5280 5.3.1), as values (x509's runtime stays out
 * of the page). certificateHold and removeFromCRL (delta CRLs) and the CA compromises are left out.
 */
const reasons = ["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation", "privilegeWithdrawn"] as const satisfies readonly CrlReason[];

/** The CRL file the servers read: every client-side CA's CRL (nginx ssl_crl, HAProxy crl-file, Apache SSLCARevocationFile). */
const CRL_FILE = "client-crls.pem";

function manifestOf(kitFiles: readonly WorkbenchFile[]): KitManifest | null {
  const text = (kitFiles.find((f) => f.name === "kit.json")?.data as LaidOutFile | undefined)?.contents;
  if (typeof text !== "string") return null;
  try {
    return JSON.parse(text) as KitManifest;
  } catch {
    return null;
  }
}

/** The Revocation section of the Generate page. */
export function Revocation({ kitFiles, busy }: { kitFiles: readonly WorkbenchFile[]; busy: boolean }) {
  const { dispatch } = useWorkbench();
  const manifest = useMemo(() => manifestOf(kitFiles), [kitFiles]);
  const [reason, setReason] = useState<CrlReason>("keyCompromise");
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!manifest?.crls?.length) return null;
  const clients = manifest.files.filter((f) => f.role === "clientCert" && f.client).map((f) => f.client!);
  const revoked = new Map((manifest.revoked ?? []).map((r) => [r.client, r]));
  const crlFile = kitFiles.find((f) => f.name === CRL_FILE)?.data as LaidOutFile | undefined;
  const crl = manifest.crls[0]!;
  const revoke = async (client: string) => {
    setWorking(client);
    setError(null);
    const { runRevoke } = await import("./run-revoke");
    try {
      const failed = await runRevoke(dispatch, kitFiles as WorkbenchFile[], client, reason);
      if (failed) setError(failed);
    } finally {
      setWorking(null);
    }
  };
  return (
    <section aria-labelledby="revocation-heading" data-testid="revocation">
      <h2 id="revocation-heading">Revocation</h2>
      <p className="muted">
        The servers check {CRL_FILE} (CRL number {crl.crlNumber}, next update {crl.nextUpdate.slice(0, 10)}): re-sign it before then, or every client is refused
        (<code>mtls-lab crl --kit DIR</code>). Revoking re-signs it and updates the .zip.
      </p>
      <label className="field">
        Reason for revoking
        <select name="reason" value={reason} aria-describedby="help-reason" onChange={(e) => setReason(e.target.value as CrlReason)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <span id="help-reason" className="help muted">
          Goes into the CRL entry (RFC 5280 5.3.1); keyCompromise when the key may be known to others.
        </span>
      </label>
      <ul className="revocation-list">
        {clients.map((client) => {
          const entry = revoked.get(client);
          return (
            <li key={client} data-testid={`revocation-${client}`}>
              <span className="mono">{client}</span>{" "}
              {entry ? (
                <span className="badge warning">
                  revoked{entry.reason ? ` (${entry.reason})` : ""}, serial {entry.serialNumber}
                </span>
              ) : (
                <button className="btn" type="button" disabled={busy || working !== null} onClick={() => void revoke(client)} aria-label={`Revoke ${client}`}>
                  {working === client ? "Revoking…" : "Revoke"}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {crlFile && (
        <button className="btn-link" type="button" onClick={() => saveFile(CRL_FILE, crlFile.contents, "application/x-pem-file")}>
          Download the CRL ({CRL_FILE})
        </button>
      )}
    </section>
  );
}
