"use client";
/**
 * The shell's services that need no first paint: "Keep this workspace in this tab" (restore on load, write
 * on change) and dropping files anywhere (with a visible drop target while dragging).
 */
import { useEffect, useRef, useState, type MutableRefObject } from "react";
import { useWorkbench } from "./context";
import { loadWorkspace, saveWorkspace, STORAGE_KEY } from "../lib/workspace-storage";

export default function Services({ dropHandlers }: { dropHandlers: MutableRefObject<((files: File[]) => void)[]> }) {
  const { state, dispatch, openFiles } = useWorkbench();
  const [dragging, setDragging] = useState(false);
  // "Keep this workspace in this tab": restored once on load, written on every change while kept.
  const restored = useRef(false);
  useEffect(() => {
    const kept = loadWorkspace(window.sessionStorage);
    if (kept) {
      dispatch({ type: "restore", workspace: kept });
      dispatch({ type: "log", line: `Restored the kept workspace: ${kept.files.length} file${kept.files.length === 1 ? "" : "s"}` });
    }
    restored.current = true;
  }, [dispatch]);
  const first = useRef(true);
  const stateRef = useRef(state);
  stateRef.current = state;
  useEffect(() => {
    // The first run sees the state from before the restore: writing it would undo the restore.
    if (!restored.current || first.current) {
      first.current = false;
      return;
    }
    if (!state.keep) {
      window.sessionStorage.removeItem(STORAGE_KEY);
      return;
    }
    const timer = setTimeout(() => {
      const error = saveWorkspace(window.sessionStorage, stateRef.current);
      if (error) dispatch({ type: "log", line: error });
    }, 150);
    return () => clearTimeout(timer);
  }, [state.keep, state.files, state.tabs, state.activeTab, state.problems, state.diagnoseInputs, state.kit, state.queries]); // eslint-disable-line react-hooks/exhaustive-deps

  // Dropping files anywhere opens them (or gives them to the view that asked); the page shows where to drop.
  useEffect(() => {
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes("Files");
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      setDragging(false);
      if (!hasFiles(e)) return;
      e.preventDefault();
      const files = Array.from(e.dataTransfer?.files ?? []);
      const handler = dropHandlers.current.at(-1);
      if (handler) handler(files);
      else openFiles(files);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, [openFiles]);

  return dragging ? (
    <div className="wb-drop" role="status" data-testid="drop-target">
      Drop to open. Nothing is uploaded.
    </div>
  ) : null;
}
