/**
 * Turns a decode result into explorer files: one object opens as itself; several (a bundle, a PKCS#12,
 * a PKCS#7) open as a bundle whose members open on demand, so a 5,000-certificate file is one entry.
 */
import { showControl, type DecodedItem, type Pkcs12Info } from "@mtls-lab/x509";
import type { WorkbenchFile } from "./workbench-state";

export const INSPECT_GROUP = "inspected";

export interface ObjectFileData {
  item: DecodedItem;
  /** The file it came from. */
  source: string;
}

export interface BundleFileData {
  items: DecodedItem[];
  source: string;
  /** The container kind when the input was one PKCS#12 or PKCS#7. */
  container?: "pkcs12" | "pkcs7";
  /** A PKCS#12 file's protection and import predictions (its members are in `items`). */
  pkcs12?: Pick<Pkcs12Info, "protection" | "importers">;
}

/** Members of containers listed in order, containers themselves dropped. */
export function flattenItems(items: readonly DecodedItem[]): DecodedItem[] {
  return items.flatMap((item): DecodedItem[] => (item.kind === "pkcs12" || item.kind === "pkcs7" ? [...item.items] : [item]));
}

/** A short name for an item: the subject's CN, else its kind. */
export function itemTitle(item: DecodedItem): string {
  return showControl(rawTitle(item));
}

function rawTitle(item: DecodedItem): string {
  const cn = (s: string) => /(?:^|,)CN=((?:\\.|[^,])+)/.exec(s)?.[1]?.replace(/\\(.)/g, "$1");
  switch (item.kind) {
    case "certificate":
      return cn(item.subject) ?? (item.subject || "certificate");
    case "csr":
      return `CSR ${cn(item.subject) ?? item.subject}`;
    case "crl":
      return `CRL ${cn(item.issuer) ?? item.issuer}`;
    case "privateKey":
      return item.publicKey ? `${item.publicKey.algorithm} private key` : "private key (encrypted)";
    case "publicKey":
      return `${item.publicKey.algorithm} public key`;
    default:
      return item.kind;
  }
}

/** The explorer file for a decoded input named `name`; `id` must be unique in the session. */
export function filesForDecoded(id: string, name: string, items: readonly DecodedItem[]): WorkbenchFile[] {
  const flat = flattenItems(items);
  const single = items.length === 1 && flat.length === 1 && items[0] === flat[0];
  if (single) return [{ id, name, group: INSPECT_GROUP, editor: "object", data: { item: flat[0]!, source: name } satisfies ObjectFileData }];
  const only = items.length === 1 ? items[0]!.kind : undefined;
  const container = only === "pkcs12" || only === "pkcs7" ? only : undefined;
  const p12 = container === "pkcs12" ? (items[0] as Pkcs12Info) : undefined;
  const pkcs12 = p12 ? { protection: p12.protection, importers: p12.importers } : undefined;
  return [{ id, name, group: INSPECT_GROUP, editor: "bundle", data: { items: flat, source: name, container, ...(pkcs12 ? { pkcs12 } : {}) } satisfies BundleFileData }];
}

/** The explorer file for member `index` of a bundle file. */
export function memberFile(bundle: WorkbenchFile<BundleFileData>, index: number): WorkbenchFile<ObjectFileData> | null {
  const item = bundle.data.items[index];
  if (!item) return null;
  return { id: `${bundle.id}#${index}`, name: `${itemTitle(item)}`, group: bundle.name, editor: "object", data: { item, source: bundle.name } };
}
