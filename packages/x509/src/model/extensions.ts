/**
 * `Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension` (RFC 5280 4.1), read as OpenSSL's d2i reads it: the
 * structure must be right (OID, optional BOOLEAN, OCTET STRING), the value inside may be anything. A value that
 * does not decode becomes a `malformed` finding on that extension; it never refuses the certificate.
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { ExtensionOids } from "../asn1/oids.js";
import { readOid } from "../asn1/values.js";
import { X509Error, badInput } from "../decode/errors.js";
import { HandledCritical } from "./algorithms.js";
import { decodeExtensionValue } from "./extension-values.js";
import type { ParsedExtension } from "./types.js";

/** One Extension; throws X509Error when its structure is one OpenSSL refuses. */
function readExtension(bytes: Uint8Array, ext: Tlv): ParsedExtension {
  if (ext.tag !== Tag.sequence) throw badInput("extension: expected a SEQUENCE", ext.offset);
  const oidTlv = expectTlv(bytes, ext.start, ext.end, Tag.oid, "extension id");
  const oid = readOid(bytes, oidTlv);
  let next = readTlv(bytes, oidTlv.end, ext.end);
  let critical = false;
  if (next.tag === Tag.boolean) {
    // OpenSSL reads any non-zero octet as TRUE and an explicit FALSE too (BER leniency); a wrong length is refused.
    if (next.length !== 1) throw badInput(`extension ${oid}: critical is not a one-octet BOOLEAN`, next.offset);
    critical = bytes[next.start] !== 0;
    next = readTlv(bytes, next.end, ext.end);
  }
  if (next.tag !== Tag.octetString) throw badInput(`extension ${oid}: value is not an OCTET STRING`, next.offset);
  if (next.end !== ext.end) throw badInput(`extension ${oid}: unexpected element after the value`, next.end);
  const extension: ParsedExtension = {
    oid,
    name: ExtensionOids[oid] ?? oid,
    critical,
    value: bytes.subarray(next.start, next.end),
    range: { start: ext.offset, end: ext.end },
    valueRange: { start: next.start, end: next.end },
  };
  const notes: string[] = [];
  try {
    if (next.start === next.end) {
      if (decodesKnown(oid)) throw badInput("empty value", next.start);
      return extension;
    }
    const inner = readTlv(bytes, next.start, next.end);
    const decoded = decodeExtensionValue(bytes, oid, inner, (message, offset) => notes.push(`${message} at byte ${offset}`));
    if (decoded !== undefined) extension.decoded = decoded;
    // OpenSSL's d2i stops after the first element; the bytes after it are ignored there and flagged here.
    if (inner.end !== next.end) notes.push(`${next.end - inner.end} bytes after the value at byte ${inner.end}`);
  } catch (error) {
    if (!(error instanceof X509Error)) throw error;
    if (decodesKnown(oid)) notes.push(error.message);
  }
  if (notes.length > 0) extension.malformed = notes.join("; ");
  return extension;
}

const Known = new Set([
  "2.5.29.17", "2.5.29.18", "2.5.29.29", "2.5.29.15", "2.5.29.37", "2.5.29.19", "2.5.29.14", "2.5.29.35", "1.3.6.1.5.5.7.1.1",
  "1.3.6.1.5.5.7.1.11", "2.5.29.31", "2.5.29.46", "2.5.29.32", "2.5.29.30", "2.5.29.36", "2.5.29.54", "2.5.29.20", "2.5.29.21",
  "2.16.840.1.113730.1.13",
]);

/** OIDs whose value this model decodes: for the others the raw value is all there is, and nothing is malformed. */
export function decodesKnown(oid: string): boolean {
  return Known.has(oid);
}

/** What reading an Extensions SEQUENCE gives. */
export interface ReadExtensions {
  extensions: ParsedExtension[];
  /** OIDs present more than once, each once. */
  duplicates: string[];
  /** Critical OIDs outside OpenSSL's handled set. */
  unhandledCritical: string[];
}

/** Reads `Extensions`; `seq` undefined means none. Throws X509Error only for structure OpenSSL refuses. */
export function readExtensions(bytes: Uint8Array, seq: Tlv | undefined): ReadExtensions {
  const out: ReadExtensions = { extensions: [], duplicates: [], unhandledCritical: [] };
  if (!seq) return out;
  if (seq.tag !== Tag.sequence) throw badInput("extensions: expected a SEQUENCE", seq.offset);
  const seen = new Set<string>();
  for (const child of readChildren(bytes, seq)) {
    const extension = readExtension(bytes, child);
    if (seen.has(extension.oid) && !out.duplicates.includes(extension.oid)) out.duplicates.push(extension.oid);
    seen.add(extension.oid);
    if (extension.critical && !HandledCritical.has(extension.oid)) out.unhandledCritical.push(extension.oid);
    out.extensions.push(extension);
  }
  return out;
}
