/**
 * The page's side of the capture worker: one worker, created when the first capture is opened (never on a
 * route's first load), and one decode per capture. The result is kept with the capture's tab data (a WeakMap
 * on that object, so it lives as long as the tab's file is in the workspace): showing the tab again,
 * switching between its sections or to another view and back never posts the capture again.
 */
import type { CaptureReply, CaptureRequest, CaptureView } from "./capture-protocol";

export type { CaptureView };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: CaptureView) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./capture.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<CaptureReply>) => {
    const reply = event.data;
    const entry = pending.get(reply.id);
    if (!entry) return;
    pending.delete(reply.id);
    if (reply.type === "result") entry.resolve(reply.result);
    else entry.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    // A worker that failed to load rejects everything in flight with one clear line, never hangs.
    for (const [id, entry] of pending) {
      entry.reject(new Error(`The capture decoder could not start: ${event.message || "worker error"}`));
      pending.delete(id);
    }
    worker = null;
  };
  return worker;
}

function decodeInWorker(name: string, text: string): Promise<CaptureView> {
  const id = nextId++;
  const request: CaptureRequest = { id, op: "capture", name, text };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    getWorker().postMessage(request);
  });
}

/** One capture's decode: in flight (`promise`), then settled (`view` or `error`, readable at once on a remount). */
export interface CaptureEntry {
  promise: Promise<CaptureView>;
  view?: CaptureView;
  error?: string;
}

const kept = new WeakMap<object, CaptureEntry>();

/** The decode of the capture whose tab data is `key`: started on the first call, the same entry ever after. */
export function captureOf(key: object, name: string, text: string): CaptureEntry {
  const known = kept.get(key);
  if (known) return known;
  const promise = decodeInWorker(name, text);
  const entry: CaptureEntry = { promise };
  promise.then(
    (view) => {
      entry.view = view;
    },
    (e: Error) => {
      entry.error = e.message;
    },
  );
  kept.set(key, entry);
  return entry;
}
