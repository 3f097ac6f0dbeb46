/**
 * The page's side of the lab worker: one worker, started on first use, requests matched to replies by id.
 * Module state, not a global on window.
 */
import type { DecodedItem } from "@mtls-lab/x509";
import type { ProgressStep, WorkerEnvelope, WorkerOp, WorkerReply, WorkerRequest, WorkerResults } from "./protocol";

/** A failure the worker reported: the package's error code ("BAD_PASSWORD", ...) and its one-line message. */
export class WorkerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A decode result sent in chunks: the chunks' items come first, in order. */
function joinChunks(result: unknown, chunks: DecodedItem[][]): unknown {
  if (chunks.length === 0) return result;
  const r = result as { items: DecodedItem[] };
  return { ...r, items: [...chunks.flat(), ...r.items] };
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; progress?: (m: string, step?: ProgressStep) => void; chunks: DecodedItem[][] }>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./lab.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const entry = pending.get(reply.id);
    if (!entry) return;
    if (reply.type === "progress") return entry.progress?.(reply.message, reply.step);
    if (reply.type === "chunk") return void entry.chunks.push(reply.items);
    pending.delete(reply.id);
    if (reply.type === "result") entry.resolve(joinChunks(reply.result, entry.chunks));
    else entry.reject(new WorkerError(reply.code, reply.message));
  };
  worker.onerror = (event) => {
    // A worker that failed to load rejects everything in flight with one clear line, never hangs.
    for (const [id, entry] of pending) {
      entry.reject(new WorkerError("WORKER", `The decoder could not start: ${event.message || "worker error"}`));
      pending.delete(id);
    }
    worker = null;
  };
  return worker;
}

/** Runs `request` in the worker; `onProgress` receives its progress lines (with the step, for counted work). */
export function callWorker<R extends WorkerRequest>(request: R, onProgress?: (message: string, step?: ProgressStep) => void): Promise<WorkerResults[R["op"] & WorkerOp]> {
  const id = nextId++;
  const envelope = { ...request, id } as WorkerEnvelope;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, progress: onProgress, chunks: [] });
    getWorker().postMessage(envelope);
  });
}
