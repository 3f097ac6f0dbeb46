/**
 * The annotation of a capture for the illustrated page, loaded on demand: this module and
 * @mtls-lab/handshake/annotate (the decoder, the key schedule and the signature checks) are dynamic imports,
 * never part of the Handshake route's first load.
 */
import type { AnnotatedHandshake } from "@mtls-lab/handshake/annotate";

/** Annotates a capture's JSON text; throws one line naming the file for bad input. */
export async function annotateText(name: string, text: string): Promise<AnnotatedHandshake> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${name}: not JSON (${(e as Error).message}); expected a capture written by mtls-lab serve --capture`);
  }
  const { annotateCapture } = await import("@mtls-lab/handshake/annotate");
  return annotateCapture(json);
}
