/**
 * A Crypto whose subtle.digest hashes in JavaScript (@noble/hashes) and resolves at once, everything else
 * going to the real WebCrypto. PKCS#12's key derivation (RFC 7292 appendix B.2) hashes 2,048 times in a row,
 * one await each: through WebCrypto every round is a trip to another thread, through this a microtask.
 * Measured in Chromium's worker on the EC kit (apps/web/bench/generate.bench.mjs): see docs/benchmarks.md.
 */
import { sha1 } from "@noble/hashes/legacy.js";
import { sha256, sha384, sha512 } from "@noble/hashes/sha2.js";

const hashes: Record<string, (data: Uint8Array) => Uint8Array> = { "SHA-1": sha1, "SHA-256": sha256, "SHA-384": sha384, "SHA-512": sha512 };

function bytesOf(data: BufferSource): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** `real` with digest done in JavaScript for SHA-1 and SHA-2; results are byte for byte WebCrypto's. */
export function fastDigestCrypto(real: Crypto = globalThis.crypto): Crypto {
  const subtle = new Proxy(real.subtle, {
    get(target, prop) {
      if (prop === "digest") {
        return (algorithm: AlgorithmIdentifier, data: BufferSource) => {
          const name = (typeof algorithm === "string" ? algorithm : algorithm.name).toUpperCase();
          const hash = hashes[name];
          if (!hash) return target.digest(algorithm, data);
          const out = hash(bytesOf(data));
          return Promise.resolve(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { subtle, getRandomValues: real.getRandomValues.bind(real), randomUUID: real.randomUUID.bind(real) } as unknown as Crypto;
}
