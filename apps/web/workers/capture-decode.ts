/**
 * What the capture worker runs, once per capture: parse the file, decode it and annotate it with its proof.
 * Pure (no DOM, no worker globals), so the tests run the very same function in Node.
 */
import { decodeCapture, parseCapture } from "@mtls-lab/handshake";
import { annotateCapture } from "@mtls-lab/handshake/annotate";
import { fromBase64 } from "@mtls-lab/x509";
import type { CaptureView } from "./capture-protocol";

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Parses, decodes and annotates a capture's JSON text (a file written by `mtls-lab serve --capture`).
 * Throws one line naming the file when it is not JSON, the package's one-line error when it is not a valid
 * capture; a failure of the annotation alone is returned as `annotateError`, beside the decoded messages.
 */
export async function decodeCaptureText(name: string, text: string, crypto: Crypto = globalThis.crypto): Promise<CaptureView> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not JSON (${(e as Error).message}); expected a capture written by mtls-lab serve --capture`);
  }
  const capture = parseCapture(json);
  const decoded = await decodeCapture(capture, crypto);
  const view: CaptureView = { name, decoded, annotated: null, streams: { client: new Uint8Array(0), server: new Uint8Array(0) }, startedAt: capture.startedAt, result: capture.result, keylogLines: capture.keylog.length };
  try {
    view.annotated = await annotateCapture(capture, crypto);
  } catch (e) {
    view.annotateError = (e as Error).message;
  }
  const parts = { client: [] as Uint8Array[], server: [] as Uint8Array[] };
  for (const event of capture.events) parts[event.from].push(fromBase64(event.data) ?? new Uint8Array(0));
  view.streams = { client: join(parts.client), server: join(parts.server) };
  return view;
}
