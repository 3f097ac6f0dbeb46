"use client";
import Link from "next/link";
import { views } from "../views/registry";

/**
 * The branded 404, shown by the shell for any path that is no view (the export's 404.html included):
 * the activity bar and status bar stay, and the five views are one click away.
 */
export function NotFound() {
  return (
    <div className="page" data-testid="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address. Nothing was lost: this visit&apos;s workspace is still here.</p>
      <ul className="view-cards" aria-label="Views">
        {views.map((v) => (
          <li key={v.id}>
            <Link href={v.href}>
              <strong>{v.title}</strong>
              {v.description}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
