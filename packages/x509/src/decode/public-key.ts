/**
 * The public `PublicKeyInfo` of a key the model read: algorithm, size, curve, and the digest that pins it.
 */
import type { Tlv } from "../asn1/der.js";
import { digestHex } from "../encoding.js";
import { readPublicKey } from "../model/public-key.js";
import type { ParsedPublicKey } from "../model/types.js";
import type { CryptoProvider, PublicKeyInfo } from "../types.js";

/** Reads the SPKI at `spki` (the model's reader; kept under this name for the key decoders). */
export function readSpki(bytes: Uint8Array, spki: Tlv): ParsedPublicKey {
  return readPublicKey(bytes, spki);
}

/** The public `PublicKeyInfo` of a parsed key: adds the SHA-256 of the SPKI DER. */
export async function describeSpki(key: ParsedPublicKey, crypto: CryptoProvider): Promise<PublicKeyInfo> {
  const info: PublicKeyInfo = { algorithm: key.algorithm, size: key.bits, spkiSha256: await digestHex("SHA-256", key.der, crypto) };
  if (key.curve !== undefined) info.curve = key.curve;
  return info;
}
