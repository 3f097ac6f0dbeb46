"use client";
import { useEffect, useState } from "react";
import type { WorkbenchFile } from "../../lib/workbench-state";
import type { LaidOutFile } from "../../lib/kit-layout";
import { copyText, saveFile } from "../../workbench/save";
import { highlight, languageOf } from "./highlight";

/** A generated file in a read-only tab, highlighted once the highlighter has loaded; copy and download. */
export default function TextEditor({ file }: { file: WorkbenchFile }) {
  const data = file.data as LaidOutFile;
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
  return (
    <div>
      <div className="field-row" style={{ padding: "6px 16px", margin: 0, borderBottom: "1px solid var(--border)" }}>
        <span className="muted mono" style={{ flex: 1 }}>
          {data.path} · read-only{data.mode === 0o600 ? " · secret: mode 0600" : ""}
        </span>
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
        <p className="page">Binary file ({(data.contents as Uint8Array).length} bytes): download it, or open it in Inspect.</p>
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
