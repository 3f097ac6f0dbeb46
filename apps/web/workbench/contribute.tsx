"use client";
/**
 * How a view fills the shell's parts, as VS Code's views contribute to its side bar and status bar: the
 * content is rendered by the view (its state and context stay with it) into the shell's slot elements,
 * which are built once in the root layout.
 */
import type { ReactNode } from "react";
import { createPortal } from "react-dom";
import { useWorkbench } from "./context";

/** The view's section at the top of the side bar (above the explorer). */
export function SideBarContribution({ children }: { children: ReactNode }) {
  const { slots } = useWorkbench();
  return slots.side ? createPortal(children, slots.side) : null;
}

/** The view's items in the status bar. */
export function StatusContribution({ children }: { children: ReactNode }) {
  const { slots } = useWorkbench();
  return slots.status ? createPortal(children, slots.status) : null;
}
