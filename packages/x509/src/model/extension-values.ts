/**
 * The values of the extensions this model knows (RFC 5280 4.2, 5.2, 5.3), decoded as OpenSSL's d2i reads them.
 * Each decoder throws X509Error on contents it cannot read (the extension then carries a `malformed` finding);
 * `note` records what OpenSSL reads but strict DER or RFC 5280 forbids (a negative pathLenConstraint).
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { AccessMethodOids, ExtendedKeyUsageOids, KeyUsageBits, PolicyOids } from "../asn1/oids.js";
import { checkInteger, readBigInt, readIntegerHex, readOid, readString } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { toHex } from "../encoding.js";
import { decodeGeneralName, decodeGeneralNames } from "./general-names.js";
import { decodeRelativeName } from "./name.js";
import type { ParsedBasicConstraints, ParsedGeneralName } from "./types.js";

/** CRL reason codes (RFC 5280 5.3.1). */
export const CrlReasons = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  "unused",
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;

/** The decoded AuthorityKeyIdentifier (RFC 5280 4.2.1.1). */
export interface ParsedAuthorityKeyId {
  keyIdentifier?: string;
  authorityCertIssuer?: ParsedGeneralName[];
  authorityCertSerialNumber?: string;
}

/** One DistributionPoint (RFC 5280 4.2.1.13). */
export interface ParsedDistributionPoint {
  fullName?: ParsedGeneralName[];
  relativeName?: string;
  reasons?: string[];
  crlIssuer?: ParsedGeneralName[];
}

/** A name constraint's GeneralSubtree: the base name, and minimum / maximum when the encoding carries them. */
export type ParsedGeneralSubtree = ParsedGeneralName & { minimum?: number; maximum?: number };

/** Something OpenSSL reads but RFC 5280 / DER forbids: the value decodes, and `malformed` says what is off. */
export type Note = (message: string, offset: number) => void;

function expectTag(tlv: Tlv, tag: number, what: string): void {
  if (tlv.tag !== tag) throw badInput(`${what}: expected tag 0x${tag.toString(16).padStart(2, "0")}, found 0x${tlv.tag.toString(16).padStart(2, "0")}`, tlv.offset);
}

/** Bits set in a BIT STRING, by position (bit 0 is the most significant bit of the first octet). */
export function readBits(bytes: Uint8Array, tlv: Tlv, names: readonly string[]): string[] {
  if (tlv.length < 1) throw badInput("BIT STRING without its unused-bits octet", tlv.offset);
  const unused = bytes[tlv.start] as number;
  if (unused > 7 || (tlv.length === 1 && unused !== 0)) throw badInput("BIT STRING with an invalid unused-bits count", tlv.offset);
  const out: string[] = [];
  const bitCount = (tlv.length - 1) * 8 - unused;
  for (let bit = 0; bit < bitCount && bit < names.length; bit++) {
    if (((bytes[tlv.start + 1 + (bit >> 3)] as number) & (0x80 >> (bit & 7))) !== 0) out.push(names[bit] as string);
  }
  return out;
}

function basicConstraints(bytes: Uint8Array, v: Tlv, note: Note): ParsedBasicConstraints {
  expectTag(v, Tag.sequence, "basicConstraints");
  const result: ParsedBasicConstraints = { ca: false };
  const items = readChildren(bytes, v);
  let i = 0;
  if (items[i]?.tag === Tag.boolean) {
    const flag = items[i++] as Tlv;
    if (flag.length !== 1) throw badInput("basicConstraints: BOOLEAN of wrong length", flag.offset);
    result.ca = bytes[flag.start] !== 0;
  }
  const length = items[i];
  if (length) {
    expectTag(length, Tag.integer, "basicConstraints pathLenConstraint");
    const value = readBigInt(bytes, length);
    if (value < 0n) note(`negative pathLenConstraint ${value} (OpenSSL marks the certificate invalid)`, length.offset);
    else if (value > BigInt(Number.MAX_SAFE_INTEGER)) note(`pathLenConstraint ${value} is out of range (OpenSSL treats it as no limit)`, length.offset);
    if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) result.pathLength = Number(value);
    i++;
  }
  if (i < items.length) throw badInput("basicConstraints: unexpected element", (items[i] as Tlv).offset);
  return result;
}

