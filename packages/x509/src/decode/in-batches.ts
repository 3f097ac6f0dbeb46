/**
 * Runs an async step over many inputs a batch at a time, letting the event loop turn between batches.
 * decode used to start every object of a bundle at once: for 8,640 certificates the thread was blocked for
 * 21 s at a stretch (measured with a 5 ms interval timer), so Ctrl-C, SIGTERM and the site's cancel waited,
 * and thousands of WebCrypto jobs in flight made the whole run slower than batches of a few dozen.
 */
import { X509Error, X509ErrorCode } from "./errors.js";

/** The default time budget of one decode call: minutes of work on one input is a mistake or an attack. */
export const DecodeTimeLimitMs = 60_000;

/** Objects started together: enough that digests overlap, few enough that the loop turns every few ms. */
export const decodeBatchSize = 32;

/** A macrotask turn: timers run, signals and messages are delivered. setTimeout exists in Node and browsers. */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Promise.allSettled(inputs.map(step)), started `size` at a time, with an event-loop turn between batches.
 * Past `timeLimitMs` (from the call) no new batch starts and an X509Error says how far it got.
 * `onBatch` receives each batch's outcomes as it settles; with it, the first batch is the first input alone,
 * so a caller can show one object before the rest are parsed.
 */
export async function settleInBatches<T, R>(
  inputs: readonly T[],
  step: (input: T) => Promise<R>,
  timeLimitMs: number = DecodeTimeLimitMs,
  size = decodeBatchSize,
  onBatch?: (outcomes: PromiseSettledResult<R>[], start: number) => void,
): Promise<PromiseSettledResult<R>[]> {
  const started = Date.now();
  const settled: PromiseSettledResult<R>[] = [];
  for (let start = 0, end = onBatch ? 1 : size; start < inputs.length; start = end, end += size) {
    if (start > 0) await turn();
    if (start > 0 && Date.now() - started > timeLimitMs) {
      throw new X509Error(
        X509ErrorCode.badInput,
        `gave up after ${Math.round(timeLimitMs / 1000)} s with ${start} of ${inputs.length} objects decoded; split the input into smaller files`,
      );
    }
    const outcomes = await Promise.allSettled(inputs.slice(start, end).map(step));
    settled.push(...outcomes);
    onBatch?.(outcomes, start);
  }
  return settled;
}
