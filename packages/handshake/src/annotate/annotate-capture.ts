/**
 * annotateCapture: every record of a capture as labelled byte ranges, plus the proof computed live from
 * the key log (key schedule, transcript hashes, both signatures, both Finished).
 */
import { CIPHER_SUITES } from "../decode/names.js";
import { eventAt, prepareCapture } from "../decode/prepare.js";
import { proveTls12 } from "../proof/prove-tls12.js";
import { proveTls13 } from "../proof/prove-tls13.js";
import { buildTranscript } from "../proof/transcript.js";
import type { AnnotatedHandshake, Capture, HandshakeProof } from "../types.js";
import { annotateRecords } from "./annotate-records.js";

/**
 * Annotates a capture (JSON value, text or `Capture`). Throws `HandshakeError` with one line for bad input.
 * `crypto` is WebCrypto (the global one by default), so the same code runs in Node and the browser.
 */
export async function annotateCapture(input: Capture | unknown, crypto: Crypto = globalThis.crypto): Promise<AnnotatedHandshake> {
  const prepared = await prepareCapture(input, crypto);
  const { records, messages } = await annotateRecords(prepared, crypto);
  const start = (m: (typeof messages)[number]) => prepared.records[m.from][m.record]?.start ?? 0;
  const ordered = [...messages].sort((a, b) => eventAt(prepared.streams[a.from], start(a)) - eventAt(prepared.streams[b.from], start(b)) || start(a) - start(b));
  let proof: HandshakeProof = { keySchedule: [], transcript: [], signatures: {}, finished: {} };
  const { suite, clientRandom } = prepared;
  if (suite && clientRandom) {
    const transcript = await buildTranscript(ordered, prepared.tls13, suite.hash, crypto);
    proof = prepared.tls13
      ? await proveTls13(suite, prepared.keylog, clientRandom, transcript, crypto)
      : await proveTls12(suite, prepared.keylog, clientRandom, prepared.serverHello?.random, transcript, crypto);
  }
  const result: AnnotatedHandshake = {
    tlsVersion: prepared.tlsVersion,
    records: records.sort((a, b) => eventAt(prepared.streams[a.from], a.streamRange[0]) - eventAt(prepared.streams[b.from], b.streamRange[0]) || (a.from === b.from ? a.index - b.index : 0)),
    proof,
    certificateVerifyVerified: { client: proof.signatures.client?.verified === true, server: proof.signatures.server?.verified === true },
    finishedVerified: { client: proof.finished.client?.matches === true, server: proof.finished.server?.matches === true },
    notes: prepared.notes,
  };
  if (prepared.suiteCode !== undefined) result.cipherSuite = CIPHER_SUITES[prepared.suiteCode] ?? `0x${prepared.suiteCode.toString(16)}`;
  return result;
}