function authorityKeyId(bytes: Uint8Array, v: Tlv): ParsedAuthorityKeyId {
  expectTag(v, Tag.sequence, "authorityKeyIdentifier");
  const out: ParsedAuthorityKeyId = {};
  for (const item of readChildren(bytes, v)) {
    if (item.tag === 0x80) out.keyIdentifier = toHex(bytes.subarray(item.start, item.end));
    else if (item.tag === 0xa1) out.authorityCertIssuer = decodeGeneralNames(bytes, item);
    else if (item.tag === 0x82) {
      checkInteger(bytes, item);
      out.authorityCertSerialNumber = readIntegerHex(bytes, item);
    } else throw badInput("authorityKeyIdentifier: unexpected element", item.offset);
  }
  return out;
}

function accessDescriptions(bytes: Uint8Array, v: Tlv): { method: string; location: ParsedGeneralName }[] {
  expectTag(v, Tag.sequence, "AccessDescriptions");
  return readChildren(bytes, v).map((desc) => {
    expectTag(desc, Tag.sequence, "AccessDescription");
    const methodTlv = expectTlv(bytes, desc.start, desc.end, Tag.oid, "access method");
    const oid = readOid(bytes, methodTlv);
    const location = readTlv(bytes, methodTlv.end, desc.end);
    if (location.end !== desc.end) throw badInput("AccessDescription: unexpected element", location.end);
    return { method: AccessMethodOids[oid] ?? oid, location: decodeGeneralName(bytes, location) };
  });
}

function distributionPoints(bytes: Uint8Array, v: Tlv): ParsedDistributionPoint[] {
  expectTag(v, Tag.sequence, "CRLDistributionPoints");
  return readChildren(bytes, v).map((dp) => {
    expectTag(dp, Tag.sequence, "DistributionPoint");
    const out: ParsedDistributionPoint = {};
    for (const item of readChildren(bytes, dp)) {
      if (item.tag === 0xa0) {
        const name = readTlv(bytes, item.start, item.end);
        if (name.tag === 0xa0) out.fullName = decodeGeneralNames(bytes, name);
        else if (name.tag === 0xa1) out.relativeName = decodeRelativeName(bytes, name);
        else throw badInput("DistributionPointName: unexpected element", name.offset);
      } else if (item.tag === 0x81) out.reasons = readBits(bytes, item, ["unused", ...CrlReasons.slice(1)]);
      else if (item.tag === 0xa2) out.crlIssuer = decodeGeneralNames(bytes, item);
      else throw badInput("DistributionPoint: unexpected element", item.offset);
    }
    return out;
  });
}

function policies(bytes: Uint8Array, v: Tlv): { policy: string; name?: string; qualifiers: { type: string; value: string }[] }[] {
  expectTag(v, Tag.sequence, "certificatePolicies");
  return readChildren(bytes, v).map((info) => {
    expectTag(info, Tag.sequence, "PolicyInformation");
    const oidTlv = expectTlv(bytes, info.start, info.end, Tag.oid, "policy identifier");
    const policy = readOid(bytes, oidTlv);
    const qualifiers: { type: string; value: string }[] = [];
    if (oidTlv.end < info.end) {
      for (const q of readChildren(bytes, readTlv(bytes, oidTlv.end, info.end))) {
        const qOid = expectTlv(bytes, q.start, q.end, Tag.oid, "policy qualifier");
        const type = PolicyOids[readOid(bytes, qOid)] ?? readOid(bytes, qOid);
        const qValue = qOid.end < q.end ? readTlv(bytes, qOid.end, q.end) : undefined;
        let value = "";
        // userNotice is a SEQUENCE { noticeRef?, explicitText? }: show the text.
        if (qValue) value = readString(bytes, qValue) ?? readChildren(bytes, qValue).map((c) => readString(bytes, c) ?? "").filter(Boolean).join(" ");
        qualifiers.push({ type, value });
      }
    }
    const name = PolicyOids[policy];
    return name ? { policy, name, qualifiers } : { policy, qualifiers };
  });
}

