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

/**
 * Checks an INTEGER's contents as OpenSSL's c2i_ASN1_INTEGER does: not empty, no redundant leading 0x00 or
 * 0xFF octet (X.690 8.3.2). Throws otherwise.
 */
export function checkInteger(bytes: Uint8Array, tlv: Tlv): void {
  if (tlv.length === 0) throw badInput("empty INTEGER", tlv.offset);
  if (tlv.length > 1) {
    const a = bytes[tlv.start] as number;
    const b = bytes[tlv.start + 1] as number;
    if ((a === 0 && (b & 0x80) === 0) || (a === 0xff && (b & 0x80) !== 0)) throw badInput("INTEGER with a redundant leading octet", tlv.offset);
  }
}

/**
 * INTEGER as lowercase hex in whole octets, without the sign-padding zero octet; a negative value as "-" and
 * its magnitude ("-7fff"), which is how `openssl x509 -serial` and Node's `serialNumber` print it.
 */
export function readIntegerHex(bytes: Uint8Array, tlv: Tlv): string {
  if (tlv.length === 0) throw badInput("empty INTEGER", tlv.offset);
  const body = bytes.subarray(tlv.start, tlv.end);
  if (((body[0] as number) & 0x80) === 0) {
    let start = 0;
    while (start < body.length - 1 && body[start] === 0) start++;
    return toHex(body.subarray(start));
  }
  // Two's complement: invert and add one for the magnitude.
  const magnitude = new Uint8Array(body.length);
  let carry = 1;
  for (let i = body.length - 1; i >= 0; i--) {
    const v = ((~(body[i] as number)) & 0xff) + carry;
    magnitude[i] = v & 0xff;
    carry = v >> 8;
  }
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  return `-${toHex(magnitude.subarray(start))}`;
}

/** A signed INTEGER as a bigint (path lengths, skip counts: any size, checked by the caller). */
export function readBigInt(bytes: Uint8Array, tlv: Tlv): bigint {
  checkInteger(bytes, tlv);
  let value = 0n;
  for (let i = tlv.start; i < tlv.end; i++) value = value * 256n + BigInt(bytes[i] as number);
  if (((bytes[tlv.start] as number) & 0x80) !== 0) value -= 1n << BigInt(8 * tlv.length);
  return value;
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

/** Days in a month of the proleptic Gregorian calendar (OpenSSL checks the day against it). */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const UtcTimePattern = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/;
const GeneralizedTimePattern = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?(Z|[+-]\d{4})$/;

/**
 * UTCTime or GeneralizedTime (RFC 5280 4.1.2.5) to a Date, accepting what OpenSSL 3.0's
 * ossl_asn1_time_to_tm accepts: seconds optional, a zone offset instead of "Z", a fraction in
 * GeneralizedTime; the day checked against the month, seconds 0-59. UTCTime years 50-99 are 19xx;
 * GeneralizedTime years 0-99 stay years 0-99 (Date.UTC would make them 1900+). Throws for anything else
 * ("Bad time value" in `openssl x509 -text`; the certificate still loads).
 */
export function readTime(bytes: Uint8Array, tlv: Tlv): Date {
  const text = latin1(bytes.subarray(tlv.start, tlv.end));
  let m: RegExpExecArray | null;
  let year: number;
  if (tlv.tag === Tag.utcTime && (m = UtcTimePattern.exec(text))) {
    const yy = Number(m[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (tlv.tag === Tag.generalizedTime && (m = GeneralizedTimePattern.exec(text))) {
    year = Number(m[1]);
  } else throw badInput(tlv.tag === Tag.utcTime || tlv.tag === Tag.generalizedTime ? `malformed time "${text}"` : "expected a time", tlv.offset);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw badInput(`time out of range "${text}"`, tlv.offset);
  }
  const fraction = tlv.tag === Tag.generalizedTime ? m[7] : undefined;
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  const zone = m[tlv.tag === Tag.generalizedTime ? 8 : 7] as string;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(3, 5));
    if (zh > 12 || zm > 59) throw badInput(`time zone out of range "${text}"`, tlv.offset);
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (zh * 60 + zm);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

/** ISO 8601 of a time element. */
export function readIsoTime(bytes: Uint8Array, tlv: Tlv): string {
  return readTime(bytes, tlv).toISOString();
}
