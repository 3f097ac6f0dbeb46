/**
 * Distinguished names (RFC 5280 4.1.2.4) to an ordered attribute list and an RFC 4514 string.
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import { NameAttributeOids } from "../asn1/oids.js";
import { readOid, readString } from "../asn1/values.js";
import { toHex } from "../encoding.js";
import type { NameAttribute } from "../types.js";
import { badInput } from "./errors.js";

/** A decoded Name: attributes in DER order, grouped by RDN, and the RFC 4514 string. */
export interface DecodedName {
  attributes: NameAttribute[];
  text: string;
}

/**
 * RFC 4514 2.4: backslash before `"+,;<>\`, a leading `#` or space, a trailing space; control
 * characters as \XX (what OpenSSL's RFC2253 name option prints too, so the two compare equal).
 */
export function escapeRdnValue(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
    else if ('"+,;<>\\'.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && (ch === "#" || ch === " ")) || (i === value.length - 1 && ch === " ")) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** Decodes the AttributeTypeAndValues of one RDN (a SET, or an implicitly tagged one), appending to `attributes`. */
export function decodeRdn(bytes: Uint8Array, rdn: Tlv, attributes: NameAttribute[]): string {
  const parts: string[] = [];
  for (const atv of readChildren(bytes, rdn)) {
    if (atv.tag !== Tag.sequence) throw badInput("Name: expected an AttributeTypeAndValue", atv.offset);
    const typeTlv = readTlv(bytes, atv.start, atv.end);
    if (typeTlv.tag !== Tag.oid) throw badInput("Name: attribute type is not an OID", typeTlv.offset);
    const valueTlv = readTlv(bytes, typeTlv.end, atv.end);
    const oid = readOid(bytes, typeTlv);
    const type = NameAttributeOids[oid] ?? oid;
    const text = readString(bytes, valueTlv);
    // RFC 4514 2.4: a value that is not a string is written as # and the hex of its BER encoding.
    const value = text ?? `#${toHex(bytes.subarray(valueTlv.offset, valueTlv.end))}`;
    attributes.push({ type, oid, value });
    parts.push(`${type}=${text === null ? value : escapeRdnValue(text)}`);
  }
  return parts.join("+");
}

/** Decodes a Name SEQUENCE. Most specific first in `text` (RFC 4514 2.1 reverses the DER order). */
export function decodeName(bytes: Uint8Array, name: Tlv): DecodedName {
  if (name.tag !== Tag.sequence) throw badInput("Name: expected a SEQUENCE", name.offset);
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  for (const rdn of readChildren(bytes, name)) {
    if (rdn.tag !== Tag.set) throw badInput("Name: expected a SET (RelativeDistinguishedName)", rdn.offset);
    rdnTexts.push(decodeRdn(bytes, rdn, attributes));
  }
  return { attributes, text: rdnTexts.reverse().join(",") };
}
