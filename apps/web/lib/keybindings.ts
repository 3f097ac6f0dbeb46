/**
 * Keyboard shortcuts as data: a key event (reduced to the fields that matter) maps to a command id.
 * Ctrl on Linux and Windows, Cmd on macOS, as in VS Code.
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
  /** Lowercase key name as in KeyboardEvent.key. */
  key: string;
  shift: boolean;
  command: string;
  /** Shown in the palette. */
  label: string;
}

export const keybindings: readonly Keybinding[] = [
  { key: "p", shift: true, command: "workbench.palette", label: "Ctrl+Shift+P" },
  { key: "p", shift: false, command: "workbench.quickOpen", label: "Ctrl+P" },
  { key: "b", shift: false, command: "workbench.toggleSideBar", label: "Ctrl+B" },
  { key: "j", shift: false, command: "workbench.togglePanel", label: "Ctrl+J" },
  { key: "w", shift: false, command: "workbench.closeTab", label: "Ctrl+W" },
] as const;

/** The command a chord runs, or null. Ctrl or Cmd must be held, Alt must not. */
export function commandForChord(chord: KeyChord): string | null {
  if (!(chord.ctrlKey || chord.metaKey) || chord.altKey) return null;
  const key = chord.key.toLowerCase();
  const hit = keybindings.find((b) => b.key === key && b.shift === chord.shiftKey);
  return hit ? hit.command : null;
}

/** The shortcut label of a command, if it has one. */
export function shortcutFor(command: string): string | undefined {
  return keybindings.find((b) => b.command === command)?.label;
}
