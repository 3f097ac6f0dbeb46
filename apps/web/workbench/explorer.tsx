"use client";
import { useWorkbench } from "./context";
import { lazyPart } from "./lazy-part";

const ExplorerTree = lazyPart(() => import("./explorer-tree"), { clientOnly: true });
// Keep and Clear: loaded after the first paint.
const WorkspaceControls = lazyPart(() => import("./workspace-controls"), { clientOnly: true });

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
