/**
 * The `mtls-lab explain --json` shape, from a capture.
 */
import type { Capture, DecodedHandshake, ExplainOutput } from "../types.js";
import { decodeCapture } from "./decode-capture.js";

/** Projects a decoded handshake onto the explain shape. */
export function toExplainOutput(decoded: DecodedHandshake): ExplainOutput {
  return {
    tlsVersion: decoded.tlsVersion,
    steps: decoded.steps.map((step) => ({ name: step.name, from: step.from, encrypted: step.encrypted, range: step.range, fields: step.fields })),
    finishedVerified: { client: decoded.finished.client.verified, server: decoded.finished.server.verified },
  };
}

/**
 * Decodes a capture (JSON value, text, or `Capture`) into `{ tlsVersion, steps, finishedVerified }`.
 * Throws `HandshakeError` with a one-line message for bad input.
 */
export async function explainCapture(capture: Capture | unknown, crypto: Crypto = globalThis.crypto): Promise<ExplainOutput> {
  return toExplainOutput(await decodeCapture(capture, crypto));
}
