"use client";
/**
 * The shell's context: the workspace state, dispatch, the command runner, the file opener and the slots
 * the views contribute to. Components read state and dispatch actions; they never change state themselves.
 */
import { createContext, useContext, useEffect, type Dispatch } from "react";
import type { WorkbenchAction, WorkbenchState } from "../lib/workbench-state";

/** A palette entry. Every command is also a button somewhere. */
export interface Command {
  id: string;
  title: string;
  run: () => void;
}

/** The places in the shell a view fills: its side bar section and its status bar items. */
export interface Slots {
  side: HTMLElement | null;
  status: HTMLElement | null;
}

export interface WorkbenchContextValue {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  runCommand: (id: string) => void;
  /** Adds commands to the palette until the returned function is called. */
  registerCommands: (commands: Command[]) => () => void;
  /** Makes `handler` receive files dropped anywhere until the returned function is called (default: open them). */
  registerDrop: (handler: (files: File[]) => void) => () => void;
  /** Decodes `bytes` in the worker and opens the result in a tab; a failure opens a tab with the error. */
  openBytes: (name: string, bytes: Uint8Array, password?: string) => Promise<void>;
  /** Opens files chosen or dropped, one after the other. */
  openFiles: (files: File[]) => void;
  /** Navigates to `href`, showing the file `tabId` there instead of the view's page. */
  goTo: (href: string, tabId?: string) => void;
  /** True below 768 px: bottom bar, drawer, sheet. */
  narrow: boolean;
  slots: Slots;
}

export const WorkbenchContext = createContext<WorkbenchContextValue | null>(null);

/** The shell around the calling component; throws when used outside one (a programming error). */
export function useWorkbench(): WorkbenchContextValue {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error("useWorkbench: no workbench shell around this component");
  return value;
}

/** Contributes `commands` to the palette while the calling component is mounted. */
export function useCommands(commands: Command[]): void {
  const { registerCommands } = useWorkbench();
  useEffect(() => registerCommands(commands), [registerCommands, commands]);
}

/** Receives files dropped anywhere while the calling component is mounted. */
export function useFileDrop(handler: (files: File[]) => void): void {
  const { registerDrop } = useWorkbench();
  useEffect(() => registerDrop(handler), [registerDrop, handler]);
}
