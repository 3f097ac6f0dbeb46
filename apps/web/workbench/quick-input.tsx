"use client";
import { useEffect, useRef, useState } from "react";
import { fuzzyFilter } from "../lib/fuzzy";
import { moveIndex } from "../lib/list-navigation";
import { shortcutFor } from "../lib/keybindings";
import { Overlay } from "../lib/workbench-state";
import { views } from "../views/registry";
import { builtInCommands } from "./commands";
import { useWorkbench, type Command } from "./context";

export interface QuickItem {
  id: string;
  label: string;
  detail?: string;
  run: () => void;
}

/**
 * The command palette (the shell's and the views' commands) or quick open (the workspace's files and the
 * views), loaded when first opened.
 */
export default function QuickInputHost({ contributed }: { contributed: Command[] }) {
  const { state, dispatch, goTo, narrow } = useWorkbench();
  const palette = state.overlay === Overlay.palette;
  const items: QuickItem[] = palette
    ? [...builtInCommands(dispatch, goTo, narrow), ...contributed]
        .filter((c) => c.id !== "workbench.palette")
        .map((c) => ({ id: c.id, label: c.title, detail: shortcutFor(c.id), run: c.run }))
    : [
        ...state.files.map((f) => ({ id: `file.${f.id}`, label: f.name.split("/").pop() ?? f.name, detail: f.group, run: () => dispatch({ type: "openTab", id: f.id }) })),
        ...views.map((v) => ({ id: `view.${v.id}`, label: v.title, detail: "view", run: () => goTo(v.href) })),
      ];
  return (
    <QuickInput
      key={state.overlay}
      title={palette ? "Command palette" : "Quick open"}
      placeholder={palette ? "Type a command" : "Search files and views by name"}
      items={items}
      onClose={() => dispatch({ type: "closeOverlay" })}
    />
  );
}

/** A filter box over a list; arrows move, Enter runs, Escape closes. */
function QuickInput({ title, placeholder, items, onClose }: { title: string; placeholder: string; items: QuickItem[]; onClose: () => void }) {
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const shown = fuzzyFilter(items, query, (i) => i.label).slice(0, 200);
  const choose = (item: QuickItem | undefined) => {
    if (!item) return;
    onClose();
    item.run();
  };
  return (
    <div className="wb-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="wb-quick" role="dialog" aria-modal="true" aria-label={title}>
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls="quick-list"
          aria-label={placeholder}
          aria-activedescendant={shown[index] ? `quick-${index}` : undefined}
          placeholder={placeholder}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Escape") onClose();
            else if (e.key === "Enter") choose(shown[index]);
            else if (e.key === "ArrowDown" || e.key === "ArrowUp") setIndex(moveIndex(index, shown.length, e.key));
            else return;
            e.preventDefault();
          }}
        />
        <ul id="quick-list" role="listbox" aria-label={title}>
          {shown.length === 0 && <li className="muted">No matching entries</li>}
          {shown.map((item, i) => (
            <li key={item.id} id={`quick-${i}`} role="option" aria-selected={i === index} onMouseEnter={() => setIndex(i)} onClick={() => choose(item)}>
              <span>{item.label}</span>
              {item.detail && <kbd>{item.detail}</kbd>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
