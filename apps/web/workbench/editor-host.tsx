"use client";
import type { WorkbenchFile } from "../lib/workbench-state";
import { editors } from "./editors";

/** Shows `file` with its editor; loaded with the first tab, so the editor registry is not in any first load. */
export default function EditorHost({ file }: { file: WorkbenchFile }) {
  const Editor = editors[file.editor]?.render;
  return Editor ? <Editor file={file} /> : <p className="page muted">No editor for {file.name}.</p>;
}
