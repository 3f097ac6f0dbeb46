/**
 * The `mtls-lab explain --json` shape, schema 2: schema 1's steps and Finished checks, plus every record
 * annotated byte for byte and the proof (docs/capture-schema.md).
 */
import { decodeCapture } from "../decode/decode-capture.js";
import { toExplainOutput } from "../decode/explain.js";
import { parseCapture } from "../capture/parse-capture.js";
import type { AnnotatedExplainOutput, Capture } from "../types.js";
import { annotateCapture } from "./annotate-capture.js";

/** Decodes and annotates a capture (JSON value, text or `Capture`); throws `HandshakeError` for bad input. */
export async function explainCaptureAnnotated(input: Capture | unknown, crypto: Crypto = globalThis.crypto): Promise<AnnotatedExplainOutput> {
  const capture = parseCapture(input);
  const decoded = await decodeCapture(capture, crypto);
  const annotated = await annotateCapture(capture, crypto);
  const output: AnnotatedExplainOutput = {
    schema: 2,
    ...toExplainOutput(decoded),
    certificateVerifyVerified: annotated.certificateVerifyVerified,
    records: annotated.records,
    proof: annotated.proof,
    notes: decoded.notes,
  };
  if (decoded.cipherSuite) output.cipherSuite = decoded.cipherSuite;
  return output;
}
