"use client";
import { useMemo, useState } from "react";
import type { CertificateInfo } from "@mtls-lab/x509";
import type { WorkbenchFile } from "../../lib/workbench-state";
import { itemTitle, memberFile, type BundleFileData } from "../../lib/inspect-files";
import { buildChainGraph, type ChainNode } from "../../lib/chain-graph";
import { validityBadge } from "../../lib/validity";
import { useWorkbench } from "../../workbench/context";
import { Pkcs12Protection } from "./pkcs12-protection";

/** Rows drawn at once; more on request, so a 5,000-certificate bundle renders in a blink. */
const PAGE = 200;

/** A bundle: its certificates as a graph of who issued whom, then everything inside as a list. */
export default function BundleEditor({ file }: { file: WorkbenchFile }) {
  const bundle = file as WorkbenchFile<BundleFileData>;
  const { dispatch } = useWorkbench();
  const [shown, setShown] = useState(PAGE);
  const items = bundle.data.items;
  const certIndexes = useMemo(() => items.flatMap((it, i) => (it.kind === "certificate" ? [i] : [])), [items]);
  const graph = useMemo(() => buildChainGraph(certIndexes.map((i) => items[i] as CertificateInfo)), [certIndexes, items]);
  const now = new Date();
  const openMember = (index: number) => {
    const member = memberFile(bundle, index);
    if (member) dispatch({ type: "addFiles", files: [member], open: true });
  };
  let drawn = 0;
  const renderNode = (node: ChainNode) => {
    if (drawn >= shown) return null;
    drawn += 1;
    const index = certIndexes[node.index]!;
    const cert = items[index] as CertificateInfo;
    const badge = validityBadge(cert.notBefore, cert.notAfter, now);
    return (
      <li key={index}>
        <button className="btn-link" type="button" onClick={() => openMember(index)}>
          {itemTitle(cert)}
        </button>
        <span className="muted"> {cert.subject}</span> {badge !== "valid" && <span className="badge warning">{badge}</span>}
        {node.children.length > 0 && <ul>{node.children.map(renderNode)}</ul>}
      </li>
    );
  };
  const others = items.flatMap((it, i) => (it.kind === "certificate" ? [] : [{ it, i }]));
  return (
    <div className="page" style={{ maxWidth: "none" }}>
      <h1>{file.name}</h1>
      <p data-testid="bundle-count">
        {bundle.data.container === "pkcs12" ? "PKCS#12 file with " : bundle.data.container === "pkcs7" ? "PKCS#7 bundle with " : ""}
        {certIndexes.length} certificate{certIndexes.length === 1 ? "" : "s"}
        {others.length ? ` and ${others.length} other object${others.length === 1 ? "" : "s"}` : ""}. Open one for its details.
      </p>
      {others.length > 0 && (
        <ul>
          {others.map(({ it, i }) => (
            <li key={i}>
              <button className="btn-link" type="button" onClick={() => openMember(i)}>
                {itemTitle(it)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {bundle.data.pkcs12 && <Pkcs12Protection {...bundle.data.pkcs12} />}
      <h2>Who issued whom</h2>
      <div className="graph" data-testid="chain-graph">
        <ul>{graph.map(renderNode)}</ul>
      </div>
      {certIndexes.length > shown && (
        <button className="btn" type="button" onClick={() => setShown(shown + PAGE * 5)}>
          Show more ({certIndexes.length - shown} not shown)
        </button>
      )}
    </div>
  );
}
