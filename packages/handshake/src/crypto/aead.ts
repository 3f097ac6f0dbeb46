/**
 * AEAD decryption of records: AES-GCM through WebCrypto, ChaCha20-Poly1305 through @noble/ciphers
 * (WebCrypto has no ChaCha20). Returns null when the tag does not verify (wrong key or sequence).
 */
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";

/** The AEAD algorithms TLS 1.2 and 1.3 suites use here. */
export const AeadName = { aes128gcm: "AES-128-GCM", aes256gcm: "AES-256-GCM", chacha20poly1305: "CHACHA20-POLY1305" } as const;
export type AeadName = (typeof AeadName)[keyof typeof AeadName];

/** Key length of an AEAD in bytes. */
export function aeadKeyLength(aead: AeadName): number {
  return aead === "AES-128-GCM" ? 16 : 32;
}

/** Decrypts `ciphertext` (with its 16-byte tag at the end); null when authentication fails. */
export async function openAead(
  aead: AeadName,
  key: Uint8Array,
  nonce: Uint8Array,
  aad: Uint8Array,
  ciphertext: Uint8Array,
  crypto: Crypto,
): Promise<Uint8Array | null> {
  if (ciphertext.length < 16) return null;
  if (aead === "CHACHA20-POLY1305") {
    try {
      return chacha20poly1305(key, nonce, aad).decrypt(ciphertext);
    } catch {
      return null;
    }
  }
  try {
    const imported = await crypto.subtle.importKey("raw", key.slice() as Uint8Array<ArrayBuffer>, { name: "AES-GCM" }, false, ["decrypt"]);
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: nonce.slice() as Uint8Array<ArrayBuffer>, additionalData: aad.slice() as Uint8Array<ArrayBuffer>, tagLength: 128 },
      imported,
      ciphertext.slice() as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** Nonce = IV XOR the 64-bit sequence number, left-padded (RFC 8446 5.3, RFC 7905 2). */
export function xorNonce(iv: Uint8Array, sequence: number): Uint8Array {
  const nonce = iv.slice();
  let seq = BigInt(sequence);
  for (let i = nonce.length - 1; i >= nonce.length - 8; i--) {
    nonce[i] = (nonce[i] as number) ^ Number(seq & 0xffn);
    seq >>= 8n;
  }
  return nonce;
}

/** The 8-byte big-endian sequence number. */
export function sequenceBytes(sequence: number): Uint8Array {
  const out = new Uint8Array(8);
  let seq = BigInt(sequence);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(seq & 0xffn);
    seq >>= 8n;
  }
  return out;
}
