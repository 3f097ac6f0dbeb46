/**
 * Runs an async step over many inputs a batch at a time, letting the event loop turn between batches.
 * decode used to start every object of a bundle at once: for 8,640 certificates the thread was blocked for
 * 21 s at a stretch (measured with a 5 ms interval timer), so Ctrl-C, SIGTERM and the site's cancel waited,
 * and thousands of WebCrypto jobs in flight made the whole run slower than batches of a few dozen.
 */

/** Objects started together: enough that digests overlap, few enough that the loop turns every few ms. */
export const decodeBatchSize = 32;

/** A macrotask turn: timers run, signals and messages are delivered. setTimeout exists in Node and browsers. */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Promise.allSettled(inputs.map(step)), started `size` at a time, with an event-loop turn between batches. */
export async function settleInBatches<T, R>(inputs: readonly T[], step: (input: T) => Promise<R>, size = decodeBatchSize): Promise<PromiseSettledResult<R>[]> {
  const settled: PromiseSettledResult<R>[] = [];
  for (let start = 0; start < inputs.length; start += size) {
    if (start > 0) await turn();
    settled.push(...(await Promise.allSettled(inputs.slice(start, start + size).map(step))));
  }
  return settled;
}