function nameConstraints(bytes: Uint8Array, v: Tlv): { permitted: ParsedGeneralSubtree[]; excluded: ParsedGeneralSubtree[] } {
  expectTag(v, Tag.sequence, "nameConstraints");
  const out = { permitted: [] as ParsedGeneralSubtree[], excluded: [] as ParsedGeneralSubtree[] };
  for (const item of readChildren(bytes, v)) {
    if (item.tag !== 0xa0 && item.tag !== 0xa1) throw badInput("nameConstraints: unexpected element", item.offset);
    // GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }
    const names = readChildren(bytes, item).map((subtree): ParsedGeneralSubtree => {
      expectTag(subtree, Tag.sequence, "GeneralSubtree");
      const [base, ...rest] = readChildren(bytes, subtree);
      if (!base) throw badInput("GeneralSubtree: no base name", subtree.offset);
      const name: ParsedGeneralSubtree = decodeGeneralName(bytes, base);
      for (const bound of rest) {
        // [0] and [1] IMPLICIT BaseDistance (INTEGER); RFC 5280 4.2.1.10 says they MUST be absent, and OpenSSL's
        // verifier fails a subtree carrying either (X509_V_ERR_SUBTREE_MINMAX).
        if (bound.tag !== 0x80 && bound.tag !== 0x81) throw badInput("GeneralSubtree: unexpected element", bound.offset);
        const value = readBigInt(bytes, bound);
        const number = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.NaN;
        if (bound.tag === 0x80) name.minimum = number;
        else name.maximum = number;
      }
      return name;
    });
    if (item.tag === 0xa0) out.permitted = names;
    else out.excluded = names;
  }
  return out;
}

function smallInt(bytes: Uint8Array, tlv: Tlv, what: string): number {
  const value = readBigInt(bytes, tlv);
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw badInput(`${what}: ${value} is out of range`, tlv.offset);
  return Number(value);
}

/** Decodes one extension value by OID; undefined when the OID is not one this model decodes. Throws on malformed contents. */
export function decodeExtensionValue(bytes: Uint8Array, oid: string, v: Tlv, note: Note): unknown {
  switch (oid) {
    case "2.5.29.17":
    case "2.5.29.18":
    case "2.5.29.29":
      expectTag(v, Tag.sequence, "GeneralNames");
      return decodeGeneralNames(bytes, v);
    case "2.5.29.15":
      expectTag(v, Tag.bitString, "keyUsage");
      return readBits(bytes, v, KeyUsageBits);
    case "2.5.29.37":
      expectTag(v, Tag.sequence, "extendedKeyUsage");
      return readChildren(bytes, v).map((p) => {
        expectTag(p, Tag.oid, "extendedKeyUsage purpose");
        const pOid = readOid(bytes, p);
        return ExtendedKeyUsageOids[pOid] ?? pOid;
      });
    case "2.5.29.19":
      return basicConstraints(bytes, v, note);
    case "2.5.29.14":
      expectTag(v, Tag.octetString, "subjectKeyIdentifier");
      return toHex(bytes.subarray(v.start, v.end));
    case "2.5.29.35":
      return authorityKeyId(bytes, v);
    case "1.3.6.1.5.5.7.1.1":
    case "1.3.6.1.5.5.7.1.11":
      return accessDescriptions(bytes, v);
    case "2.5.29.31":
    case "2.5.29.46":
      return distributionPoints(bytes, v);
    case "2.5.29.32":
      return policies(bytes, v);
    case "2.5.29.30":
      return nameConstraints(bytes, v);
    case "2.5.29.36": {
      expectTag(v, Tag.sequence, "policyConstraints");
      const out: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
      for (const item of readChildren(bytes, v)) {
        if (item.tag === 0x80) out.requireExplicitPolicy = smallInt(bytes, item, "requireExplicitPolicy");
        else if (item.tag === 0x81) out.inhibitPolicyMapping = smallInt(bytes, item, "inhibitPolicyMapping");
        else throw badInput("policyConstraints: unexpected element", item.offset);
      }
      return out;
    }
    case "2.5.29.54":
      expectTag(v, Tag.integer, "inhibitAnyPolicy");
      return smallInt(bytes, v, "inhibitAnyPolicy");
    case "2.5.29.20":
      expectTag(v, Tag.integer, "cRLNumber");
      checkInteger(bytes, v);
      return readIntegerHex(bytes, v);
    case "2.5.29.21": {
      expectTag(v, Tag.enumerated, "CRLReason");
      const code = smallInt(bytes, v, "CRLReason");
      return CrlReasons[code] ?? String(code);
    }
    case "2.16.840.1.113730.1.13": {
      const text = readString(bytes, v);
      if (text === null) throw badInput("nsComment: expected a string", v.offset);
      return text;
    }
    default:
      return undefined;
  }
}
