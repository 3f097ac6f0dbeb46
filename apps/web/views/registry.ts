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
  /** One line for the activity bar's tooltip and the palette. */
  description: string;
  /** SVG path data drawn in a 24x24 box. */
  icon: string;
}

export const views: readonly ViewEntry[] = [
  {
    id: ViewId.learn,
    title: "Learn",
    href: "/",
    description: "The tutorial: mutual TLS step by step",
    icon: "M4 5h7a2 2 0 0 1 2 2v12a2 2 0 0 0-2-2H4zM20 5h-7a2 2 0 0 0-2 2v12a2 2 0 0 1 2-2h7z",
  },
  {
    id: ViewId.handshake,
    title: "Handshake",
    href: "/handshake/",
    description: "The TLS handshake with client authentication, message by message",
    icon: "M3 7h14l-3-3M21 17H7l3 3",
  },
  {
    id: ViewId.inspect,
    title: "Inspect",
    href: "/inspect/",
    description: "Open certificates, keys, bundles and PKCS#12 files and see what is inside",
    icon: "M10.5 4a6.5 6.5 0 1 1 0 13 6.5 6.5 0 0 1 0-13zM15.5 15.5 21 21",
  },
  {
    id: ViewId.generate,
    title: "Generate",
    href: "/generate/",
    description: "Make an mTLS kit: CAs, server and client certificates, nginx and client code",
    icon: "M12 3v18M3 12h18",
  },
  {
    id: ViewId.diagnose,
    title: "Diagnose",
    href: "/diagnose/",
    description: "Find out why a handshake fails and how to fix it",
    icon: "M12 3 2 20h20zM12 10v4M12 17v.5",
  },
];

/** The entry of a view. */
export function viewById(id: ViewId): ViewEntry {
  return views.find((v) => v.id === id) ?? views[0]!;
}
