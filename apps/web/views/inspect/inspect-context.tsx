"use client";
/**
 * Inspect's own state beside the workbench: the open request in progress and a pending password prompt.
 * The controller (inside the workbench) does the opening; home and side bar call `open`.
 */
import { createContext, useContext } from "react";

export interface PasswordPrompt {
  name: string;
  bytes: Uint8Array;
  /** Set after a wrong password. */
  error?: string;
}

export interface InspectApi {
  /** Decodes `bytes` (a file's contents or pasted text) in the worker and opens the result. */
  open: (name: string, bytes: Uint8Array, password?: string) => Promise<void>;
  busy: boolean;
  error: string | null;
  prompt: PasswordPrompt | null;
  cancelPrompt: () => void;
}

export const InspectContext = createContext<InspectApi | null>(null);

/** Inspect's API for components inside the Inspect view. */
export function useInspect(): InspectApi {
  const value = useContext(InspectContext);
  if (!value) throw new Error("useInspect: no Inspect view around this component");
  return value;
}
