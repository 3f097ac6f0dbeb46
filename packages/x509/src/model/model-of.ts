/**
 * The link from a decoded item back to its model object, so that lint, verify and diagnose can take what
 * `decode` returned without parsing the DER again. Items that crossed a worker boundary (structured clone keeps
 * no hidden links) are parsed again from their `der`.
 */
import { parseCertificate } from "./certificate.js";
import type { ParsedCertificate } from "./types.js";

const models = new WeakMap<object, ParsedCertificate>();

/** Remembers that `item` (a CertificateInfo) was described from `model`. */
export function attachModel(item: object, model: ParsedCertificate): void {
  models.set(item, model);
}

/** The model of a decoded certificate item: the one decode built, else parsed from its `der`. */
export function modelOf(item: { der: Uint8Array }): ParsedCertificate {
  const known = models.get(item);
  if (known) return known;
  const parsed = parseCertificate(item.der);
  models.set(item, parsed);
  return parsed;
}
