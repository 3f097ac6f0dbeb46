/// <reference lib="webworker" />
/**
 * The capture worker: parses, decodes and annotates a handshake capture (capture-decode.ts) off the main
 * thread, so the certificates' DER and the proof's crypto never run on the page. Started by capture-client.ts
 * when the first capture tab opens; it holds no TLS logic of its own.
 */
import { decodeCaptureText } from "./capture-decode";
import type { CaptureReply, CaptureRequest } from "./capture-protocol";

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<CaptureRequest>) => {
  const { id, name, text } = event.data;
  const post = (reply: CaptureReply) => scope.postMessage(reply);
  try {
    post({ id, type: "result", result: await decodeCaptureText(name, text) });
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    post({ id, type: "error", code: typeof e.code === "string" ? e.code : "ERROR", message: typeof e.message === "string" ? e.message : String(error) });
  }
};
