/**
 * Keys kept in the worker between regenerations of a kit: when a setting changes (host names, days,
 * the TLS profile), the kit is made again with the same key pairs, so only certificates and configuration
 * change. A new key type makes new keys. Used by the lab worker, in its memory only; "Clear workspace" drops them.
 */

/** WebCrypto algorithms of key pairs (generateKeyPair in @mtls-lab/x509 makes these). */
const KEY_PAIR_ALGORITHMS = new Set(["ECDSA", "RSASSA-PKCS1-v1_5", "RSA-PSS", "Ed25519"]);

let poolType: string | null = null;
let pool: CryptoKeyPair[] = [];

/** The key type of the kept key pairs, or null when none are kept. */
export function keptKeyType(): string | null {
  return pool.length > 0 ? poolType : null;
}

/** Forgets every kept key pair. */
export function forgetKeys(): void {
  poolType = null;
  pool = [];
}

function algorithmName(algorithm: unknown): string {
  return typeof algorithm === "string" ? algorithm : ((algorithm as { name?: string } | null)?.name ?? "");
}

/** Called as each key pair is handed out: its index (0 first), whether it was kept from before, and the ms it took. */
export type KeyPairListener = (event: { index: number; reused: boolean; ms: number }) => void;

/**
 * A Crypto whose generateKey hands out the kept key pairs of `keyType` in the order they were first made
 * (CAs, then intermediates, the server, the clients), generating and keeping any beyond them. `onKeyPair`
 * hears of each key pair as it is ready (the Generate view's per-key progress); `keyMs()` sums the time spent making them.
 */
export function reusingCrypto(
  keyType: string,
  real: Crypto = globalThis.crypto,
  onKeyPair?: KeyPairListener,
): { crypto: Crypto; reused: () => boolean; keyMs: () => number } {
  if (poolType !== keyType) {
    poolType = keyType;
    pool = [];
  }
  let next = 0;
  let reused = 0;
  let keyMs = 0;
  const subtle = new Proxy(real.subtle, {
    get(target, prop) {
      if (prop === "generateKey") {
        return async (algorithm: AlgorithmIdentifier, extractable: boolean, usages: KeyUsage[]) => {
          if (!KEY_PAIR_ALGORITHMS.has(algorithmName(algorithm))) return target.generateKey(algorithm as AlgorithmIdentifier, extractable, usages);
          const index = next++;
          const kept = pool[index];
          if (kept) {
            reused += 1;
            onKeyPair?.({ index, reused: true, ms: 0 });
            return kept;
          }
          const started = performance.now();
          const made = (await target.generateKey(algorithm as AlgorithmIdentifier, extractable, usages)) as CryptoKeyPair;
          const ms = performance.now() - started;
          keyMs += ms;
          pool[index] = made;
          onKeyPair?.({ index, reused: false, ms });
          return made;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const crypto = {
    subtle,
    getRandomValues: real.getRandomValues.bind(real),
    randomUUID: real.randomUUID.bind(real),
  } as unknown as Crypto;
  return { crypto, reused: () => reused > 0, keyMs: () => keyMs };
}
