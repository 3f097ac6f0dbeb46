"use client";
import type { Dispatch } from "react";
import type { WorkbenchAction } from "../lib/workbench-state";

/** "Clear workspace": every file, kit, capture, input and problem, the kept copy, and the keys the worker keeps. */
export function clearWorkspace(dispatch: Dispatch<WorkbenchAction>): void {
  dispatch({ type: "clearWorkspace" });
  void import("./opener").then((m) => m.forgetKitKeys());
}
