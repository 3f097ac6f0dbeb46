/**
 * X509_cmp_time() as OpenSSL 3.0 applies it to certificate validity (x509_vfy.c): only the RFC 5280 forms
 * YYMMDDHHMMSSZ (UTCTime) and YYYYMMDDHHMMSSZ (GeneralizedTime) with valid dates compare; anything else is
 * "format error in certificate's notBefore/notAfter field". A time equal to the verification time counts as
 * passed (the comparison is <=), so a certificate is already expired at exactly its notAfter.
 */
import { readTlv } from "../asn1/der.js";
import type { ByteRange, ParsedCertificate } from "../model/types.js";

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The instant of a validity time in RFC 5280's strict form, or null where X509_cmp_time returns 0 (error). */
export function strictTime(der: Uint8Array, range: ByteRange): number | null {
  const tlv = readTlv(der, range.start, range.end);
  const text = String.fromCharCode(...der.subarray(tlv.start, tlv.end));
  const utc = tlv.tag === 0x17;
  if (!(utc ? /^\d{12}Z$/ : /^\d{14}Z$/).test(text) || (tlv.tag !== 0x17 && tlv.tag !== 0x18)) return null;
  const digits = utc ? text : text.slice(2);
  let year = Number(utc ? text.slice(0, 2) : text.slice(0, 4));
  if (utc) year += year < 50 ? 2000 : 1900;
  const [month, day, hour, minute, second] = [2, 4, 6, 8, 10].map((i) => Number(digits.slice(i, i + 2))) as [number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return null;
  if (day > (month === 2 && leap ? 29 : DAYS[month - 1]!)) return null;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime();
}

const cache = new WeakMap<ParsedCertificate, { notBefore: number | null; notAfter: number | null }>();

function times(cert: ParsedCertificate): { notBefore: number | null; notAfter: number | null } {
  let value = cache.get(cert);
  if (!value) {
    value = { notBefore: strictTime(cert.der, cert.ranges.notBefore), notAfter: strictTime(cert.der, cert.ranges.notAfter) };
    cache.set(cert, value);
  }
  return value;
}

export type TimeCode = "ERROR_IN_CERT_NOT_BEFORE_FIELD" | "CERT_NOT_YET_VALID" | "ERROR_IN_CERT_NOT_AFTER_FIELD" | "CERT_HAS_EXPIRED";

/** check_cert_time(): every error, notBefore first, as the verify callback sees them. */
export function timeErrors(cert: ParsedCertificate, at: Date): TimeCode[] {
  const { notBefore, notAfter } = times(cert);
  const now = Math.floor(at.getTime() / 1000) * 1000;
  const out: TimeCode[] = [];
  if (notBefore === null) out.push("ERROR_IN_CERT_NOT_BEFORE_FIELD");
  else if (notBefore > now) out.push("CERT_NOT_YET_VALID");
  if (notAfter === null) out.push("ERROR_IN_CERT_NOT_AFTER_FIELD");
  else if (notAfter <= now) out.push("CERT_HAS_EXPIRED");
  return out;
}

/** ossl_x509_check_cert_time(ctx, x, -1): the quiet form path building uses to prefer valid issuers. */
export function timeValid(cert: ParsedCertificate, at: Date): boolean {
  return timeErrors(cert, at).length === 0;
}

/** notAfter as OpenSSL compares it (for "the candidate that expires last"); -Infinity when malformed. */
export function notAfterInstant(cert: ParsedCertificate): number {
  return times(cert).notAfter ?? Number.NEGATIVE_INFINITY;
}
