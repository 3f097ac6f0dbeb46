/**
 * The activity bar's list: one entry per view, in order. Adding a view is one folder under views/,
 * one entry here, and its route under app/ rendering the folder's view component.
 */
import { ViewId } from "../lib/view-ids";

export interface ViewEntry {
  id: ViewId;
  title: string;
  /** Route path, relative to the base path. */
  href: string;
  /** One line for the tooltip, the palette and the landing page: what the view is for. */
  description: string;
  /**
   * SVG path data drawn in a 24x24 box. Chosen not to mean something else in VS Code: no magnifier (Search),
   * no plus, no warning triangle (Problems).
   */
  icon: string;
}

export const views: readonly ViewEntry[] = [
  {
    id: ViewId.learn,
    title: "Learn",
    href: "/learn/",
    description: "The tutorial: mutual TLS explained step by step",
    icon: "M4 5h7a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-7a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h7z",
  },
  {
    id: ViewId.handshake,
    title: "Handshake",
    href: "/handshake/",
    description: "Watch the TLS handshake with client authentication, message by message",
    icon: "M3 7h14l-3-3M21 17H7l3 3",
  },
  {
    id: ViewId.inspect,
    title: "Inspect",
    href: "/inspect/",
    description: "Open certificates, keys, bundles and PKCS#12 files and see what is inside",
    // A certificate: a page with lines and a seal.
    icon: "M5 3h11l3 3v8M5 3v18h8M8 8h8M8 11h6M17.5 15.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zM16 20l-1 3 2.5-1 2.5 1-1-3",
  },
  {
    id: ViewId.generate,
    title: "Generate",
    href: "/generate/",
    description: "Make a working mTLS kit: CAs, certificates, nginx and client code",
    // A key.
    icon: "M8 10a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM11 13l9-9M17 7l3 3M15 9l2 2",
  },
  {
    id: ViewId.diagnose,
    title: "Diagnose",
    href: "/diagnose/",
    description: "Find out why a handshake fails, and the fix",
    // A stethoscope.
    icon: "M6 3v6a4 4 0 0 0 8 0V3M10 13v3a4 4 0 0 0 8 0v-2M18 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4z",
  },
];

/** The entry of a view. */
export function viewById(id: ViewId): ViewEntry {
  return views.find((v) => v.id === id) ?? views[0]!;
}

/** The view a route belongs to ("/" and "/learn/..." are Learn), or null for any other path (the 404 page). */
export function viewOfPath(pathname: string): ViewId | null {
  const first = pathname.split("/").filter(Boolean)[0];
  if (first === undefined || first === "learn") return ViewId.learn;
  return views.find((v) => v.href === `/${first}/`)?.id ?? null;
}
