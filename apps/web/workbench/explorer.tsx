"use client";
import dynamic from "next/dynamic";
import { useWorkbench } from "./context";

const ExplorerTree = dynamic(() => import("./explorer-tree"), { ssr: false });
// Keep and Clear: loaded after the first paint.
const WorkspaceControls = dynamic(() => import("./workspace-controls"), { ssr: false });

/** The explorer: the workspace's files (the tree loads with the first file), then Keep and Clear. */
export function Explorer() {
  const { state } = useWorkbench();
  return (
    <section aria-labelledby="explorer-title" className="wb-explorer">
      <h2 id="explorer-title">Explorer</h2>
      {state.files.length === 0 ? <div className="wb-section muted">No files yet.</div> : <ExplorerTree />}
      <WorkspaceControls />
    </section>
  );
}
