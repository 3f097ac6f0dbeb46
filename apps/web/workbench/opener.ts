"use client";
/**
 * Opening files into the workspace: decode in the worker, one tab per input, lint findings to Problems.
 * A file that cannot be opened still gets a tab (showing the error) and one line in Problems: the error
 * never goes to Output alone. Loaded on the first open, so no route's first load carries the decoder's client.
 */
import type { Dispatch } from "react";
import type { DecodedItem } from "@mtls-lab/x509";
import { callWorker, startWorker, WorkerError } from "../workers/client";
import { filesForDecoded, flattenItems, INSPECT_GROUP, type BundleFileData } from "../lib/inspect-files";
import { lintProblems } from "../lib/problems";
import type { WorkbenchAction } from "../lib/workbench-state";

/** Codes x509's decode throws when a PKCS#12 needs a (different) password. */
const PASSWORD_CODES = new Set(["BAD_PASSWORD"]);

/**
 * Decodes `bytes` (a file's contents or pasted text) and opens the result, or a tab with the error. A bundle
 * opens with its first object as soon as the worker has decoded it and grows as the rest arrive.
 */
export async function openBytes(dispatch: Dispatch<WorkbenchAction>, name: string, bytes: Uint8Array, password?: string): Promise<void> {
  dispatch({ type: "setBusy", busy: true });
  const started = performance.now();
  // Unique across reloads too: a kept workspace brings back files with the ids they had.
  const id = `inspect-${crypto.randomUUID()}`;
  // The objects shown so far, when the input holds several (a closure writes it: an object, not a let).
  const stream: { items: DecodedItem[] | null } = { items: null };
  const onChunk = (chunk: DecodedItem[]) => {
    const items = [...(stream.items ?? []), ...chunk];
    const file = { id, name, group: INSPECT_GROUP, editor: "bundle", data: { items: flattenItems(items), source: name } satisfies BundleFileData };
    if (stream.items === null) dispatch({ type: "addFiles", files: [file], open: true });
    else dispatch({ type: "updateFile", id, data: file.data });
    stream.items = items;
  };
  try {
    const { items, lint } = await callWorker({ op: "decode", bytes, password }, undefined, onChunk);
    dispatch({ type: "setPrompt", prompt: null });
    const files = filesForDecoded(id, name, items);
    // A streamed bundle is already open: its data is completed in place, the tab keeps its place and focus.
    if (stream.items) dispatch({ type: "updateFile", id, data: files[0]!.data });
    else dispatch({ type: "addFiles", files, open: true });
    const count = flattenItems(items).length;
    dispatch({ type: "setProblems", source: name, problems: lintProblems(files[0]!.id, name, lint ?? []) });
    if (lint === null) dispatch({ type: "log", line: `${name}: not linted (no certificates, or more than the lint limit)` });
    dispatch({ type: "log", line: `Opened ${name}: ${count} object${count === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms` });
  } catch (e) {
    const err = e instanceof WorkerError ? e : new WorkerError("ERROR", String(e));
    // A bundle that failed half-way shows the error in the tab its first objects opened in.
    const failedId = stream.items ? id : `failed:${name}`;
    if (PASSWORD_CODES.has(err.code)) {
      dispatch({ type: "setPrompt", prompt: { name, bytes, error: password === undefined ? undefined : err.message } });
    } else {
      // Any other failure ends the password prompt: the error is shown in the file's tab and in Problems.
      dispatch({ type: "setPrompt", prompt: null });
      dispatch({ type: "addFiles", files: [{ id: failedId, name, group: INSPECT_GROUP, editor: "error", data: { message: err.message } }], open: true });
      dispatch({ type: "setProblems", source: name, problems: [{ id: failedId, severity: "error", source: name, message: `could not be opened: ${err.message}` }] });
      dispatch({ type: "log", line: `Could not open ${name}: ${err.message}` });
    }
  } finally {
    dispatch({ type: "setBusy", busy: false });
  }
}

/** Tells the worker to drop the key pairs it keeps for regenerating the kit. */
export function forgetKitKeys(): void {
  void callWorker({ op: "forgetKeys" }).catch(() => undefined);
}

/** Starts the worker and loads the decoder in it ahead of the first file (the shell calls it when idle). */
export function warmOpener(): void {
  void startWorker();
}
