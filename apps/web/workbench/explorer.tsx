"use client";
import { useState, type ReactNode } from "react";
import { useWorkbench } from "./context";
import { moveIndex } from "../lib/list-navigation";

/** The session's files by folder; arrows move, Enter opens, as in VS Code's explorer. */
export function Explorer({ empty }: { empty?: ReactNode }) {
  const { state, dispatch } = useWorkbench();
  const [focus, setFocus] = useState(0);
  const files = state.files;
  const groups = [...new Set(files.map((f) => f.group))];
  const ordered = groups.flatMap((g) => files.filter((f) => f.group === g));
  return (
    <section aria-labelledby="explorer-title">
      <h2 id="explorer-title">Explorer</h2>
      {ordered.length === 0 ? (
        <div className="wb-section muted">{empty ?? "No files yet."}</div>
      ) : (
        <ul
          className="tree"
          role="tree"
          aria-label="Session files"
          tabIndex={0}
          aria-activedescendant={ordered[focus] ? `explorer-${ordered[focus].id}` : undefined}
          onKeyDown={(e) => {
            if (e.key === "Enter" && ordered[focus]) {
              dispatch({ type: "openTab", id: ordered[focus].id });
              e.preventDefault();
              return;
            }
            const next = moveIndex(focus, ordered.length, e.key);
            if (next !== focus) {
              setFocus(next);
              e.preventDefault();
            }
          }}
        >
          {groups.map((group) => (
            <li key={group} role="treeitem" aria-expanded="true" aria-selected="false" style={{ padding: 0 }}>
              <div className="muted" style={{ padding: "1px 8px" }}>
                ⌄ {group}
              </div>
              <ul role="group" className="tree">
                {files
                  .filter((f) => f.group === group)
                  .map((f) => {
                    const index = ordered.indexOf(f);
                    return (
                      <li
                        key={f.id}
                        id={`explorer-${f.id}`}
                        role="treeitem"
                        aria-selected={state.activeTab === f.id}
                        data-focused={index === focus || undefined}
                        style={{ paddingLeft: 24 }}
                        onClick={() => {
                          setFocus(index);
                          dispatch({ type: "openTab", id: f.id });
                        }}
                      >
                        {f.name}
                      </li>
                    );
                  })}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
