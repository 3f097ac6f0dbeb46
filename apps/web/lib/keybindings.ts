/**
 * Keyboard shortcuts as data: a key event (reduced to the fields that matter) maps to a command id.
 * Ctrl on Linux and Windows, Cmd on macOS, as in VS Code. Never a chord the browser keeps for itself
 * (Ctrl/Cmd+W, T, N, Tab and their Shift forms): a page cannot have them, so none is advertised.
 */

/** The parts of a KeyboardEvent a binding looks at. */
export interface KeyChord {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export interface Keybinding {
  /** Key name as in KeyboardEvent.key, lowercase for letters. */
  key: string;
  shift: boolean;
  /** Whether Ctrl (or Cmd) must be held; function keys need none. */
  mod: boolean;
  command: string;
  /** Shown in the palette. */
  label: string;
}

/** Chords browsers keep for themselves (close, new tab, new window, switch tab, reopen). */
export const BROWSER_RESERVED = ["Ctrl+W", "Ctrl+T", "Ctrl+N", "Ctrl+Tab", "Ctrl+Shift+W", "Ctrl+Shift+T", "Ctrl+Shift+N", "Ctrl+Shift+Tab"] as const;

export const keybindings: readonly Keybinding[] = [
  // F1 first: Ctrl+Shift+P opens a private window in Firefox.
  { key: "F1", shift: false, mod: false, command: "workbench.palette", label: "F1" },
  { key: "p", shift: true, mod: true, command: "workbench.palette", label: "Ctrl+Shift+P" },
  { key: "p", shift: false, mod: true, command: "workbench.quickOpen", label: "Ctrl+P" },
  { key: "b", shift: false, mod: true, command: "workbench.toggleSideBar", label: "Ctrl+B" },
  { key: "j", shift: false, mod: true, command: "workbench.togglePanel", label: "Ctrl+J" },
] as const;

/** The command a chord runs, or null. Alt never takes part. */
export function commandForChord(chord: KeyChord): string | null {
  if (chord.altKey) return null;
  const mod = chord.ctrlKey || chord.metaKey;
  const key = chord.key.length === 1 ? chord.key.toLowerCase() : chord.key;
  const hit = keybindings.find((b) => b.key === key && b.shift === chord.shiftKey && b.mod === mod);
  return hit ? hit.command : null;
}

/** The shortcut labels of a command, joined ("F1, Ctrl+Shift+P"), if it has any. */
export function shortcutFor(command: string): string | undefined {
  const labels = keybindings.filter((b) => b.command === command).map((b) => b.label);
  return labels.length ? labels.join(", ") : undefined;
}
