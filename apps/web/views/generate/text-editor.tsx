"use client";
import { useEffect, useState } from "react";
import type { DecodedItem } from "@mtls-lab/x509";
import type { WorkbenchFile } from "../../lib/workbench-state";
import type { LaidOutFile } from "../../lib/kit-layout";
import { copyText, saveFile } from "../../workbench/save";
import { useWorkbench } from "../../workbench/context";
import { ObjectView } from "../inspect/object-editor";
import { highlight, languageOf } from "./highlight";

/** A kit file: certificates and keys decoded (decoded once, when the kit was made), the rest as highlighted text. */
export default function TextEditor({ file }: { file: WorkbenchFile }) {
  const data = file.data as LaidOutFile & { items?: DecodedItem[] };
  const [source, setSource] = useState(false);
  const first = data.items?.[0];
  if (first && !source) {
    const more = (data.items?.length ?? 1) - 1;
    return (
      <>
        <ObjectView
          item={first}
          name={data.path}
          actions={
            <button className="btn-link" type="button" onClick={() => setSource(true)}>
              Show PEM
            </button>
          }
        />
        {more > 0 && <p className="page muted">This file holds {more} more certificate{more === 1 ? "" : "s"} after this one (the chain). Open the single files to see them.</p>}
      </>
    );
  }
  return <SourceView data={data} onDecoded={first ? () => setSource(false) : undefined} />;
}

function SourceView({ data, onDecoded }: { data: LaidOutFile; onDecoded?: () => void }) {
  const text = typeof data.contents === "string" ? data.contents : null;
  const language = languageOf(data.path);
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    if (text === null || language === null) return;
    let live = true;
    highlight(text, language).then(
      (h) => live && setHtml(h),
      () => undefined, // Plain text stays on screen when a grammar fails to load.
    );
    return () => {
      live = false;
    };
  }, [text, language]);
  const name = data.path.split("/").pop() ?? data.path;
  const { openBytes } = useWorkbench();
  return (
    <div>
      <div className="field-row" style={{ padding: "6px 16px", margin: 0, borderBottom: "1px solid var(--border)", flexWrap: "wrap" }}>
        <span className="muted mono" style={{ flex: 1 }}>
          {data.path} · read-only{data.mode === 0o600 ? " · secret: mode 0600" : ""}
        </span>
        {onDecoded && (
          <button className="btn-link" type="button" onClick={onDecoded}>
            Show decoded
          </button>
        )}
        {text !== null && (
          <button className="btn-link" type="button" onClick={() => void copyText(text)}>
            Copy
          </button>
        )}
        <button className="btn-link" type="button" onClick={() => saveFile(name, data.contents)}>
          Download
        </button>
      </div>
      {text === null ? (
        <p className="page">
          Binary file ({(data.contents as Uint8Array).length} bytes).{" "}
          <button className="btn-link" type="button" onClick={() => void openBytes(name, data.contents as Uint8Array)}>
            Open it decoded
          </button>{" "}
          (a PKCS#12 file asks for its password), or download it.
        </p>
      ) : html ? (
        <div className="code" data-testid="code" dangerouslySetInnerHTML={{ __html: html }} />
      ) : (
        <pre className="code" data-testid="code">
          {text}
        </pre>
      )}
    </div>
  );
}
