"use client";
/**
 * The workbench context: state, dispatch and the command runner, for the views' components.
 * Components read state and dispatch actions; they never change state themselves.
 */
import { createContext, useContext, useEffect, type Dispatch } from "react";
import type { WorkbenchAction, WorkbenchState } from "../lib/workbench-state";

/** A palette entry. Every command is also a button somewhere. */
export interface Command {
  id: string;
  title: string;
  run: () => void;
}

export interface WorkbenchContextValue {
  state: WorkbenchState;
  dispatch: Dispatch<WorkbenchAction>;
  runCommand: (id: string) => void;
  /** Adds commands to the palette until the returned function is called. */
  registerCommands: (commands: Command[]) => () => void;
  /** Makes `handler` receive files dropped anywhere on the workbench until the returned function is called. */
  registerDrop: (handler: (files: File[]) => void) => () => void;
}

export const WorkbenchContext = createContext<WorkbenchContextValue | null>(null);

/** The workbench around the calling component; throws when used outside one (a programming error). */
export function useWorkbench(): WorkbenchContextValue {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error("useWorkbench: no <Workbench> around this component");
  return value;
}

/** Contributes `commands` to the palette while the calling component is mounted. */
export function useCommands(commands: Command[]): void {
  const { registerCommands } = useWorkbench();
  useEffect(() => registerCommands(commands), [registerCommands, commands]);
}

/** Receives files dropped anywhere on the workbench while the calling component is mounted. */
export function useFileDrop(handler: (files: File[]) => void): void {
  const { registerDrop } = useWorkbench();
  useEffect(() => registerDrop(handler), [registerDrop, handler]);
}
