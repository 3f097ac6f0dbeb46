"use client";
/**
 * The editor registry: how a tab shows a file, by the file's `editor` id. Editors load on demand
 * (next/dynamic), so the first load of a route carries none of them.
 */
import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import type { WorkbenchFile } from "../lib/workbench-state";

export interface EditorEntry {
  id: string;
  title: string;
  render: ComponentType<{ file: WorkbenchFile }>;
}

const loading = () => <p className="page muted">Loading…</p>;

export const editors: Record<string, EditorEntry> = {
  text: { id: "text", title: "Text", render: dynamic(() => import("../views/generate/text-editor"), { ssr: false, loading }) },
  object: { id: "object", title: "Decoded object", render: dynamic(() => import("../views/inspect/object-editor"), { ssr: false, loading }) },
  bundle: { id: "bundle", title: "Bundle", render: dynamic(() => import("../views/inspect/bundle-editor"), { ssr: false, loading }) },
  error: { id: "error", title: "Could not open", render: dynamic(() => import("../views/inspect/error-editor"), { ssr: false, loading }) },
  capture: { id: "capture", title: "Handshake capture", render: dynamic(() => import("../views/handshake/capture-editor"), { ssr: false, loading }) },
};
