/**
 * A capture file made ready for the view: validated and decoded by @mtls-lab/handshake, plus each peer's
 * byte stream so the step ranges can be highlighted. Loaded on demand (dynamic import): the decoder and
 * its X.509 code are not part of the Handshake route's first load.
 */
import { decodeCapture, parseCapture, type DecodedHandshake } from "@mtls-lab/handshake";
import { fromBase64 } from "@mtls-lab/x509";

export interface CaptureModel {
  name: string;
  decoded: DecodedHandshake;
  /** All bytes each peer sent, in order: `DecodedStep.range` indexes into these. */
  streams: { client: Uint8Array; server: Uint8Array };
  startedAt: string;
  result: { tlsVersion?: string; cipher?: string; authorized?: boolean; authorizationError?: string };
  keylogLines: number;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Parses and decodes a capture's JSON text; throws the package's one-line error for bad input. */
export async function loadCapture(name: string, text: string): Promise<CaptureModel> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not JSON (${(e as Error).message}); expected a capture written by mtls-lab serve --capture`);
  }
  const capture = parseCapture(json);
  const decoded = await decodeCapture(capture);
  const parts = { client: [] as Uint8Array[], server: [] as Uint8Array[] };
  for (const event of capture.events) parts[event.from].push(fromBase64(event.data) ?? new Uint8Array(0));
  return {
    name,
    decoded,
    streams: { client: join(parts.client), server: join(parts.server) },
    startedAt: capture.startedAt,
    result: capture.result,
    keylogLines: capture.keylog.length,
  };
}
