/**
 * X.509 v3 extensions (RFC 5280 4.2): every extension as `{ oid, name, critical, value }`, the common ones
 * decoded, unknown ones as an ASN.1 tree. Also collects the summary fields a certificate item carries.
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { AccessMethodOids, ExtendedKeyUsageOids, ExtensionOids, KeyUsageBits, PolicyOids } from "../asn1/oids.js";
import { parseAsn1 } from "../asn1/parse-asn1.js";
import { readIntegerHex, readOid, readSmallInt, readString } from "../asn1/values.js";
import { toHex } from "../encoding.js";
import type { BasicConstraints, ExtensionInfo, GeneralName } from "../types.js";
import { X509Error, badInput } from "./errors.js";
import { decodeGeneralName, decodeGeneralNames } from "./general-names.js";
import { decodeRdn } from "./name.js";

/** The summary fields that extensions feed into a certificate, CSR or CRL item. */
export interface ExtensionSummary {
  extensions: ExtensionInfo[];
  subjectAltNames: GeneralName[];
  keyUsage: string[];
  extendedKeyUsage: string[];
  basicConstraints: BasicConstraints | null;
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
}

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

/** Bits set in a BIT STRING, by position (bit 0 is the most significant bit of the first octet). */
function readBits(bytes: Uint8Array, tlv: Tlv, names: readonly string[]): string[] {
  if (tlv.tag !== Tag.bitString || tlv.length < 1) throw badInput("expected a BIT STRING", tlv.offset);
  const out: string[] = [];
  const bitCount = (tlv.length - 1) * 8;
  for (let bit = 0; bit < bitCount && bit < names.length; bit++) {
    if (((bytes[tlv.start + 1 + (bit >> 3)] as number) & (0x80 >> (bit & 7))) !== 0) out.push(names[bit] as string);
  }
  return out;
}

function decodeBasicConstraints(bytes: Uint8Array, v: Tlv): BasicConstraints {
  const result: BasicConstraints = { ca: false };
  for (const item of readChildren(bytes, v)) {
    if (item.tag === Tag.boolean) result.ca = bytes[item.start] !== 0;
    else if (item.tag === Tag.integer) result.pathLength = readSmallInt(bytes, item);
  }
  return result;
}

function decodeAki(bytes: Uint8Array, v: Tlv): { keyIdentifier?: string; authorityCertIssuer?: GeneralName[]; authorityCertSerialNumber?: string } {
  const out: { keyIdentifier?: string; authorityCertIssuer?: GeneralName[]; authorityCertSerialNumber?: string } = {};
  for (const item of readChildren(bytes, v)) {
    if (item.tag === 0x80) out.keyIdentifier = toHex(bytes.subarray(item.start, item.end));
    else if (item.tag === 0xa1) out.authorityCertIssuer = decodeGeneralNames(bytes, item);
    else if (item.tag === 0x82) out.authorityCertSerialNumber = readIntegerHex(bytes, item);
  }
  return out;
}

function decodeAccess(bytes: Uint8Array, v: Tlv): { method: string; location: GeneralName }[] {
  return readChildren(bytes, v).map((desc) => {
    const methodTlv = expectTlv(bytes, desc.start, desc.end, Tag.oid, "access method");
    const oid = readOid(bytes, methodTlv);
    return { method: AccessMethodOids[oid] ?? oid, location: decodeGeneralName(bytes, readTlv(bytes, methodTlv.end, desc.end)) };
  });
}

function decodeCrlDistributionPoints(bytes: Uint8Array, v: Tlv): { fullName?: GeneralName[]; relativeName?: string; reasons?: string[]; crlIssuer?: GeneralName[] }[] {
  return readChildren(bytes, v).map((dp) => {
    const out: { fullName?: GeneralName[]; relativeName?: string; reasons?: string[]; crlIssuer?: GeneralName[] } = {};
    for (const item of readChildren(bytes, dp)) {
      if (item.tag === 0xa0) {
        const name = readTlv(bytes, item.start, item.end);
        if (name.tag === 0xa0) out.fullName = decodeGeneralNames(bytes, name);
        else if (name.tag === 0xa1) out.relativeName = decodeRdn(bytes, name, []);
      } else if (item.tag === 0x81) {
        out.reasons = readBits(bytes, { ...item, tag: Tag.bitString }, ["unused", ...CrlReasons.slice(1)]);
      } else if (item.tag === 0xa2) out.crlIssuer = decodeGeneralNames(bytes, item);
    }
    return out;
  });
}

