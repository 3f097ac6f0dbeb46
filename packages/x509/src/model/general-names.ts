/**
 * GeneralName (RFC 5280 4.2.1.6) in all its kinds, to `{ type, value }`.
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import { nameOid } from "../asn1/oids.js";
import { latin1, readOid, readString } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { toHex } from "../encoding.js";
import { decodeName } from "./name.js";
import type { ParsedGeneralName } from "./types.js";


/** "127.0.0.1", or an IPv6 address in RFC 5952 form ("::1"). */
export function formatIp(ip: Uint8Array): string {
  if (ip.length === 4) return Array.from(ip).join(".");
  if (ip.length !== 16) return toHex(ip);
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip[i] as number) << 8) | (ip[i + 1] as number));
  // RFC 5952 4.2: the longest run (of two or more) of zero groups becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

/**
 * Decodes one GeneralName element. IP addresses in name constraints carry a mask: "10.0.0.0/255.0.0.0".
 * Throws X509Error on a malformed element (the extension holding it then carries a `malformed` finding).
 */
export function decodeGeneralName(bytes: Uint8Array, tlv: Tlv): ParsedGeneralName {
  const body = bytes.subarray(tlv.start, tlv.end);
  switch (tlv.tag) {
    case 0x81:
      return { type: "email", value: latin1(body) };
    case 0x82:
      return { type: "dns", value: latin1(body) };
    case 0x86:
      return { type: "uri", value: latin1(body) };
    case 0x87: {
      if (body.length === 8 || body.length === 32) {
        const half = body.length / 2;
        return { type: "ip", value: `${formatIp(body.subarray(0, half))}/${formatIp(body.subarray(half))}`, bytes: body };
      }
      return { type: "ip", value: formatIp(body), bytes: body };
    }
    case 0x88: {
      const oid = readOid(bytes, tlv);
      return { type: "registeredId", value: oid };
    }
    case 0xa4: {
      const inner = readTlv(bytes, tlv.start, tlv.end);
      if (inner.end !== tlv.end) throw badInput("directoryName: bytes after the Name", inner.end);
      const name = decodeName(bytes, inner);
      return { type: "dirName", value: name.text, name };
    }
    case 0xa0: {
      // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } (the SEQUENCE tag is implicit)
      const typeTlv = readTlv(bytes, tlv.start, tlv.end);
      if (typeTlv.tag !== Tag.oid) throw badInput("otherName: expected an OID", typeTlv.offset);
      const oid = readOid(bytes, typeTlv);
      const label = oid === "1.3.6.1.4.1.311.20.2.3" ? "UPN" : (nameOid(oid) ?? oid);
      let value = "";
      if (typeTlv.end < tlv.end) {
        const explicit = readTlv(bytes, typeTlv.end, tlv.end);
        const inner = explicit.start < explicit.end ? readTlv(bytes, explicit.start, explicit.end) : undefined;
        value = inner ? (readString(bytes, inner) ?? toHex(bytes.subarray(inner.offset, inner.end))) : "";
      }
      return { type: "other", value: `${label}:${value}`, otherType: oid };
    }
    default:
      // x400Address [3], ediPartyName [5]: rare; shown as hex so nothing is hidden.
      return { type: "other", value: `[${tlv.tagNumber}]:${toHex(body)}`, otherType: tlv.tagNumber === 3 ? "x400Address" : tlv.tagNumber === 5 ? "ediPartyName" : `[${tlv.tagNumber}]` };
  }
}

/** GeneralNames ::= SEQUENCE OF GeneralName (or the contents of any constructed element holding them). */
export function decodeGeneralNames(bytes: Uint8Array, seq: Tlv): ParsedGeneralName[] {
  return readChildren(bytes, seq).map((child) => decodeGeneralName(bytes, child));
}
