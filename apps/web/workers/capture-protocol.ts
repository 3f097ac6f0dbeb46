/**
 * Messages between the page and the capture worker (capture.worker.ts). The worker parses a capture file,
 * decodes it (@mtls-lab/handshake's decodeCapture: the certificates' DER, the decryption with the key log,
 * both Finished MACs) and annotates it with its proof (@mtls-lab/handshake/annotate) once; the page renders
 * the Messages and Illustrated sections from that one reply. Everything posted is plain data: objects,
 * arrays, strings, numbers and Uint8Arrays (the structured clone algorithm copies them; no class instances).
 */
import type { DecodedHandshake } from "@mtls-lab/handshake";
import type { AnnotatedHandshake } from "@mtls-lab/handshake/annotate";

/** A capture made ready for its tab: what both sections show. */
export interface CaptureView {
  name: string;
  decoded: DecodedHandshake;
  /** The byte-exact annotation and the proof; null when only the annotation failed (then `annotateError`). */
  annotated: AnnotatedHandshake | null;
  /** The package's one line when the annotation failed but the decode did not (the Messages section still shows). */
  annotateError?: string;
  /** All bytes each peer sent, in order: `DecodedStep.range` indexes into these. */
  streams: { client: Uint8Array; server: Uint8Array };
  startedAt: string;
  result: { tlsVersion?: string; cipher?: string; authorized?: boolean; authorizationError?: string };
  keylogLines: number;
}

/** What the page posts: one capture file's name and text. */
export interface CaptureRequest {
  id: number;
  op: "capture";
  name: string;
  text: string;
}

/** What the worker posts back: the capture's view, or the package's one-line error. */
export type CaptureReply = { id: number; type: "result"; result: CaptureView } | { id: number; type: "error"; code: string; message: string };
