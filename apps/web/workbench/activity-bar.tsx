"use client";
import Link from "next/link";
import { views } from "../views/registry";
import type { ViewId } from "../lib/view-ids";
import { useWorkbench } from "./context";

/** The activity bar: one labelled link per registered view; below 768 px it is the bottom bar. */
export function ActivityBar({ current }: { current: ViewId | null }) {
  const { state, dispatch } = useWorkbench();
  return (
    <nav className="wb-activity" aria-label="Views">
      {views.map((v) => {
        // Back to the view's own settings: each view's last query string is kept in the workspace.
        const query = state.queries[v.id];
        return (
          <Link
            key={v.id}
            href={query ? `${v.href}?${query}` : v.href}
            title={`${v.title}: ${v.description}`}
            aria-label={v.title}
            aria-current={v.id === current ? "page" : undefined}
            onClick={() => v.id === current && dispatch({ type: "showHome" })}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d={v.icon} />
            </svg>
            <span className="wb-activity-label">{v.title}</span>
          </Link>
        );
      })}
    </nav>
  );
}
