/**
 * TLS 1.2 AEAD record protection and Finished (RFC 5246 6.3, 7.4.9; RFC 5288 3 for AES-GCM; RFC 7905 2
 * for ChaCha20-Poly1305), keyed by the master secret of a key log's CLIENT_RANDOM line.
 */
import { aeadKeyLength, openAead, sequenceBytes, xorNonce } from "./aead.js";
import { concat, fromHexBytes, tls12Prf } from "./primitives.js";
import type { SuiteInfo } from "./suites.js";

export interface Tls12Keys {
  client: { key: Uint8Array; iv: Uint8Array };
  server: { key: Uint8Array; iv: Uint8Array };
}

/** RFC 5246 6.3: key_block = PRF(master, "key expansion", server_random + client_random); AEAD suites have no MAC keys. */
export async function deriveTls12Keys(suite: SuiteInfo, master: Uint8Array, clientRandom: string, serverRandom: string, crypto: Crypto): Promise<Tls12Keys> {
  const keyLength = aeadKeyLength(suite.aead);
  const ivLength = suite.fixedIvLength;
  const seed = concat(fromHexBytes(serverRandom), fromHexBytes(clientRandom));
  const block = await tls12Prf(suite.hash, master, "key expansion", seed, 2 * keyLength + 2 * ivLength, crypto);
  return {
    client: { key: block.subarray(0, keyLength), iv: block.subarray(2 * keyLength, 2 * keyLength + ivLength) },
    server: { key: block.subarray(keyLength, 2 * keyLength), iv: block.subarray(2 * keyLength + ivLength, 2 * keyLength + 2 * ivLength) },
  };
}

/** Opens one TLS 1.2 AEAD record; AAD = seq_num + type + version + plaintext length. Null when it does not verify. */
export async function openTls12Record(
  suite: SuiteInfo,
  keys: { key: Uint8Array; iv: Uint8Array },
  sequence: number,
  header: Uint8Array,
  fragment: Uint8Array,
  crypto: Crypto,
): Promise<Uint8Array | null> {
  let nonce: Uint8Array;
  let ciphertext: Uint8Array;
  if (suite.aead === "CHACHA20-POLY1305") {
    nonce = xorNonce(keys.iv, sequence);
    ciphertext = fragment;
  } else {
    // RFC 5288 3: nonce = 4-byte salt from the key block + 8-byte explicit part sent in the record.
    if (fragment.length < 8 + 16) return null;
    nonce = concat(keys.iv, fragment.subarray(0, 8));
    ciphertext = fragment.subarray(8);
  }
  const length = ciphertext.length - 16;
  if (length < 0) return null;
  const aad = concat(sequenceBytes(sequence), header.subarray(0, 3), new Uint8Array([length >> 8, length & 0xff]));
  return openAead(suite.aead, keys.key, nonce, aad, ciphertext, crypto);
}

/** RFC 5246 7.4.9: verify_data = PRF(master, finished_label, Hash(handshake_messages))[0..11]. */
export async function computeTls12VerifyData(suite: SuiteInfo, master: Uint8Array, label: "client finished" | "server finished", transcriptHash: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  return tls12Prf(suite.hash, master, label, transcriptHash, 12, crypto);
}
