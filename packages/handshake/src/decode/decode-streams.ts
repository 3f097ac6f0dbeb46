/**
 * Decoding raw per-direction streams: build a capture ordered by flights, decode it, and for TLS 1.3
 * build it once more with the server's flight cut after its (decrypted) Finished, so that what the server
 * sends after the handshake (tickets, alert 116) appears after the client's flight, where it happened.
 */
import { captureFromStreams, type StreamsInput } from "../capture/from-streams.js";
import type { DecodedHandshake } from "../types.js";
import { decodeCapture } from "./decode-capture.js";

/** Decodes the raw bytes of each direction plus a key log. Throws `HandshakeError` like decodeCapture. */
export async function decodeStreams(input: StreamsInput, crypto: Crypto = globalThis.crypto): Promise<DecodedHandshake> {
  const first = await decodeCapture(captureFromStreams(input), crypto);
  if (first.tlsVersion !== "TLSv1.3" || input.serverFlightEnd !== undefined) return first;
  const finished = first.steps.find((step) => step.from === "server" && step.name === "Finished");
  if (!finished) return first;
  return decodeCapture(captureFromStreams({ ...input, serverFlightEnd: finished.range[1] }), crypto);
}
