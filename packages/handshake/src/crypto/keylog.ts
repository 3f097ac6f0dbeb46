/**
 * NSS key log lines ("LABEL <client_random hex> <secret hex>", the SSLKEYLOGFILE format that Node's
 * 'keylog' event emits) indexed by label and client random.
 */
import { fromHex } from "@mtls-lab/x509";

/** Labels used here: TLS 1.3 traffic secrets (RFC 8446 7.1) and the TLS 1.2 master secret. */
export const KeylogLabel = {
  clientHandshake: "CLIENT_HANDSHAKE_TRAFFIC_SECRET",
  serverHandshake: "SERVER_HANDSHAKE_TRAFFIC_SECRET",
  clientTraffic0: "CLIENT_TRAFFIC_SECRET_0",
  serverTraffic0: "SERVER_TRAFFIC_SECRET_0",
  masterSecret: "CLIENT_RANDOM",
} as const;
export type KeylogLabel = (typeof KeylogLabel)[keyof typeof KeylogLabel];

/** Secrets by label then lowercase client random. */
export type Keylog = Map<string, Map<string, Uint8Array>>;

/** Indexes key log lines; lines that are not three fields of hex are skipped (comments, blank lines). */
export function indexKeylog(lines: readonly string[]): Keylog {
  const out: Keylog = new Map();
  for (const line of lines) {
    const parts = line.trim().split(/\s+/);
    if (parts.length !== 3) continue;
    const [label, random, secret] = parts as [string, string, string];
    try {
      const bytes = fromHex(secret);
      const byRandom = out.get(label) ?? new Map<string, Uint8Array>();
      byRandom.set(random.toLowerCase(), bytes);
      out.set(label, byRandom);
    } catch {
      continue;
    }
  }
  return out;
}

/** The secret for `label` and `clientRandom` (hex), if logged. */
export function findSecret(keylog: Keylog, label: KeylogLabel, clientRandom: string): Uint8Array | undefined {
  return keylog.get(label)?.get(clientRandom.toLowerCase());
}
