/**
 * The ASN.1 view of any DER/BER input: a tree with tag, offset, header length, length and decoded value,
 * so a viewer can highlight the bytes of each element (as lapo's asn1js does). Structure comes from asn1js.
 */
import * as asn1js from "asn1js";
import { X509Error, X509ErrorCode } from "../decode/errors.js";
import { toHex } from "../encoding.js";
import type { Asn1Node } from "../types.js";
import { type Tlv, Tag, readTlv } from "./der.js";
import { nameOid } from "./oids.js";
import { readIsoTime, readOid, readString } from "./values.js";

const UniversalNames: Readonly<Record<number, string>> = {
  0: "END OF CONTENT",
  1: "BOOLEAN",
  2: "INTEGER",
  3: "BIT STRING",
  4: "OCTET STRING",
  5: "NULL",
  6: "OBJECT IDENTIFIER",
  10: "ENUMERATED",
  12: "UTF8String",
  16: "SEQUENCE",
  17: "SET",
  18: "NumericString",
  19: "PrintableString",
  20: "TeletexString",
  22: "IA5String",
  23: "UTCTime",
  24: "GeneralizedTime",
  26: "VisibleString",
  27: "GeneralString",
  28: "UniversalString",
  30: "BMPString",
};

const Classes = ["universal", "application", "context", "private"] as const;

/** Deep enough for any certificate; a guard against inputs nested only to exhaust the stack. */
const MAX_DEPTH = 64;

function tagLabel(tagClass: Asn1Node["tagClass"], tagNumber: number): string {
  if (tagClass === "universal") return UniversalNames[tagNumber] ?? `[UNIVERSAL ${tagNumber}]`;
  if (tagClass === "context") return `[${tagNumber}]`;
  return `[${tagClass.toUpperCase()} ${tagNumber}]`;
}

function primitiveValue(bytes: Uint8Array, tlv: Tlv, tagNumber: number): string | undefined {
  try {
    switch (tagNumber) {
      case 1:
        return bytes[tlv.start] ? "true" : "false";
      case 2:
      case 10:
        return toHex(bytes.subarray(tlv.start, tlv.end));
      case 3:
      case 4:
        return toHex(bytes.subarray(tlv.start, tlv.end));
      case 5:
        return undefined;
      case 6: {
        const oid = readOid(bytes, tlv);
        const name = nameOid(oid);
        return name ? `${oid} (${name})` : oid;
      }
      case 23:
      case 24:
        return readIsoTime(bytes, tlv);
      default:
        return readString(bytes, tlv) ?? toHex(bytes.subarray(tlv.start, tlv.end));
    }
  } catch {
    return toHex(bytes.subarray(tlv.start, tlv.end));
  }
}

/**
 * An OCTET STRING or BIT STRING that holds exactly one DER element (extension values, keys) is shown
 * with that element as its child, as lapo's viewer does.
 */
function encapsulated(bytes: Uint8Array, start: number, end: number, depth: number): Asn1Node | undefined {
  if (end - start < 2 || depth >= MAX_DEPTH) return undefined;
  const first = bytes[start] as number;
  if (first !== Tag.sequence && first !== Tag.set) return undefined;
  try {
    const inner = readTlv(bytes, start, end);
    if (inner.end !== end) return undefined;
    const parsed = asn1js.fromBER(bytes.subarray(start, end));
    if (parsed.offset === -1 || parsed.offset !== end - start) return undefined;
    return toNode(bytes, parsed.result, start, depth + 1);
  } catch {
    return undefined;
  }
}

function toNode(bytes: Uint8Array, block: asn1js.AsnType, offset: number, depth: number): Asn1Node {
  if (depth > MAX_DEPTH) throw new X509Error(X509ErrorCode.badInput, `ASN.1 nested deeper than ${MAX_DEPTH} levels at byte ${offset}`);
  const base = block as asn1js.BaseBlock | undefined;
  // asn1js leaves holes in a constructed value it could not finish (a child that failed to parse).
  if (!base?.idBlock || !base.lenBlock || !base.valueBlock) throw new X509Error(X509ErrorCode.badInput, `ASN.1: malformed element at byte ${offset}`);
  const tagClass = Classes[base.idBlock.tagClass - 1] ?? "universal";
  const tagNumber = base.idBlock.tagNumber;
  const headerLength = base.idBlock.blockLength + base.lenBlock.blockLength;
  const indefinite = base.lenBlock.isIndefiniteForm;
  const length = base.valueBlock.blockLength;
  const node: Asn1Node = {
    tag: tagLabel(tagClass, tagNumber),
    tagClass,
    tagNumber,
    constructed: base.idBlock.isConstructed,
    offset,
    headerLength,
    length,
  };
  const start = offset + headerLength;
  if (base.idBlock.isConstructed) {
    const children: Asn1Node[] = [];
    let pos = start;
    const values = (base.valueBlock as unknown as { value?: asn1js.AsnType[] }).value ?? [];
    for (const child of values) {
      children.push(toNode(bytes, child, pos, depth + 1));
      pos += (child as asn1js.BaseBlock).blockLength;
    }
    node.children = children;
    if (indefinite) node.value = "(indefinite length)";
    return node;
  }
  const tlv: Tlv = {
    tag: bytes[offset] as number,
    tagNumber,
    tagClass: (Classes.indexOf(tagClass) as 0 | 1 | 2 | 3),
    constructed: false,
    offset,
    headerLength,
    length,
    start,
    end: start + length,
  };
  if (tagClass === "universal") {
    const value = primitiveValue(bytes, tlv, tagNumber);
    if (value !== undefined) node.value = value;
    // BIT STRING contents start with the unused-bits octet.
    const inner = tagNumber === 4 ? encapsulated(bytes, start, tlv.end, depth) : tagNumber === 3 && bytes[start] === 0 ? encapsulated(bytes, start + 1, tlv.end, depth) : undefined;
    if (inner) node.children = [inner];
  } else if (length > 0) {
    node.value = toHex(bytes.subarray(start, tlv.end));
  }
  return node;
}

/**
 * Parses DER (or BER) into an `Asn1Node` tree with byte offsets into `der`.
 * Throws `X509Error` (BAD_INPUT or TRUNCATED) with the reason on malformed input or trailing bytes.
 */
export function parseAsn1(der: Uint8Array): Asn1Node {
  if (der.length === 0) throw new X509Error(X509ErrorCode.badInput, "no ASN.1 data (empty input)");
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der);
  } catch {
    // asn1js recurses per level: absurd nesting ends in a RangeError, which is bad input, not a crash.
    throw new X509Error(X509ErrorCode.badInput, "ASN.1: nested too deeply to parse");
  }
  if (parsed.offset === -1) {
    const reason = parsed.result.error || "malformed ASN.1";
    const code = /end of input|too short|inconsistent/i.test(reason) ? X509ErrorCode.truncated : X509ErrorCode.badInput;
    throw new X509Error(code, `ASN.1: ${reason}`);
  }
  if (parsed.offset !== der.length) {
    throw new X509Error(X509ErrorCode.badInput, `ASN.1: ${der.length - parsed.offset} trailing bytes after the element ending at byte ${parsed.offset}`);
  }
  return toNode(der, parsed.result, 0, 0);
}