function decodePolicies(bytes: Uint8Array, v: Tlv): { policy: string; name?: string; qualifiers: { type: string; value: string }[] }[] {
  return readChildren(bytes, v).map((info) => {
    const oidTlv = expectTlv(bytes, info.start, info.end, Tag.oid, "policy identifier");
    const policy = readOid(bytes, oidTlv);
    const qualifiers: { type: string; value: string }[] = [];
    if (oidTlv.end < info.end) {
      for (const q of readChildren(bytes, readTlv(bytes, oidTlv.end, info.end))) {
        const qOid = expectTlv(bytes, q.start, q.end, Tag.oid, "policy qualifier");
        const type = PolicyOids[readOid(bytes, qOid)] ?? readOid(bytes, qOid);
        const qValue = qOid.end < q.end ? readTlv(bytes, qOid.end, q.end) : undefined;
        let value = "";
        if (qValue) {
          // userNotice is a SEQUENCE { noticeRef?, explicitText? }: show the text.
          value = readString(bytes, qValue) ?? readChildren(bytes, qValue).map((c) => readString(bytes, c) ?? "").filter(Boolean).join(" ");
        }
        qualifiers.push({ type, value });
      }
    }
    const name = PolicyOids[policy];
    return name ? { policy, name, qualifiers } : { policy, qualifiers };
  });
}

function decodeNameConstraints(bytes: Uint8Array, v: Tlv): { permitted: GeneralName[]; excluded: GeneralName[] } {
  const out = { permitted: [] as GeneralName[], excluded: [] as GeneralName[] };
  for (const item of readChildren(bytes, v)) {
    // GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] DEFAULT 0, maximum [1] OPTIONAL }
    const names = readChildren(bytes, item).map((subtree) => decodeGeneralName(bytes, readTlv(bytes, subtree.start, subtree.end)));
    if (item.tag === 0xa0) out.permitted = names;
    else if (item.tag === 0xa1) out.excluded = names;
  }
  return out;
}

/** Decodes one extension value (the contents of extnValue) by OID; undefined when the OID is not one we decode. */
function decodeValue(bytes: Uint8Array, oid: string, v: Tlv, summary: ExtensionSummary): unknown {
  switch (oid) {
    case "2.5.29.17": {
      const names = decodeGeneralNames(bytes, v);
      summary.subjectAltNames = names;
      return names;
    }
    case "2.5.29.18":
      return decodeGeneralNames(bytes, v);
    case "2.5.29.15": {
      summary.keyUsage = readBits(bytes, v, KeyUsageBits);
      return summary.keyUsage;
    }
    case "2.5.29.37": {
      summary.extendedKeyUsage = readChildren(bytes, v).map((p) => {
        if (p.tag !== Tag.oid) throw badInput("extendedKeyUsage: expected an OID", p.offset);
        const pOid = readOid(bytes, p);
        return ExtendedKeyUsageOids[pOid] ?? pOid;
      });
      return summary.extendedKeyUsage;
    }
    case "2.5.29.19":
      summary.basicConstraints = decodeBasicConstraints(bytes, v);
      return summary.basicConstraints;
    case "2.5.29.14": {
      if (v.tag !== Tag.octetString) throw badInput("subjectKeyIdentifier: expected an OCTET STRING", v.offset);
      summary.subjectKeyIdentifier = toHex(bytes.subarray(v.start, v.end));
      return summary.subjectKeyIdentifier;
    }
    case "2.5.29.35": {
      const aki = decodeAki(bytes, v);
      if (aki.keyIdentifier !== undefined) summary.authorityKeyIdentifier = aki.keyIdentifier;
      return aki;
    }
    case "1.3.6.1.5.5.7.1.1":
    case "1.3.6.1.5.5.7.1.11":
      return decodeAccess(bytes, v);
    case "2.5.29.31":
    case "2.5.29.46":
      return decodeCrlDistributionPoints(bytes, v);
    case "2.5.29.32":
      return decodePolicies(bytes, v);
    case "2.5.29.30":
      return decodeNameConstraints(bytes, v);
    case "2.5.29.36": {
      const out: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number } = {};
      for (const item of readChildren(bytes, v)) {
        const n = readSmallInt(bytes, item);
        if (item.tag === 0x80) out.requireExplicitPolicy = n;
        else if (item.tag === 0x81) out.inhibitPolicyMapping = n;
      }
      return out;
    }
    case "2.5.29.54":
      return readSmallInt(bytes, v);
    case "2.5.29.20":
      return readIntegerHex(bytes, v);
    case "2.5.29.21":
      return CrlReasons[readSmallInt(bytes, v)] ?? String(readSmallInt(bytes, v));
    case "2.16.840.1.113730.1.13":
      return readString(bytes, v) ?? undefined;
    default:
      return undefined;
  }
}

