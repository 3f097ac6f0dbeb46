"use client";
/**
 * How a PKCS#12 file is protected (what `openssl pkcs12 -info` prints: the MAC, each bag's encryption,
 * friendly names, local key ids) and which systems import it, as @mtls-lab/x509's decode predicts
 * (packages/x509/src/decode/pkcs12-compat.ts; docs/pkcs12.md gives each rule's source).
 */
import type { Pkcs12Importer, Pkcs12Protection as Protection } from "@mtls-lab/x509";

/** The Protection and Imports sections of a PKCS#12 file's page. */
export function Pkcs12Protection({ protection, importers }: { protection?: Protection; importers?: Pkcs12Importer[] }) {
  if (!protection && !importers?.length) return null;
  return (
    <section aria-labelledby="p12-protection" data-testid="p12-protection">
      <h2 id="p12-protection">Protection</h2>
      {protection && (
        <>
          <dl className="kv">
            <dt>MAC</dt>
            <dd data-testid="p12-mac">
              {protection.macAlgorithm
                ? `${protection.macAlgorithm}, ${protection.macIterations ?? 1} iterations, salt ${protection.macSaltLength ?? 0} bytes`
                : "none: the file has no integrity check"}
            </dd>
          </dl>
          <ul data-testid="p12-parts">
            {protection.parts.map((part, i) => (
              <li key={i}>
                <strong>{part.contents}</strong>: {part.encryption ? `${part.encryption}${part.iterations ? `, ${part.iterations} iterations` : ""}` : "not encrypted"}
                {part.friendlyName !== undefined && <span className="muted"> · friendly name {part.friendlyName}</span>}
                {part.localKeyId !== undefined && <span className="muted mono"> · local key id {part.localKeyId}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {importers && importers.length > 0 && (
        <>
          <h2>Who imports it</h2>
          <ul data-testid="p12-importers">
            {importers.map((i) => (
              <li key={i.system} data-system={i.system} data-imports={i.imports ? "yes" : "no"}>
                <span className={`badge ${i.imports ? "" : "warning"}`}>{i.imports ? "imports" : "refuses"}</span> {i.system}
                {i.reason && <span>: {i.reason}</span>}{" "}
                <span className="muted" title={i.source}>
                  ({i.evidence})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
