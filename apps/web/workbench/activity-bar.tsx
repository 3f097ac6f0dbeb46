"use client";
import Link from "next/link";
import { views } from "../views/registry";
import type { ViewId } from "../lib/view-ids";

/** The left-most bar: one link per registered view. */
export function ActivityBar({ current }: { current: ViewId }) {
  return (
    <nav className="wb-activity" aria-label="Views">
      {views.map((v) => (
        <Link key={v.id} href={v.href} title={`${v.title}: ${v.description}`} aria-label={v.title} aria-current={v.id === current ? "page" : undefined}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d={v.icon} />
          </svg>
        </Link>
      ))}
    </nav>
  );
}
