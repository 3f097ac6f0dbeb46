/**
 * TLS 1.3 record protection and Finished (RFC 8446 5.2, 5.3, 7.3, 4.4.4), keyed by the traffic secrets
 * of a key log.
 */
import { aeadKeyLength, openAead, xorNonce } from "./aead.js";
import { hashLength, hkdfExpandLabel, hmac } from "./primitives.js";
import type { SuiteInfo } from "./suites.js";

export interface TrafficKeys {
  key: Uint8Array;
  iv: Uint8Array;
}

/** RFC 8446 7.3: [sender]_write_key and _iv from a traffic secret. */
export async function deriveTrafficKeys(suite: SuiteInfo, secret: Uint8Array, crypto: Crypto): Promise<TrafficKeys> {
  const empty = new Uint8Array(0);
  return {
    key: await hkdfExpandLabel(suite.hash, secret, "key", empty, aeadKeyLength(suite.aead), crypto),
    iv: await hkdfExpandLabel(suite.hash, secret, "iv", empty, 12, crypto),
  };
}

/**
 * Opens one TLSCiphertext (RFC 8446 5.2): AAD is the 5-byte record header; the plaintext ends with the
 * real content type followed by zero padding. Null when the key or sequence number is wrong.
 */
export async function openTls13Record(
  suite: SuiteInfo,
  keys: TrafficKeys,
  sequence: number,
  header: Uint8Array,
  fragment: Uint8Array,
  crypto: Crypto,
): Promise<{ type: number; content: Uint8Array } | null> {
  const plain = await openAead(suite.aead, keys.key, xorNonce(keys.iv, sequence), header, fragment, crypto);
  if (!plain) return null;
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  if (end === 0) return null;
  return { type: plain[end - 1] as number, content: plain.subarray(0, end - 1) };
}

/** RFC 8446 4.4.4: verify_data = HMAC(finished_key, Transcript-Hash), finished_key from the base key. */
export async function computeTls13VerifyData(suite: SuiteInfo, baseKey: Uint8Array, transcriptHash: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  const finishedKey = await hkdfExpandLabel(suite.hash, baseKey, "finished", new Uint8Array(0), hashLength(suite.hash), crypto);
  return hmac(suite.hash, finishedKey, transcriptHash, crypto);
}
