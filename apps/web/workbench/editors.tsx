"use client";
/**
 * The editor registry: how a tab shows a file, by the file's `editor` id. Editors load on demand (lazyPart,
 * or ahead with `preload`), so the first load of a route carries none of them.
 */
import type { WorkbenchFile } from "../lib/workbench-state";
import { lazyPart, type LazyPart } from "./lazy-part";

export interface EditorEntry {
  id: string;
  title: string;
  render: LazyPart<{ file: WorkbenchFile }>;
}

const fallback = <p className="page muted">Loading…</p>;

export const editors: Record<string, EditorEntry> = {
  text: { id: "text", title: "Text", render: lazyPart(() => import("../views/generate/text-editor"), { fallback }) },
  object: { id: "object", title: "Decoded object", render: lazyPart(() => import("../views/inspect/object-editor"), { fallback }) },
  bundle: { id: "bundle", title: "Bundle", render: lazyPart(() => import("../views/inspect/bundle-editor"), { fallback }) },
  error: { id: "error", title: "Could not open", render: lazyPart(() => import("../views/inspect/error-editor"), { fallback }) },
  capture: { id: "capture", title: "Handshake capture", render: lazyPart(() => import("../views/handshake/capture-editor"), { fallback }) },
};
