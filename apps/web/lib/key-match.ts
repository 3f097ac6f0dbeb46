/**
 * Which opened objects share a public key: a private key and the certificate or CSR made for it.
 * Compared by the SHA-256 of the SubjectPublicKeyInfo that x509's decode reports for each.
 */
import type { DecodedItem } from "@mtls-lab/x509";

/** What the matcher needs of a workspace file. */
export interface MatchFile {
  id: string;
  name: string;
  data: unknown;
}

export interface KeyMatch {
  fileId: string;
  fileName: string;
  kind: DecodedItem["kind"];
}

/** The decoded objects a file carries: one (Inspect), several (a bundle, a kit's chain file) or none. */
export function itemsOf(data: unknown): DecodedItem[] {
  const d = data as { item?: DecodedItem; items?: DecodedItem[] } | null;
  if (!d) return [];
  if (d.item) return [d.item];
  return Array.isArray(d.items) ? d.items : [];
}

/** The public key hash of an object, when it has one. */
export function spkiOf(item: DecodedItem): string | undefined {
  if (item.kind === "certificate" || item.kind === "csr" || item.kind === "publicKey") return item.publicKey.spkiSha256;
  if (item.kind === "privateKey") return item.publicKey?.spkiSha256;
  return undefined;
}

/**
 * The other objects in `files` that fit `item`: for a private key, certificates and CSRs with its public key;
 * for a certificate or CSR, private keys with its public key. Each file is listed once.
 */
export function keyMatches(item: DecodedItem, files: readonly MatchFile[]): KeyMatch[] {
  const spki = spkiOf(item);
  if (!spki) return [];
  const wanted: readonly DecodedItem["kind"][] = item.kind === "privateKey" ? ["certificate", "csr"] : item.kind === "certificate" || item.kind === "csr" ? ["privateKey"] : [];
  const out: KeyMatch[] = [];
  for (const f of files) {
    const hit = itemsOf(f.data).find((i) => wanted.includes(i.kind) && spkiOf(i) === spki);
    if (hit) out.push({ fileId: f.id, fileName: f.name, kind: hit.kind });
  }
  return out;
}
