/**
 * Recomputes both Finished messages from the transcript and the key log: the proof that the capture was
 * decrypted right and that neither side's handshake was altered (RFC 8446 4.4.4, RFC 5246 7.4.9).
 */
import { toHex } from "@mtls-lab/x509";
import { computeTls12VerifyData } from "../crypto/tls12.js";
import { computeTls13VerifyData } from "../crypto/tls13.js";
import { concat, digest, equalBytes } from "../crypto/primitives.js";
import { findSecret, KeylogLabel, type Keylog } from "../crypto/keylog.js";
import type { SuiteInfo } from "../crypto/suites.js";
import type { FinishedCheck, Peer } from "../types.js";
import type { DirectionMessage } from "./direction.js";

/** Handshake messages that are not part of the handshake transcript. */
const POST_HANDSHAKE_13 = new Set([4, 24]);

export interface FinishedInput {
  tls13: boolean;
  suite?: SuiteInfo;
  keylog: Keylog;
  clientRandom?: string;
  /** Both directions' messages in capture order. */
  messages: DirectionMessage[];
}

/**
 * RFC 8446 4.4.1: after a HelloRetryRequest the first ClientHello is replaced by
 * message_hash (254) || 00 00 Hash.length || Hash(ClientHello1).
 */
async function transcriptBytes(input: FinishedInput, before: number, crypto: Crypto): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const handshake = input.messages.slice(0, before).filter((m) => m.handshakeType !== undefined && !(input.tls13 && POST_HANDSHAKE_13.has(m.handshakeType)));
  const retry = handshake.findIndex((m) => m.name === "HelloRetryRequest");
  for (const [index, message] of handshake.entries()) {
    if (input.tls13 && retry > 0 && index < retry && message.handshakeType === 1 && input.suite) {
      const hash = await digest(input.suite.hash, message.bytes, crypto);
      parts.push(concat(new Uint8Array([254, 0, 0, hash.length]), hash));
    } else parts.push(message.bytes);
  }
  return concat(...parts);
}

async function checkOne(input: FinishedInput, from: Peer, crypto: Crypto): Promise<FinishedCheck> {
  const index = input.messages.findIndex((m) => m.from === from && m.handshakeType === 20);
  if (index < 0) return { verified: false, reason: `no ${from} Finished was decoded` };
  if (!input.suite) return { verified: false, reason: "the cipher suite is not one this decoder can compute" };
  if (!input.clientRandom) return { verified: false, reason: "no ClientHello random to find the key log line" };
  const finished = input.messages[index] as DirectionMessage;
  const transcriptHash = await digest(input.suite.hash, await transcriptBytes(input, index, crypto), crypto);
  let expected: Uint8Array;
  if (input.tls13) {
    const label = from === "client" ? KeylogLabel.clientHandshake : KeylogLabel.serverHandshake;
    const secret = findSecret(input.keylog, label, input.clientRandom);
    if (!secret) return { verified: false, reason: `the key log has no ${label} line for this ClientHello` };
    expected = await computeTls13VerifyData(input.suite, secret, transcriptHash, crypto);
  } else {
    const master = findSecret(input.keylog, KeylogLabel.masterSecret, input.clientRandom);
    if (!master) return { verified: false, reason: "the key log has no CLIENT_RANDOM line for this ClientHello" };
    expected = await computeTls12VerifyData(input.suite, master, from === "client" ? "client finished" : "server finished", transcriptHash, crypto);
  }
  const actual = finished.bytes.subarray(4);
  if (equalBytes(actual, expected)) return { verified: true };
  return { verified: false, reason: `verify_data ${toHex(actual)} differs from the recomputed ${toHex(expected)}` };
}

/** Verifies the client's and the server's Finished. */
export async function checkFinished(input: FinishedInput, crypto: Crypto): Promise<{ client: FinishedCheck; server: FinishedCheck }> {
  return { client: await checkOne(input, "client", crypto), server: await checkOne(input, "server", crypto) };
}
