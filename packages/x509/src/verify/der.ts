/**
 * A minimal DER reader: just what chain verification needs (TLV walk, OIDs, times, strings).
 * Hand-written rather than a general ASN.1 library so verification stays fast (see bench/verify.bench.mjs).
 */

/** One TLV: tag byte, where the contents are, and the whole encoding. */
export interface Tlv {
  tag: number;
  /** Offset of the first header byte in `bytes`. */
  start: number;
  /** Offset of the first contents byte. */
  contentStart: number;
  /** Offset one past the last contents byte. */
  end: number;
  bytes: Uint8Array;
}

/** Thrown for malformed DER; callers turn it into a one-line message naming the input. */
export class DerError extends Error {}

/** Reads one TLV at `offset`; throws DerError when the encoding runs past `limit`. */
export function readTlv(bytes: Uint8Array, offset = 0, limit = bytes.length): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated DER at byte ${offset}`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag numbers are not used in certificates (byte ${offset})`);
  let length = bytes[offset + 1]!;
  let contentStart = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError(`bad DER length at byte ${offset}`);
    if (contentStart + count > limit) throw new DerError(`truncated DER at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[contentStart + i]!;
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerError(`truncated DER: element at byte ${offset} needs ${length} bytes`);
  return { tag, start: offset, contentStart, end, bytes };
}

/** The children of a constructed TLV. */
export function children(tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let offset = tlv.contentStart;
  while (offset < tlv.end) {
    const child = readTlv(tlv.bytes, offset, tlv.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

/** Contents bytes (a view, no copy). */
export function contents(tlv: Tlv): Uint8Array {
  return tlv.bytes.subarray(tlv.contentStart, tlv.end);
}

/** The whole encoding, header included (a view). */
export function encoded(tlv: Tlv): Uint8Array {
  return tlv.bytes.subarray(tlv.start, tlv.end);
}

/** Dotted OID text from an OBJECT IDENTIFIER TLV. */
export function readOid(tlv: Tlv): string {
  const body = contents(tlv);
  const parts: number[] = [];
  let value = 0;
  for (const byte of body) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

/** UTCTime (0x17) or GeneralizedTime (0x18) as a Date. RFC 5280 4.1.2.5: YY >= 50 means 19YY. */
export function readTime(tlv: Tlv): Date {
  const text = readString(tlv);
  const utc = tlv.tag === 0x17;
  const match = (utc ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/ : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/).exec(text);
  if (!match) throw new DerError(`bad time "${text}"`);
  let year = Number(match[1]);
  if (utc) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** Text of a string TLV: UTF8String as UTF-8, BMPString as UTF-16BE, the others as Latin-1. */
export function readString(tlv: Tlv): string {
  const body = contents(tlv);
  if (tlv.tag === 0x0c) return utf8.decode(body);
  if (tlv.tag === 0x1e) {
    let out = "";
    for (let i = 0; i + 1 < body.length; i += 2) out += String.fromCharCode((body[i]! << 8) | body[i + 1]!);
    return out;
  }
  return latin1.decode(body);
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lowercase hex. */
export function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
