"use client";
import { Workbench } from "../workbench/workbench";
import type { ViewId } from "../lib/view-ids";
import { viewById } from "./registry";

/** An honest stand-in for a view that is not built yet: what it will do, and nothing pretending to be it. */
export function PlaceholderView({ view, plan }: { view: ViewId; plan: string }) {
  const entry = viewById(view);
  return (
    <Workbench
      view={view}
      home={
        <div className="page">
          <h1>{entry.title}</h1>
          <p>{plan}</p>
          <p className="muted">This view is not built yet. Inspect and Generate work today.</p>
        </div>
      }
    />
  );
}
