/**
 * Primitive DER values to JavaScript: OIDs, integers as hex, strings of every X.680 string type, times.
 */
import { badInput } from "../decode/errors.js";
import { toHex } from "../encoding.js";
import { type Tlv, Tag } from "./der.js";

/** Dotted OID from the contents of an OBJECT IDENTIFIER (X.690 8.19). */
export function readOid(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.length === 0) throw badInput("empty OBJECT IDENTIFIER", tlv.offset);
  const parts: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) {
    const b = bytes[i] as number;
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 256) throw badInput("OBJECT IDENTIFIER arc too large", tlv.offset);
    if ((b & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 40 ? 0 : value < 80 ? 1 : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    } else if (i === tlv.end - 1) throw badInput("OBJECT IDENTIFIER ends inside an arc", tlv.offset);
  }
  return parts.join(".");
}

/** INTEGER as lowercase hex without the sign-padding zero octet (serial numbers, as openssl prints them). */
export function readIntegerHex(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.length === 0) throw badInput("empty INTEGER", tlv.offset);
  let start = tlv.start;
  while (start < tlv.end - 1 && bytes[start] === 0) start++;
  return toHex(bytes.subarray(start, tlv.end));
}

/** Small non-negative INTEGER (versions, path lengths). */
export function readSmallInt(bytes: Uint8Array, tlv: Tlv): number {
  if (tlv.length === 0 || tlv.length > 6) throw badInput("INTEGER out of range", tlv.offset);
  if ((bytes[tlv.start] as number) & 0x80) throw badInput("negative INTEGER", tlv.offset);
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i++) value = value * 256 + (bytes[i] as number);
  return value;
}

/** Number of significant bits of an unsigned big-endian integer (an RSA modulus, a DSA prime). */
export function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i] as number));
}

const utf8 = new TextDecoder("utf-8", { fatal: false });
/**
 * Bytes as ISO 8859-1 code points. Not TextDecoder("latin1"): the Encoding Standard maps that label to
 * windows-1252, which turns 0x80-0x9F into other characters than OpenSSL prints.
 */
export function latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x2000) out += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return out;
}

/** Any ASN.1 string type to a JavaScript string; null when the tag is not a string type. */
export function readString(bytes: Uint8Array, tlv: Tlv): string | null {
  const view = bytes.subarray(tlv.start, tlv.end);
  switch (tlv.tag) {
    case Tag.utf8String:
      return utf8.decode(view);
    case Tag.printableString:
    case Tag.ia5String:
    case Tag.visibleString:
    case 0x12: // NumericString
    case 0x1b: // GeneralString
      return latin1(view);
    // TeletexString: OpenSSL treats the octets as Latin-1, so do we (X.690 leaves T.61 to the reader).
    case Tag.teletexString:
      return latin1(view);
    case Tag.bmpString: {
      let out = "";
      for (let i = 0; i + 1 < view.length; i += 2) out += String.fromCharCode(((view[i] as number) << 8) | (view[i + 1] as number));
      return out;
    }
    case Tag.universalString: {
      let out = "";
      for (let i = 0; i + 3 < view.length; i += 4) {
        const cp = (((view[i] as number) << 24) | ((view[i + 1] as number) << 16) | ((view[i + 2] as number) << 8) | (view[i + 3] as number)) >>> 0;
        out += cp <= 0x10ffff ? String.fromCodePoint(cp) : "\ufffd";
      }
      return out;
    }
    default:
      return null;
  }
}

function digits(text: string, from: number, count: number, tlv: Tlv): number {
  const part = text.slice(from, from + count);
  if (part.length !== count || !/^\d+$/.test(part)) throw badInput("malformed time", tlv.offset);
  return Number(part);
}

/** UTCTime or GeneralizedTime (RFC 5280 4.1.2.5) to a Date. UTCTime years 50-99 are 19xx. */
export function readTime(bytes: Uint8Array, tlv: Tlv): Date {
  const text = latin1(bytes.subarray(tlv.start, tlv.end));
  let year: number;
  let pos: number;
  if (tlv.tag === Tag.utcTime) {
    const yy = digits(text, 0, 2, tlv);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
    pos = 2;
  } else if (tlv.tag === Tag.generalizedTime) {
    year = digits(text, 0, 4, tlv);
    pos = 4;
  } else throw badInput("expected a time", tlv.offset);
  const month = digits(text, pos, 2, tlv);
  const day = digits(text, pos + 2, 2, tlv);
  const hour = digits(text, pos + 4, 2, tlv);
  const minute = digits(text, pos + 6, 2, tlv);
  pos += 8;
  let second = 0;
  if (/\d/.test(text[pos] ?? "")) {
    second = digits(text, pos, 2, tlv);
    pos += 2;
  }
  let millis = 0;
  const fraction = /^[.,](\d+)/.exec(text.slice(pos));
  if (fraction?.[1]) {
    millis = Math.floor(Number(`0.${fraction[1]}`) * 1000);
    pos += fraction[0].length;
  }
  let offsetMinutes = 0;
  const zone = text.slice(pos);
  if (zone === "Z" || zone === "") offsetMinutes = 0;
  else {
    const m = /^([+-])(\d\d)(\d\d)$/.exec(zone);
    if (!m) throw badInput("malformed time zone", tlv.offset);
    offsetMinutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    throw badInput("time out of range", tlv.offset);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000);
}

/** ISO 8601 of a time element. */
export function readIsoTime(bytes: Uint8Array, tlv: Tlv): string {
  return readTime(bytes, tlv).toISOString();
}
