// In-page timing for site.bench.mjs: Worker is wrapped by an init script (the product has no hook), and the
// times are taken in the page with performance.now(), so Playwright's round trips are not in the figures.

/**
 * Installs the Worker wrapper in every page of `context`: `globalThis.__bench` keeps the worker, whether it
 * answered its warm-up (`ready`), and is where the timers below write.
 */
export async function instrument(context) {
  await context.addInitScript(() => {
    const bench = { worker: null, ready: false, times: null };
    Object.defineProperty(globalThis, "__bench", { value: bench });
    const Native = globalThis.Worker;
    globalThis.Worker = class extends Native {
      constructor(url, options) {
        super(url, options);
        bench.worker = this;
        let readyId = null;
        const post = this.postMessage.bind(this);
        this.postMessage = (message, ...rest) => {
          if (message?.op === "ready") readyId = message.id;
          post(message, ...rest);
        };
        this.addEventListener("message", (e) => {
          if (e.data?.id === readyId && e.data.type === "result") bench.ready = true;
        });
      }
    };
  });
}

/** Waits until the page's worker has loaded the decoder (the shell starts it when the page is idle). */
export async function waitForWorker(page) {
  await page.waitForFunction(() => globalThis.__bench.ready === true, null, { timeout: 60_000 });
}

/**
 * Chooses `file` in Inspect's file input and returns, in ms from the input's change event, when the first
 * certificate and when all `expected` certificates were on screen (the frame after the DOM showed them).
 * A one-certificate file counts as shown when its subject is.
 */
export async function timeOpen(page, file, expected) {
  await page.evaluate((expected) => {
    const t = { chosen: 0, first: 0, all: 0 };
    globalThis.__bench.times = t;
    document.getElementById("inspect-file").addEventListener("change", () => (t.chosen = performance.now()), { capture: true, once: true });
    let firstSeen = false;
    let allSeen = false;
    const check = () => {
      if (!t.chosen) return;
      const single = expected === 1 && document.querySelector('[data-testid="subject"]');
      const row = document.querySelector('[data-testid="chain-graph"] li');
      if (!firstSeen && (single || row)) {
        firstSeen = true;
        requestAnimationFrame(() => (t.first = performance.now()));
      }
      const count = document.querySelector('[data-testid="bundle-count"]')?.textContent ?? "";
      if (!allSeen && (single || (row && count.startsWith(`${expected} certificates`)))) {
        allSeen = true;
        requestAnimationFrame(() => (t.all = performance.now()));
      }
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, expected);
  await page.setInputFiles("#inspect-file", file);
  await page.waitForFunction(() => globalThis.__bench.times.all > 0, null, { timeout: 300_000 });
  return page.evaluate(() => {
    const t = globalThis.__bench.times;
    return { first: t.first - t.chosen, all: t.all - t.chosen };
  });
}

/**
 * Posts `text` to the page's worker as a decode request (what opening a file does: decode, then lint the
 * decoded certificates) and returns the round trip in ms, from posting the bytes to the last reply.
 */
export async function timeWorkerDecode(page, text) {
  return page.evaluate(async (text) => {
    const worker = globalThis.__bench.worker;
    const id = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const bytes = new TextEncoder().encode(text);
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const onMessage = (e) => {
        if (e.data?.id !== id || e.data.type === "chunk" || e.data.type === "progress") return;
        worker.removeEventListener("message", onMessage);
        if (e.data.type === "result") resolve();
        else reject(new Error(e.data.message));
      };
      worker.addEventListener("message", onMessage);
      worker.postMessage({ id, op: "decode", bytes });
    });
    return performance.now() - started;
  }, text);
}
