/**
 * A small, strict DER reader over a byte array: no copies, no objects beyond one header per element.
 * Decoding walks certificates with it because it is several times faster than building a full asn1js tree,
 * and it knows exact offsets for error messages. (The ASN.1 view for people, `parseAsn1`, uses asn1js.)
 */
import { X509Error, X509ErrorCode, badInput } from "../decode/errors.js";

/** One TLV: where it is and where its contents are. */
export interface Tlv {
  /** The first identifier octet (class, constructed bit, low tag number). */
  tag: number;
  /** Tag number (high-tag-number form decoded). */
  tagNumber: number;
  tagClass: 0 | 1 | 2 | 3;
  constructed: boolean;
  offset: number;
  headerLength: number;
  length: number;
  /** Offset of the first content byte; `end` is one past the last. */
  start: number;
  end: number;
}

/** Universal tag numbers used by the decoders. */
export const Tag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  teletexString: 0x14,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  visibleString: 0x1a,
  universalString: 0x1c,
  bmpString: 0x1e,
} as const;

/**
 * Reads the TLV at `offset`, which must end by `limit`. Indefinite lengths are BER, not DER (X.690 10.1),
 * and are refused here; PKCS#7 and PKCS#12, where BER occurs, go through asn1js/pkijs instead.
 */
export function readTlv(bytes: Uint8Array, offset: number, limit: number = bytes.length): Tlv {
  if (offset >= limit) throw new X509Error(X509ErrorCode.truncated, `data ends before an ASN.1 element at byte ${offset}`);
  const first = bytes[offset] as number;
  let pos = offset + 1;
  let tagNumber = first & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    for (let i = 0; ; i++) {
      if (pos >= limit) throw new X509Error(X509ErrorCode.truncated, `data ends inside a tag at byte ${offset}`);
      const b = bytes[pos++] as number;
      tagNumber = tagNumber * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
      if (i > 3) throw badInput("tag number too large", offset);
    }
  }
  if (pos >= limit) throw new X509Error(X509ErrorCode.truncated, `data ends before the length at byte ${offset}`);
  let length = bytes[pos++] as number;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw badInput("indefinite length (BER) where DER is required", offset);
    if (count > 4) throw badInput("length field too long", offset);
    if (pos + count > limit) throw new X509Error(X509ErrorCode.truncated, `data ends inside a length at byte ${offset}`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[pos++] as number);
  }
  const end = pos + length;
  if (end > limit) {
    throw new X509Error(
      X509ErrorCode.truncated,
      `element at byte ${offset} claims ${length} bytes but only ${Math.max(0, limit - pos)} remain`,
    );
  }
  return {
    tag: first,
    tagNumber,
    tagClass: (first >> 6) as 0 | 1 | 2 | 3,
    constructed: (first & 0x20) !== 0,
    offset,
    headerLength: pos - offset,
    length,
    start: pos,
    end,
  };
}

/** The elements inside a constructed TLV, in order. */
export function readChildren(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let pos = parent.start;
  while (pos < parent.end) {
    const child = readTlv(bytes, pos, parent.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Reads a TLV and checks its first identifier octet. `what` names the field for the error message. */
export function expectTlv(bytes: Uint8Array, offset: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(bytes, offset, limit);
  if (tlv.tag !== tag) {
    throw badInput(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`, offset);
  }
  return tlv;
}

/** The contents of a TLV as a view (no copy). */
export function contents(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.start, tlv.end);
}

/** The whole TLV, header included, as a view. */
export function whole(bytes: Uint8Array, tlv: Tlv): Uint8Array {
  return bytes.subarray(tlv.offset, tlv.end);
}
