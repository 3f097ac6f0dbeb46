"use client";
import type { WorkbenchFile } from "../../lib/workbench-state";


/** The tab of a file that could not be opened: the error, what can be opened, and no half-shown object. */
export default function ErrorEditor({ file }: { file: WorkbenchFile }) {
  const { message } = file.data as { message: string };
  return (
    <div className="page">
      <h1>{file.name}</h1>
      <p role="alert" className="error-text" data-testid="file-error">
        Could not open {file.name}: {message}
      </p>
      <p className="muted">
        Inspect reads certificates, keys, CSRs and CRLs as PEM or DER, PKCS#7 bundles and PKCS#12 files. PEM blocks are found inside any text.
      </p>
    </div>
  );
}
