/**
 * A tiny DER writer for the differential corpus: every helper returns the encoded bytes, so a certificate is
 * built (and mutated) as plain nested calls, then signed with node:crypto. It writes whatever it is given,
 * including what DER forbids (that is the point of the mutations).
 */

/** Length octets (X.690 8.1.3), definite form. */
export function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** Concatenation. */
export function cat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One TLV with a one-octet tag. */
export function tlv(tag: number, ...content: readonly Uint8Array[]): Uint8Array {
  const body = cat(...content);
  return cat(Uint8Array.of(tag), lengthOctets(body.length), body);
}

export const seq = (...items: readonly Uint8Array[]) => tlv(0x30, ...items);
export const set = (...items: readonly Uint8Array[]) => tlv(0x31, ...items);
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const bool = (value: boolean) => tlv(0x01, Uint8Array.of(value ? 0xff : 0));
export const nul = () => Uint8Array.of(0x05, 0x00);
/** Context-specific tag [n], constructed (explicit / SEQUENCE-like) or primitive (implicit). */
export const ctx = (n: number, constructed: boolean, ...content: readonly Uint8Array[]) => tlv(0x80 | (constructed ? 0x20 : 0) | n, ...content);
export const bits = (bytes: Uint8Array, unused = 0) => tlv(0x03, Uint8Array.of(unused), bytes);

/** INTEGER from a bigint, minimal two's complement (X.690 8.3). */
export function int(value: bigint | number): Uint8Array {
  const v = BigInt(value);
  let size = 1;
  while (v >= 1n << BigInt(8 * size - 1) || v < -(1n << BigInt(8 * size - 1))) size += 1;
  let u = v < 0n ? v + (1n << BigInt(8 * size)) : v;
  const bytes = new Uint8Array(size);
  for (let i = size - 1; i >= 0; i--) {
    bytes[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return tlv(0x02, bytes);
}

/** OBJECT IDENTIFIER from dotted text. */
export function oid(dotted: string): Uint8Array {
  const parts = dotted.split(".").map((p) => BigInt(p));
  const values = [parts[0]! * 40n + parts[1]!, ...parts.slice(2)];
  const bytes: number[] = [];
  for (const value of values) {
    const group: number[] = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) group.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...group);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

const ascii = (text: string) => new TextEncoder().encode(text);
export const utf8 = (text: string) => tlv(0x0c, ascii(text));
export const printable = (text: string) => tlv(0x13, ascii(text));
export const ia5 = (text: string) => tlv(0x16, ascii(text));
export const latin1Bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
export const t61 = (text: string) => tlv(0x14, latin1Bytes(text));
export function bmp(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) out.push(text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff);
  return tlv(0x1e, Uint8Array.from(out));
}
export function universal(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    out.push((c >>> 24) & 0xff, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff);
  }
  return tlv(0x1c, Uint8Array.from(out));
}

/** UTCTime / GeneralizedTime from their exact text (so malformed texts can be written too). */
export const utcTime = (text: string) => tlv(0x17, ascii(text));
export const generalizedTime = (text: string) => tlv(0x18, ascii(text));

/** RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? utcTime(digits.slice(2)) : generalizedTime(digits);
}

/** One AttributeTypeAndValue. */
export const attribute = (type: string, value: Uint8Array) => seq(oid(type), value);
/** A Name from RDNs, each a list of attributes (DER order: most general first). */
export const name = (...rdns: readonly (readonly Uint8Array[])[]) => seq(...rdns.map((rdn) => set(...rdn)));
/** The usual single-attribute CN name. */
export const cnName = (cn: string, org = "Differential") => name([attribute("2.5.4.10", utf8(org))], [attribute("2.5.4.3", utf8(cn))]);
