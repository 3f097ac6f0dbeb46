/**
 * The CLI's `--json` document: `{"items": [...]}`, one entry per decoded object, bytes omitted.
 */
import { toBase64 } from "../encoding.js";
import type { DecodeResult } from "../types.js";

/** JSON-ready copy of `value`: `der` fields dropped (the user has the file), other bytes as base64. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toBase64(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (key === "der" || field === undefined) continue;
      out[key] = plain(field);
    }
    return out;
  }
  return value;
}

/**
 * The JSON shape of a decode result: every item with `kind` first, certificate fields as in the CLI
 * reference (docs/x509-decode.md); items inside PKCS#7 and PKCS#12 under their container's `items`.
 */
export function toJson(result: DecodeResult): { items: Record<string, unknown>[]; warnings?: string[] } {
  const items = result.items.map((item) => plain(item) as Record<string, unknown>);
  return result.warnings?.length ? { items, warnings: [...result.warnings] } : { items };
}
