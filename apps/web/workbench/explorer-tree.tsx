"use client";
import { useMemo, useState } from "react";
import { useWorkbench } from "./context";
import { moveIndex } from "../lib/list-navigation";
import { treeRows } from "../lib/file-tree";

/** The workspace's files as a folder tree; arrows move, Left/Right fold, Enter opens, as in VS Code. */
export default function ExplorerTree() {
  const { state, dispatch } = useWorkbench();
  const [focus, setFocus] = useState(0);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => treeRows(state.files, collapsed), [state.files, collapsed]);
  const toggle = (path: string, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (open ?? next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const activate = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setFocus(index);
    if (row.folder) toggle(row.path);
    else dispatch({ type: "openTab", id: row.fileId! });
  };
  return (
    <ul
      className="tree"
      role="tree"
      aria-label="Session files"
      tabIndex={0}
      aria-activedescendant={rows[focus] ? `explorer-${focus}` : undefined}
      onKeyDown={(e) => {
        const row = rows[focus];
        if (e.key === "Enter" && row) activate(focus);
        else if (e.key === "ArrowLeft" && row?.folder) toggle(row.path, false);
        else if (e.key === "ArrowRight" && row?.folder) toggle(row.path, true);
        else {
          const next = moveIndex(focus, rows.length, e.key);
          if (next === focus) return;
          setFocus(next);
        }
        e.preventDefault();
      }}
    >
      {rows.map((row, index) => (
        <li
          key={row.key}
          id={`explorer-${index}`}
          role="treeitem"
          aria-level={row.depth + 1}
          aria-expanded={row.folder ? row.expanded : undefined}
          aria-selected={!row.folder && state.activeTab === row.fileId}
          data-focused={index === focus || undefined}
          data-folder={row.folder || undefined}
          style={{ paddingLeft: 8 + row.depth * 12 }}
          onClick={() => activate(index)}
        >
          {row.folder ? `${row.expanded ? "⌄" : "›"} ${row.label}` : row.label}
        </li>
      ))}
    </ul>
  );
}

