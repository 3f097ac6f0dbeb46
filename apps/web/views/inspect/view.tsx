"use client";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from "react";
import { Workbench } from "../../workbench/workbench";
import { useCommands, useFileDrop, useWorkbench } from "../../workbench/context";
import { callWorker, WorkerError } from "../../workers/client";
import { filesForDecoded, flattenItems } from "../../lib/inspect-files";
import { lintProblems } from "../../lib/problems";
import type { WorkbenchAction } from "../../lib/workbench-state";
import { InspectContext, useInspect, type InspectApi, type PasswordPrompt } from "./inspect-context";
import { InspectHome, InspectSideBar } from "./home";
import { PasswordDialog } from "./password-dialog";

/** Codes x509's decode throws when a PKCS#12 needs a (different) password. */
const PASSWORD_CODES = new Set(["BAD_PASSWORD"]);

/** Connects the workbench's dispatch, drop and palette to Inspect; always mounted. */
function InspectController({ bind, readFiles, openSample }: { bind: (d: Dispatch<WorkbenchAction>) => void; readFiles: (files: File[]) => void; openSample: () => void }) {
  const { dispatch } = useWorkbench();
  bind(dispatch);
  useFileDrop(readFiles);
  const { open } = useInspect();
  useEffect(() => {
    // Pasting anywhere outside a text field opens what was pasted: PEM blocks are found inside any text.
    const onPaste = (e: ClipboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
      const text = e.clipboardData?.getData("text") ?? "";
      if (text.trim()) void open("pasted.pem", new TextEncoder().encode(text));
    };
    document.addEventListener("paste", onPaste);
    return () => document.removeEventListener("paste", onPaste);
  }, [open]);
  const commands = useMemo(
    () => [
      { id: "inspect.open", title: "Inspect: Open File…", run: () => document.getElementById("inspect-file")?.click() },
      { id: "inspect.paste", title: "Inspect: Paste PEM…", run: () => document.getElementById("inspect-paste")?.focus() },
      { id: "inspect.sample", title: "Inspect: Open a Sample Certificate", run: openSample },
    ],
    [openSample],
  );
  useCommands(commands);
  return (
    <>
      <input
        id="inspect-file"
        type="file"
        multiple
        hidden
        aria-label="Open files"
        onChange={(e) => {
          readFiles(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = "";
        }}
      />
      <PasswordDialog />
    </>
  );
}

/** Inspect: open certificates, keys, bundles and PKCS#12 files and see what is inside. */
export function InspectView() {
  const dispatchRef = useRef<Dispatch<WorkbenchAction> | null>(null);
  const counter = useRef(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState<PasswordPrompt | null>(null);

  const open = useCallback(async (name: string, bytes: Uint8Array, password?: string) => {
    const dispatch = dispatchRef.current;
    if (!dispatch) return;
    setBusy(true);
    setError(null);
    const started = performance.now();
    try {
      const { items, lint } = await callWorker({ op: "decode", bytes, password });
      setPrompt(null);
      counter.current += 1;
      const files = filesForDecoded(`inspect-${counter.current}`, name, items);
      dispatch({ type: "addFiles", files, open: true });
      const count = flattenItems(items).length;
      dispatch({ type: "setProblems", source: name, problems: lintProblems(files[0]!.id, name, lint ?? []) });
      if (lint === null) dispatch({ type: "log", line: `${name}: not linted (no certificates, or more than the lint limit)` });
      dispatch({ type: "log", line: `Opened ${name}: ${count} object${count === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms` });
    } catch (e) {
      const err = e instanceof WorkerError ? e : new WorkerError("ERROR", String(e));
      if (PASSWORD_CODES.has(err.code)) {
        setPrompt({ name, bytes, error: password === undefined ? undefined : err.message });
      } else {
        setError(`${name}: ${err.message}`);
        dispatch({ type: "log", line: `Could not open ${name}: ${err.message}` });
      }
    } finally {
      setBusy(false);
    }
  }, []);

  const readFiles = useCallback(
    (files: File[]) => {
      void (async () => {
        for (const file of files) await open(file.name, new Uint8Array(await file.arrayBuffer()));
      })();
    },
    [open],
  );
  const openSample = useCallback(() => {
    void fetch(`${process.env.NEXT_PUBLIC_BASE_PATH ?? ""}/samples/server.crt`)
      .then((r) => r.arrayBuffer())
      .then((b) => open("sample-server.crt", new Uint8Array(b)));
  }, [open]);

  const api = useMemo<InspectApi>(() => ({ open, busy, error, prompt, cancelPrompt: () => setPrompt(null) }), [open, busy, error, prompt]);
  return (
    <InspectContext.Provider value={api}>
      <Workbench
        view="inspect"
        sideBar={<InspectSideBar openSample={openSample} />}
        explorerEmpty="Open or drop a file to see it here."
        home={<InspectHome openSample={openSample} />}
      >
        <InspectController bind={(d) => (dispatchRef.current = d)} readFiles={readFiles} openSample={openSample} />
      </Workbench>
    </InspectContext.Provider>
  );
}
