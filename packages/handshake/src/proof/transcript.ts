/**
 * The handshake transcript in capture order (RFC 8446 4.4.1; RFC 5246 7.4.9): which messages it holds,
 * the message_hash substitution after a HelloRetryRequest, and its hash at each point.
 */
import { toHex } from "@mtls-lab/x509";
import { concat, digest, type HashName } from "../crypto/primitives.js";
import type { AnnotatedMessage } from "../annotate/annotate-records.js";

/** NewSessionTicket and KeyUpdate are post-handshake in TLS 1.3 and not hashed (RFC 8446 4.6). */
const POST_HANDSHAKE_13 = new Set([4, 24]);

/** The transcript: its messages, and each one's bytes as hashed. */
export interface Transcript {
  messages: AnnotatedMessage[];
  /** Bytes each message contributes (the first ClientHello becomes message_hash after a HelloRetryRequest). */
  parts: Uint8Array[];
}

/** Builds the transcript from messages in capture order. */
export async function buildTranscript(ordered: AnnotatedMessage[], tls13: boolean, hash: HashName, crypto: Crypto): Promise<Transcript> {
  const messages = ordered.filter((m) => !(tls13 && POST_HANDSHAKE_13.has(m.type)) && m.type !== 0);
  const retry = messages.findIndex((m) => m.name === "HelloRetryRequest");
  const parts: Uint8Array[] = [];
  for (const [index, message] of messages.entries()) {
    if (tls13 && retry > 0 && index < retry && message.type === 1) {
      const h = await digest(hash, message.bytes, crypto);
      parts.push(concat(new Uint8Array([254, 0, 0, h.length]), h));
    } else parts.push(message.bytes);
  }
  return { messages, parts };
}

/** The bytes of the transcript before message `index` (exclusive). */
export function transcriptBefore(transcript: Transcript, index: number): Uint8Array {
  return concat(...transcript.parts.slice(0, index));
}

/** Hash after each message. */
export async function transcriptHashes(transcript: Transcript, hash: HashName, crypto: Crypto): Promise<{ message: string; from: "client" | "server"; hash: string }[]> {
  const out = [];
  for (let i = 0; i < transcript.messages.length; i++) {
    const message = transcript.messages[i] as AnnotatedMessage;
    out.push({ message: message.name, from: message.from, hash: toHex(await digest(hash, transcriptBefore(transcript, i + 1), crypto)) });
  }
  return out;
}

/** Index of the first message of `type` from `from`, or -1. */
export function findMessage(transcript: Transcript, from: "client" | "server", type: number): number {
  return transcript.messages.findIndex((m) => m.from === from && m.type === type);
}
