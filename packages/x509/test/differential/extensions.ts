/** Extension values and GeneralNames (RFC 5280 4.2.1) as DER, for the corpus builder. */
import { bits, bool, ctx, ia5, int, oid, seq, tlv } from "./der.js";

export const Oid = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  issuerAltName: "2.5.29.18",
  basicConstraints: "2.5.29.19",
  nameConstraints: "2.5.29.30",
  crlDistributionPoints: "2.5.29.31",
  certificatePolicies: "2.5.29.32",
  policyMappings: "2.5.29.33",
  authorityKeyIdentifier: "2.5.29.35",
  policyConstraints: "2.5.29.36",
  extKeyUsage: "2.5.29.37",
  inhibitAnyPolicy: "2.5.29.54",
  authorityInfoAccess: "1.3.6.1.5.5.7.1.1",
  unknown: "1.3.6.1.4.1.55555.7.1",
} as const;

const text = (s: string) => new TextEncoder().encode(s);

/** GeneralName choices (RFC 5280 4.2.1.6), implicit tags. */
export const gn = {
  dns: (name: string) => ctx(2, false, text(name)),
  email: (name: string) => ctx(1, false, text(name)),
  uri: (name: string) => ctx(6, false, text(name)),
  ip: (bytes: readonly number[]) => ctx(7, false, Uint8Array.from(bytes)),
  dirName: (name: Uint8Array) => ctx(4, true, name),
  registeredId: (dotted: string) => ctx(8, false, oid(dotted).subarray(2)),
  /** otherName: type-id and [0] EXPLICIT value. */
  other: (typeId: string, value: Uint8Array) => ctx(0, true, oid(typeId), ctx(0, true, value)),
};

export const basicConstraints = (ca: boolean, pathLength?: number | bigint) => seq(ca ? bool(true) : new Uint8Array(), pathLength === undefined ? new Uint8Array() : int(pathLength));

export const KeyUsageBits = ["digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"] as const;

/** keyUsage BIT STRING with DER's minimal unused-bits count. */
export function keyUsage(...names: (typeof KeyUsageBits)[number][]): Uint8Array {
  const indexes = names.map((n) => KeyUsageBits.indexOf(n));
  const last = Math.max(...indexes, 0);
  const bytes = new Uint8Array(Math.floor(last / 8) + 1);
  for (const i of indexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
  return bits(bytes, 7 - (last % 8));
}

export const Eku = { serverAuth: "1.3.6.1.5.5.7.3.1", clientAuth: "1.3.6.1.5.5.7.3.2", emailProtection: "1.3.6.1.5.5.7.3.4", anyEku: "2.5.29.37.0" } as const;
export const extKeyUsage = (...oids: string[]) => seq(...oids.map(oid));
export const generalNames = (...names: Uint8Array[]) => seq(...names);
export const ski = (keyId: Uint8Array) => tlv(0x04, keyId);
export const aki = (keyId?: Uint8Array, issuer?: Uint8Array, serial?: Uint8Array) =>
  seq(keyId ? ctx(0, false, keyId) : new Uint8Array(), issuer ? ctx(1, true, issuer) : new Uint8Array(), serial ? tlv(0x82, serial.subarray(2)) : new Uint8Array());

/** NameConstraints with GeneralSubtrees of bare bases (no minimum/maximum). */
export function nameConstraints(permitted: Uint8Array[], excluded: Uint8Array[] = [], subtree = (base: Uint8Array) => seq(base)): Uint8Array {
  return seq(permitted.length ? ctx(0, true, ...permitted.map(subtree)) : new Uint8Array(), excluded.length ? ctx(1, true, ...excluded.map(subtree)) : new Uint8Array());
}

export const crlDistributionPoints = (uri: string) => seq(seq(ctx(0, true, ctx(0, true, gn.uri(uri)))));
export const authorityInfoAccess = (uri: string) => seq(seq(oid("1.3.6.1.5.5.7.48.1"), gn.uri(uri)), seq(oid("1.3.6.1.5.5.7.48.2"), gn.uri(`${uri}/ca.crt`)));
export const certificatePolicies = (...policies: string[]) => seq(...policies.map((p) => seq(oid(p))));
export const policyConstraints = (requireExplicit?: number, inhibitMapping?: number) =>
  seq(requireExplicit === undefined ? new Uint8Array() : ctx(0, false, int(requireExplicit).subarray(2)), inhibitMapping === undefined ? new Uint8Array() : ctx(1, false, int(inhibitMapping).subarray(2)));
export const inhibitAnyPolicy = (skip: number) => int(skip);
export const policyMappings = (from: string, to: string) => seq(seq(oid(from), oid(to)));
export const issuerAltName = (uri: string) => seq(gn.uri(uri));
export const ia5Value = ia5;
