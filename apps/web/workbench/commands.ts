"use client";
/**
 * The shell's own palette commands; views add theirs with useCommands. Each is also a button somewhere.
 * Loaded with the palette: the keyboard's few shortcuts are handled by the shell itself (shell.tsx).
 */
import type { Dispatch } from "react";
import { Overlay, type WorkbenchAction } from "../lib/workbench-state";
import { views } from "../views/registry";
import type { Command } from "./context";
import { clearWorkspace } from "./clear";

/** The built-in commands; `narrow` tells Toggle Side Bar whether it moves the drawer or the side bar. */
export function builtInCommands(dispatch: Dispatch<WorkbenchAction>, goTo: (href: string) => void, narrow: boolean): Command[] {
  return [
      { id: "workbench.palette", title: "Show All Commands", run: () => dispatch({ type: "openOverlay", overlay: Overlay.palette }) },
      { id: "workbench.quickOpen", title: "Go to File…", run: () => dispatch({ type: "openOverlay", overlay: Overlay.quickOpen }) },
      { id: "workbench.toggleSideBar", title: "View: Toggle Side Bar", run: () => dispatch({ type: "toggleSideBar", narrow }) },
      { id: "workbench.togglePanel", title: "View: Toggle Panel", run: () => dispatch({ type: "togglePanel" }) },
      { id: "workbench.closeTab", title: "View: Close Editor", run: () => dispatch({ type: "closeTab" }) },
      { id: "workbench.problems", title: "View: Show Problems", run: () => dispatch({ type: "showPanel", tab: "problems" }) },
      { id: "workbench.output", title: "View: Show Output", run: () => dispatch({ type: "showPanel", tab: "output" }) },
      { id: "workbench.open", title: "File: Open File…", run: () => document.getElementById("inspect-file")?.click() },
      { id: "workbench.keep", title: "Workspace: Keep This Workspace in This Tab", run: () => dispatch({ type: "setKeep", keep: true }) },
      { id: "workbench.clear", title: "Workspace: Clear Workspace", run: () => clearWorkspace(dispatch) },
      { id: "workbench.themeDark", title: "Preferences: Dark Theme", run: () => dispatch({ type: "setTheme", theme: "dark" }) },
      { id: "workbench.themeLight", title: "Preferences: Light Theme", run: () => dispatch({ type: "setTheme", theme: "light" }) },
      { id: "workbench.themeSystem", title: "Preferences: Theme Follows the System", run: () => dispatch({ type: "setTheme", theme: "system" }) },
      ...views.map((v) => ({ id: `view.${v.id}`, title: `Go to ${v.title}`, run: () => goTo(v.href) })),
  ];
}
