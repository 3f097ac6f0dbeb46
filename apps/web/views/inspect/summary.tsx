"use client";
import { showControl, type CertificateInfo, type DecodedItem, type PublicKeyInfo } from "@mtls-lab/x509";
import { usagesOf } from "../../lib/cert-usage";
import { daysBetween, validityBadge } from "../../lib/validity";
import { copyText } from "../../workbench/save";
import { useWorkbench } from "../../workbench/context";
import { keyMatches } from "../../lib/key-match";

function keyText(key: PublicKeyInfo): string {
  return key.curve ? `${key.algorithm} ${key.curve}` : `${key.algorithm} ${key.size} bits`;
}

function Copy({ text, label }: { text: string; label: string }) {
  return (
    <button className="btn-link" type="button" aria-label={`Copy ${label}`} onClick={() => void copyText(text)}>
      copy
    </button>
  );
}

/** Whether an opened private key fits this object (or, for a key, which opened certificate or CSR it fits). */
function KeyMatchLine({ item }: { item: DecodedItem }) {
  const { state, dispatch } = useWorkbench();
  const matches = keyMatches(item, state.files);
  const isKey = item.kind === "privateKey";
  return (
    <>
      <dt>{isKey ? "Fits" : "Private key"}</dt>
      <dd data-testid="key-match">
        {matches.length === 0 ? (
          <span className="muted">{isKey ? "No opened certificate or CSR has this key's public key." : "No opened private key matches. Open the key to check it belongs here."}</span>
        ) : (
          matches.map((m, i) => (
            <span key={m.fileId}>
              {i > 0 && ", "}
              <span className="badge ok">matches</span>
              <button type="button" className="btn-link" onClick={() => dispatch({ type: "openTab", id: m.fileId })}>
                {m.fileName}
              </button>{" "}
              <span className="muted">({m.kind === "privateKey" ? "its private key" : m.kind === "csr" ? "a CSR for this key" : "a certificate for this key"})</span>
            </span>
          ))
        )}
      </dd>
    </>
  );
}

/** SAN advice fits only a server leaf: clients and CAs need no host names. */
function isServerLeaf(cert: CertificateInfo): boolean {
  return cert.basicConstraints?.ca !== true && (cert.extendedKeyUsage.length === 0 || cert.extendedKeyUsage.includes("serverAuth"));
}

const badgeClass = { valid: "ok", expiring: "warning", expired: "error", "not yet valid": "error" } as const;

/** A certificate in the order a reader asks: who, by whom, when, for what, which key, which fingerprints. */
export function CertificateSummary({ cert }: { cert: CertificateInfo }) {
  const badge = validityBadge(cert.notBefore, cert.notAfter, new Date());
  // Control and bidi characters in a name are the certificate's, shown as escapes (\x1b, \u202e), not obeyed.
  const names = cert.subjectAltNames.map((n) => `${n.type.toUpperCase()}:${showControl(n.value)}`);
  return (
    <dl className="kv" data-testid="summary">
      <dt>Subject</dt>
      <dd data-testid="subject">{showControl(cert.subject) || "(empty)"}</dd>
      <dt>Issued by</dt>
      <dd>
        {showControl(cert.issuer)}
        {cert.selfSigned && <> <span className="badge">self-signed</span></>}
      </dd>
      <dt>Valid</dt>
      <dd>
        {cert.notBefore.slice(0, 10)} → {cert.notAfter.slice(0, 10)} ({daysBetween(cert.notBefore, cert.notAfter)} days){" "}
        <span className={`badge ${badgeClass[badge]}`} data-testid="validity">
          {badge}
        </span>
      </dd>
      <dt>May be used as</dt>
      <dd>
        {usagesOf(cert).map((u) => (
          <span key={u} className="badge">
            {u}
          </span>
        ))}
        {usagesOf(cert).length === 0 && <span className="muted">neither server, client nor CA</span>}
      </dd>
      <dt>Names</dt>
      <dd>
        {names.length ? (
          names.join(", ")
        ) : isServerLeaf(cert) ? (
          <span className="muted">no subjectAltName: TLS clients will not match any host name</span>
        ) : (
          <span className="muted">none (not needed: {cert.basicConstraints?.ca ? "a CA" : "a client certificate"} is not matched against a host name)</span>
        )}
      </dd>
      <dt>Key</dt>
      <dd>
        {keyText(cert.publicKey)}, signed with {cert.signatureAlgorithm}
      </dd>
      <dt>Serial</dt>
      <dd className="mono">{cert.serialNumber}</dd>
      <dt>SHA-256</dt>
      <dd className="mono" data-testid="sha256" data-value={cert.fingerprints.sha256}>
        {cert.fingerprints.sha256} <Copy text={cert.fingerprints.sha256} label="SHA-256 fingerprint" />
      </dd>
      <dt>SHA-1</dt>
      <dd className="mono">
        {cert.fingerprints.sha1} <Copy text={cert.fingerprints.sha1} label="SHA-1 fingerprint" />
      </dd>
      <dt>SPKI pin</dt>
      <dd className="mono">
        {cert.spkiPin} <Copy text={cert.spkiPin} label="SPKI pin" />
      </dd>
      <KeyMatchLine item={cert} />
    </dl>
  );
}

/** Summary of any decoded object; certificates get the full one. */
export function ItemSummary({ item }: { item: DecodedItem }) {
  switch (item.kind) {
    case "certificate":
      return <CertificateSummary cert={item} />;
    case "csr":
      return (
        <dl className="kv" data-testid="summary">
          <dt>Request for</dt>
          <dd data-testid="subject">{showControl(item.subject)}</dd>
          <dt>Key</dt>
          <dd>{keyText(item.publicKey)}</dd>
          <dt>Signature</dt>
          <dd>{item.signatureValid ? "valid" : "does not verify"}</dd>
          <KeyMatchLine item={item} />
        </dl>
      );
    case "crl":
      return (
        <dl className="kv" data-testid="summary">
          <dt>Issuer</dt>
          <dd>{showControl(item.issuer)}</dd>
          <dt>This update</dt>
          <dd>{item.thisUpdate}</dd>
          <dt>Revoked</dt>
          <dd>{item.revoked.length} certificates</dd>
        </dl>
      );
    case "privateKey":
      return (
        <dl className="kv" data-testid="summary">
          <dt>Private key</dt>
          <dd>{item.format}{item.encrypted ? ", encrypted" : ""}</dd>
          {item.publicKey && (
            <>
              <dt>Key</dt>
              <dd>{keyText(item.publicKey)}</dd>
              <dt>Public key SHA-256</dt>
              <dd className="mono">{item.publicKey.spkiSha256}</dd>
              <KeyMatchLine item={item} />
            </>
          )}
        </dl>
      );
    case "publicKey":
      return (
        <dl className="kv" data-testid="summary">
          <dt>Public key</dt>
          <dd>{keyText(item.publicKey)}</dd>
          <dt>SHA-256</dt>
          <dd className="mono">{item.publicKey.spkiSha256}</dd>
        </dl>
      );
    default:
      return <p>{item.kind}: {item.items.length} objects inside.</p>;
  }
}
