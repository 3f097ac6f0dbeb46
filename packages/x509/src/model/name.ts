/**
 * The one distinguished-name decoder (RFC 5280 4.1.2.4): attributes in DER order, the string OpenSSL prints with
 * `-nameopt RFC2253,-esc_msb`, and the canonical key OpenSSL's X509_NAME_cmp compares. Values are read the way
 * OpenSSL 3.0's d2i reads them: a value type it refuses, or text that does not convert to UTF-8, refuses the Name.
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import { NameAttributeOids } from "../asn1/oids.js";
import { latin1, readOid } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { toHex } from "../encoding.js";
import type { ParsedName, ParsedNameAttribute } from "./types.js";

/**
 * Value tags OpenSSL accepts in a Name (X509_NAME_ENTRY's value is an ASN1_PRINTABLE, B_ASN1_PRINTABLE in
 * asn1.h): the string types below plus BIT STRING, SEQUENCE and the tags ASN1_tag2bit calls "unknown".
 * Measured with `openssl x509 -inform DER -noout`: VisibleString, VideotexString, GeneralString, UTCTime,
 * OCTET STRING, INTEGER and context tags are refused.
 */
const AcceptedValueTags: ReadonlySet<number> = new Set([0x03, 0x07, 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x12, 0x13, 0x14, 0x16, 0x1c, 0x1d, 0x1e, 0x30]);

/** String types OpenSSL prints as text (tag2nbyte in a_strex.c); any other accepted value is dumped as #hex. */
const TextTags: ReadonlySet<number> = new Set([0x0c, 0x12, 0x13, 0x14, 0x16, 0x1c, 0x1e]);

/** Types OpenSSL folds for comparison (ASN1_MASK_CANON in x_name.c); others compare by type and bytes. */
const CanonTags: ReadonlySet<number> = new Set([0x0c, 0x13, 0x14, 0x16, 0x1c, 0x1e]);

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A string value as OpenSSL converts it to UTF-8 (ASN1_STRING_to_UTF8); throws where OpenSSL's conversion fails. */
function valueText(bytes: Uint8Array, tlv: Tlv): string {
  const view = bytes.subarray(tlv.start, tlv.end);
  switch (tlv.tag) {
    case Tag.utf8String:
      try {
        return strictUtf8.decode(view);
      } catch {
        throw badInput("Name: UTF8String is not valid UTF-8", tlv.offset);
      }
    case Tag.bmpString: {
      if (view.length % 2 !== 0) throw badInput("Name: BMPString of odd length", tlv.offset);
      let out = "";
      for (let i = 0; i < view.length; i += 2) {
        const unit = ((view[i] as number) << 8) | (view[i + 1] as number);
        if (unit >= 0xd800 && unit <= 0xdfff) throw badInput("Name: BMPString holds a surrogate", tlv.offset);
        out += String.fromCharCode(unit);
      }
      return out;
    }
    case Tag.universalString: {
      if (view.length % 4 !== 0) throw badInput("Name: UniversalString length is not a multiple of 4", tlv.offset);
      let out = "";
      for (let i = 0; i < view.length; i += 4) {
        const cp = (((view[i] as number) << 24) | ((view[i + 1] as number) << 16) | ((view[i + 2] as number) << 8) | (view[i + 3] as number)) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw badInput("Name: UniversalString holds an invalid character", tlv.offset);
        out += String.fromCodePoint(cp);
      }
      return out;
    }
    default:
      // PrintableString, IA5String, NumericString and T61String: one octet per character, as ISO 8859-1
      // (OpenSSL does not interpret T.61; it maps each octet to the same code point).
      return latin1(view);
  }
}

/**
 * RFC 2253 escaping as OpenSSL's do_esc_char does it with ESC_2253 and ESC_CTRL (a_strex.c): a backslash before
 * `,+"<>;\`, before a leading `#` or space and a trailing space; control characters (and DEL) as \XX. OpenSSL's
 * do_buf replaces the "first" flag by the "last" one for a one-character value, so "#" alone stays "#".
 */
