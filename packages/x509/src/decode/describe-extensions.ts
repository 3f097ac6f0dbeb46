/**
 * The model's extensions in the JSON and text form of `decode`: `{ oid, name, critical, value, malformed? }`.
 * A decoded value is shown as is; an unknown or malformed one as its ASN.1 tree (or hex when it is not DER),
 * so a broken extension is shown, not hidden, and its `malformed` line says what is wrong.
 */
import { parseAsn1 } from "../asn1/parse-asn1.js";
import { toHex } from "../encoding.js";
import type { ParsedExtension, ParsedGeneralName } from "../model/types.js";
import type { ExtensionInfo, GeneralName } from "../types.js";

function isGeneralName(value: object): value is ParsedGeneralName {
  return "type" in value && "value" in value && typeof (value as { value: unknown }).value === "string";
}

/** A decoded value with every GeneralName reduced to `{ type, value }` (no bytes, no parsed names). */
export function plainNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainNames);
  if (value !== null && typeof value === "object") {
    if (isGeneralName(value)) return { type: value.type, value: value.value } satisfies GeneralName;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[key] = plainNames(field);
    return out;
  }
  return value;
}

/** Each extension for display. */
export function describeExtensions(extensions: readonly ParsedExtension[]): ExtensionInfo[] {
  return extensions.map((ext) => {
    let value: unknown;
    if (ext.decoded !== undefined) value = plainNames(ext.decoded);
    else if (ext.value.length === 0) value = "";
    else {
      try {
        value = parseAsn1(ext.value);
      } catch {
        value = toHex(ext.value);
      }
    }
    const info: ExtensionInfo = { oid: ext.oid, name: ext.name, critical: ext.critical, value };
    if (ext.malformed !== undefined) info.malformed = ext.malformed;
    return info;
  });
}
