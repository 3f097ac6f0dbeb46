/// <reference lib="webworker" />
/**
 * The lab worker: decodes, builds ASN.1 trees, renders text, diagnoses and generates kits with the packages'
 * functions, off the main thread. It holds no X.509 logic of its own.
 */
import { decode, lint, parseAsn1, renderText, type DecodedItem, type LintWarning } from "@mtls-lab/x509";
import type { ProgressStep, WorkerEnvelope, WorkerReply, WorkerResults } from "./protocol";
import { diagnoseFiles } from "./diagnose-op";

/**
 * The kit operations (key generation, @peculiar/x509's signing, PKCS#12, the config emitters, fflate's zip):
 * about half of the worker's code, loaded with import() on the first kit request, so a page that only decodes
 * or diagnoses starts the worker without them. The Generate page's idle warm-up is such a request.
 */
let kitOps: Promise<typeof import("./kit-ops")> | null = null;
const loadKitOps = () =>
  (kitOps ??= import("./kit-ops").catch((error: unknown) => {
    // A failed import (a chunk that did not arrive) is not kept: the next kit request imports again.
    kitOps = null;
    throw error;
  }));

/** Bundles up to this size are linted; the Mozilla bundle (about 150) is, a 5,000-certificate test bundle is not. */
const LINT_LIMIT = 500;

/** Lints the certificates decode just built: lint takes decode's model objects, it does not parse them again. */
function lintItems(items: readonly DecodedItem[]): LintWarning[] | null {
  const certificates = items.flatMap((i) => (i.kind === "certificate" ? [i] : i.kind === "pkcs7" || i.kind === "pkcs12" ? i.items.filter((x) => x.kind === "certificate") : []));
  if (certificates.length === 0 || certificates.length > LINT_LIMIT) return null;
  return lint(certificates);
}

/** Objects per message: measured, a few hundred decoded certificates arrive well inside a 50 ms frame budget. */
const CHUNK = 200;

/**
 * Decodes and posts the objects as they come: the first one at once, the rest CHUNK at a time; the result
 * carries what was not sent yet and the lint findings, made from the same decoded objects.
 */
async function decodeStreaming(message: WorkerEnvelope & { op: "decode" }, chunk: (items: DecodedItem[], total: number) => void): Promise<WorkerResults["decode"]> {
  let sent = 0;
  let held: DecodedItem[] = [];
  const { items } = await decode(message.bytes, {
    password: message.password,
    onItems: (batch, total) => {
      // One object alone is the whole result: nothing to show ahead of it.
      if (total === 1) return;
      held.push(...batch);
      if (sent === 0 || held.length >= CHUNK) {
        chunk(held, total);
        sent += held.length;
        held = [];
      }
    },
  });
  return { items: items.slice(sent), lint: lintItems(items) };
}

async function handle(
  message: WorkerEnvelope,
  progress: (m: string, step?: ProgressStep) => void,
  chunk: (items: DecodedItem[], total: number) => void,
): Promise<unknown> {
  switch (message.op) {
    case "ready":
      return null;
    case "decode":
      return decodeStreaming(message, chunk);
    case "asn1":
      return parseAsn1(message.der);
    case "render":
      return renderText(message.item);
    case "diagnose":
      return diagnoseFiles(message);
    case "generate": {
      const kit = await loadKitOps();
      return kit.serially(() => kit.generate(message.settings, progress));
    }
    case "warm": {
      const kit = await loadKitOps();
      return kit.serially(() => kit.warm(message.settings));
    }
    case "revoke": {
      const kit = await loadKitOps();
      return kit.serially(() => kit.revoke(message.manifest, message.files, message.client, message.reason));
    }
    case "zip":
      return (await loadKitOps()).zipFiles(message.files, message.folder);
    case "forgetKeys": {
      // Keys are only kept by kit operations: a worker that never loaded them holds none.
      if (!kitOps) return null;
      const kit = await kitOps;
      return kit.serially(async () => {
        kit.forgetKeys();
        return null;
      });
    }
    default:
      throw Object.assign(new Error("unknown request"), { code: "BAD_INPUT" });
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<WorkerEnvelope>) => {
  const { id } = event.data;
  const post = (reply: WorkerReply) => scope.postMessage(reply);
  try {
    const result = await handle(
      event.data,
      (message, step) => post({ id, type: "progress", message, ...(step ? { step } : {}) }),
      (items, total) => post({ id, type: "chunk", items, total }),
    );
    post({ id, type: "result", result: result as WorkerResults[keyof WorkerResults] });
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    post({ id, type: "error", code: typeof e.code === "string" ? e.code : "ERROR", message: typeof e.message === "string" ? e.message : String(error) });
  }
};