export function escapeRdnValue(value: string): string {
  let out = "";
  const last = value.length - 1;
  for (let i = 0; i <= last; i++) {
    const ch = value[i] as string;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
    else if (',+"\\<>;'.includes(ch)) out += `\\${ch}`;
    else if ((i === 0 && i !== last && (ch === "#" || ch === " ")) || (i === last && ch === " ")) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** ASCII-only lowercasing and whitespace folding of x509_name_canon (asn1_string_canon): trim, collapse runs. */
function canonical(text: string): string {
  return text
    .replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "")
    .replace(/[ \t\n\v\f\r]+/g, " ")
    .replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** Reads one AttributeTypeAndValue. */
function readAttribute(bytes: Uint8Array, atv: Tlv, rdn: number): { attribute: ParsedNameAttribute; key: string; shown: string } {
  if (atv.tag !== Tag.sequence) throw badInput("Name: expected an AttributeTypeAndValue", atv.offset);
  const typeTlv = readTlv(bytes, atv.start, atv.end);
  if (typeTlv.tag !== Tag.oid) throw badInput("Name: attribute type is not an OID", typeTlv.offset);
  const valueTlv = readTlv(bytes, typeTlv.end, atv.end);
  if (valueTlv.end !== atv.end) throw badInput("Name: bytes after the attribute value", valueTlv.end);
  if (!AcceptedValueTags.has(valueTlv.tag)) {
    throw badInput(`Name: an attribute value of tag 0x${valueTlv.tag.toString(16).padStart(2, "0")} (OpenSSL refuses it)`, valueTlv.offset);
  }
  const oid = readOid(bytes, typeTlv);
  const known = NameAttributeOids[oid];
  const dump = `#${toHex(bytes.subarray(valueTlv.offset, valueTlv.end)).toUpperCase()}`;
  const text = TextTags.has(valueTlv.tag) ? valueText(bytes, valueTlv) : null;
  // An attribute type OpenSSL does not know is printed with its value dumped (XN_FLAG_DUMP_UNKNOWN_FIELDS).
  const shown = text !== null && known !== undefined ? escapeRdnValue(text) : dump;
  const folded = CanonTags.has(valueTlv.tag) && text !== null ? canonical(text) : `#${valueTlv.tag}:${toHex(bytes.subarray(valueTlv.start, valueTlv.end))}`;
  return {
    attribute: { type: known ?? oid, oid, value: text ?? dump, tag: valueTlv.tag, rdn, range: { start: atv.offset, end: atv.end } },
    key: `${oid}=${folded}`,
    shown,
  };
}

/**
 * Decodes a Name SEQUENCE. Throws X509Error where OpenSSL's d2i refuses the Name (a value type it does not
 * accept, text that is not valid in its type). An empty RDN adds nothing (OpenSSL prints no separator for it).
 */
export function decodeName(bytes: Uint8Array, name: Tlv): ParsedName {
  if (name.tag !== Tag.sequence) throw badInput("Name: expected a SEQUENCE", name.offset);
  const attributes: ParsedNameAttribute[] = [];
  const printed: string[] = [];
  const rdnKeys: string[][] = [];
  let rdn = 0;
  for (const set of readChildren(bytes, name)) {
    if (set.tag !== Tag.set) throw badInput("Name: expected a SET (RelativeDistinguishedName)", set.offset);
    const keys: string[] = [];
    for (const atv of readChildren(bytes, set)) {
      const { attribute, key, shown } = readAttribute(bytes, atv, rdn);
      attributes.push(attribute);
      keys.push(key);
      printed.push(`${attribute.type}=${shown}`);
    }
    // X509_NAME_cmp compares the canonical SETs, whose DER sorts the members (X.690 11.6).
    if (keys.length > 0) rdnKeys.push(keys.sort());
    rdn++;
  }
  // OpenSSL prints entries last to first (XN_FLAG_DN_REV): "+" between members of one RDN, "," between RDNs.
  let text = "";
  for (let i = attributes.length - 1; i >= 0; i--) {
    if (i < attributes.length - 1) text += (attributes[i] as ParsedNameAttribute).rdn === (attributes[i + 1] as ParsedNameAttribute).rdn ? "+" : ",";
    text += printed[i];
  }
  return { attributes, text, key: rdnKeys.length === 0 ? "" : JSON.stringify(rdnKeys), der: bytes.subarray(name.offset, name.end), range: { start: name.offset, end: name.end } };
}

/** The RFC 2253 string of a DER Name (the certificate_authorities of a CertificateRequest, a dirName); null if unreadable. */
export function formatDistinguishedName(der: Uint8Array): string | null {
  try {
    const top = readTlv(der, 0, der.length);
    if (top.end !== der.length) return null;
    return decodeName(der, top).text;
  } catch {
    return null;
  }
}

/** A lone RelativeDistinguishedName (a CRL distribution point's nameRelativeToCRLIssuer, [1] IMPLICIT SET). */
export function decodeRelativeName(bytes: Uint8Array, rdn: Tlv): string {
  const parts = readChildren(bytes, rdn).map((atv) => {
    const { attribute, shown } = readAttribute(bytes, atv, 0);
    return `${attribute.type}=${shown}`;
  });
  return parts.reverse().join("+");
}