/** Decodes `Extensions ::= SEQUENCE OF Extension`. `where` prefixes error messages ("certificate 2"). */
export function decodeExtensions(bytes: Uint8Array, seq: Tlv | undefined, where: string): ExtensionSummary {
  const summary: ExtensionSummary = { extensions: [], subjectAltNames: [], keyUsage: [], extendedKeyUsage: [], basicConstraints: null };
  if (!seq) return summary;
  if (seq.tag !== Tag.sequence) throw badInput(`${where}: extensions: expected a SEQUENCE`, seq.offset);
  for (const ext of readChildren(bytes, seq)) {
    if (ext.tag !== Tag.sequence) throw badInput(`${where}: extension: expected a SEQUENCE`, ext.offset);
    const oidTlv = expectTlv(bytes, ext.start, ext.end, Tag.oid, `${where}: extension id`);
    const oid = readOid(bytes, oidTlv);
    let next = readTlv(bytes, oidTlv.end, ext.end);
    let critical = false;
    if (next.tag === Tag.boolean) {
      critical = bytes[next.start] !== 0;
      next = readTlv(bytes, next.end, ext.end);
    }
    if (next.tag !== Tag.octetString) throw badInput(`${where}: extension ${oid}: value is not an OCTET STRING`, next.offset);
    const name = ExtensionOids[oid] ?? oid;
    let value: unknown;
    try {
      const inner = readTlv(bytes, next.start, next.end);
      if (inner.end !== next.end) throw badInput("trailing bytes", inner.end);
      value = decodeValue(bytes, oid, inner, summary);
    } catch (error) {
      if (error instanceof X509Error) {
        if (ExtensionOids[oid] !== undefined && decodesKnown.has(oid)) {
          throw new X509Error(error.code, `${where}: extension ${name}: ${error.message}`);
        }
        value = undefined;
      } else throw error;
    }
    if (value === undefined) {
      // Unknown (or undecoded) extension: its ASN.1 tree, offsets relative to the extension value.
      try {
        value = parseAsn1(bytes.subarray(next.start, next.end));
      } catch {
        value = toHex(bytes.subarray(next.start, next.end));
      }
    }
    summary.extensions.push({ oid, name, critical, value });
  }
  return summary;
}

/** OIDs whose value we decode ourselves: a malformed one is an error, not an opaque tree. */
const decodesKnown = new Set([
  "2.5.29.17", "2.5.29.18", "2.5.29.15", "2.5.29.37", "2.5.29.19", "2.5.29.14", "2.5.29.35", "1.3.6.1.5.5.7.1.1",
  "1.3.6.1.5.5.7.1.11", "2.5.29.31", "2.5.29.46", "2.5.29.32", "2.5.29.30", "2.5.29.36", "2.5.29.54", "2.5.29.20", "2.5.29.21",
]);
