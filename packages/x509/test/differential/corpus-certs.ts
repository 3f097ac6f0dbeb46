/**
 * Single-field mutations of a generated certificate: names with odd string types, serials, times at the
 * UTCTime / GeneralizedTime edges, every extension malformed in each way, duplicates, version and structure
 * edits. Each is re-signed, so only the intended property changes.
 */
import type { CertSpec, ExtensionSpec } from "./cert-builder.js";
import {
  attribute, bmp, bool, cat, ctx, generalizedTime, ia5, int, latin1Bytes, name, nul, octets, oid, printable, seq, set, t61, tlv, universal, utcTime, utf8,
} from "./der.js";
import {
  Eku, Oid, aki, authorityInfoAccess, basicConstraints, certificatePolicies, crlDistributionPoints, extKeyUsage, generalNames, gn, inhibitAnyPolicy, issuerAltName,
  keyUsage, nameConstraints, policyConstraints, policyMappings, ski,
} from "./extensions.js";

/** One mutation: a name and an edit of the spec. */
export interface Mutation {
  id: string;
  group: string;
  edit: (spec: CertSpec) => void;
}

const CN = "2.5.4.3";
const O = "2.5.4.10";
const cnOnly = (value: Uint8Array) => name([attribute(O, utf8("Differential"))], [attribute(CN, value)]);

/** Subject Names with odd string types and characters that need escaping (RFC 4514 2.4). */
export const oddNames: [string, Uint8Array][] = [
  ["t61-latin1", cnOnly(t61("Caf\u00e9 cr\u00e8me"))],
  ["t61-ascii", cnOnly(t61("plain t61"))],
  ["bmp", cnOnly(bmp("Gr\u00fc\u00dfe BMP"))],
  ["bmp-surrogates", cnOnly(bmp("emoji \ud83d\ude00"))],
  ["bmp-odd-length", cnOnly(tlv(0x1e, Uint8Array.of(0, 0x41, 0)))],
  ["universal", cnOnly(universal("\u65e5\u672c \ud83d\ude00"))],
  ["universal-bad-length", cnOnly(tlv(0x1c, Uint8Array.of(0, 0, 0x41)))],
  ["ia5", cnOnly(ia5("ia5 name"))],
  ["ia5-high-byte", cnOnly(tlv(0x16, latin1Bytes("caf\u00e9")))],
  ["printable-bad-chars", cnOnly(printable("a@b*c_d"))],
  ["numeric", cnOnly(tlv(0x12, latin1Bytes("12 34")))],
  ["visible", cnOnly(tlv(0x1a, latin1Bytes("visible")))],
  ["general-string", cnOnly(tlv(0x1b, latin1Bytes("general")))],
  ["videotex", cnOnly(tlv(0x15, latin1Bytes("videotex")))],
  ["utf8-invalid", cnOnly(tlv(0x0c, Uint8Array.of(0x61, 0xff, 0x62)))],
  ["utf8-nul", cnOnly(tlv(0x0c, Uint8Array.of(0x61, 0x00, 0x62)))],
  ["utf8-control", cnOnly(utf8("a\u0001b\nc\u007f"))],
  ["utf8-nonbmp", cnOnly(utf8("\ud83d\udd12 lock"))],
  ["escapes", cnOnly(utf8('a,b+c"d\\e<f>g;h=i'))],
  ["leading-hash", cnOnly(utf8("#lab, test "))],
  ["hash-only", cnOnly(utf8("#"))],
  ["leading-space", cnOnly(utf8("  lead"))],
  ["trailing-spaces", cnOnly(utf8("trail  "))],
  ["only-spaces", cnOnly(utf8("   "))],
  ["empty-string", cnOnly(utf8(""))],
  ["empty-rdn-middle", name([attribute(O, utf8("Differential"))], [], [attribute(CN, utf8("after empty"))])],
  ["empty-rdn-only", seq(set())],
  ["empty-name", seq()],
  ["multi-valued", name([attribute(O, utf8("Differential"))], [attribute(CN, utf8("multi")), attribute("2.5.4.11", utf8("unit"))])],
  ["multi-valued-same-type", name([attribute("2.5.4.11", utf8("beta")), attribute("2.5.4.11", utf8("alpha"))], [attribute(CN, utf8("same"))])],
  ["unknown-attribute", name([attribute("1.3.6.1.4.1.55555.9", utf8("custom"))], [attribute(CN, utf8("unknown attr"))])],
  ["non-string-value", name([attribute("1.3.6.1.4.1.55555.9", int(1))], [attribute(CN, utf8("int attr"))])],
  ["email-attribute", name([attribute("1.2.840.113549.1.9.1", ia5("ops@diff.test"))], [attribute(CN, utf8("with email"))])],
  ["domain-components", name([attribute("0.9.2342.19200300.100.1.25", ia5("test"))], [attribute("0.9.2342.19200300.100.1.25", ia5("diff"))], [attribute(CN, utf8("dc"))])],
  ["country-three-letters", name([attribute("2.5.4.6", printable("DEU"))], [attribute(CN, utf8("country"))])],
  ["long-cn", cnOnly(utf8("x".repeat(300)))],
  ["serial-number-attr", name([attribute("2.5.4.5", printable("12345"))], [attribute(CN, utf8("serial attr"))])],
  ["equals-and-plus", cnOnly(utf8("a=b+c"))],
  ["rtl", cnOnly(utf8("\u05e9\u05dc\u05d5\u05dd"))],
  ["cn-not-sequence", cat(tlv(0x31, set(attribute(CN, utf8("set not seq")))))],
  ["attribute-missing-value", seq(set(seq(oid(CN))))],
];

/** Serial INTEGERs: negative, long, zero, non-minimal, empty (RFC 5280 4.1.2.2). */
export const oddSerials: [string, Uint8Array][] = [
  ["zero", int(0)],
  ["one", int(1)],
  ["minus-one", int(-1)],
  ["minus-128", int(-128)],
  ["minus-129", int(-129)],
  ["minus-7fff", int(-0x7fff)],
  ["0x80", int(0x80)],
  ["20-octets", int((1n << 158n) + 12345n)],
  ["21-octets", int((1n << 166n) + 1n)],
  ["40-octets", int((1n << 318n) + 7n)],
  ["negative-long", int(-((1n << 200n) + 99n))],
  ["non-minimal-zero", tlv(0x02, Uint8Array.of(0, 0))],
  ["non-minimal-positive", tlv(0x02, Uint8Array.of(0, 0x7f))],
  ["non-minimal-negative", tlv(0x02, Uint8Array.of(0xff, 0x80))],
  ["empty-integer", tlv(0x02, new Uint8Array())],
  ["not-integer", octets(Uint8Array.of(1))],
];

/** Validity times: RFC 5280 4.1.2.5 edges and malformed texts, as notAfter (and some as notBefore). */
export const oddTimes: [string, Uint8Array][] = [
  ["utc-1950", utcTime("500101000000Z")],
  ["utc-2049", utcTime("491231235959Z")],
  ["utc-2000", utcTime("000101000000Z")],
  ["utc-1999", utcTime("991231235959Z")],
  ["utc-no-seconds", utcTime("4912312359Z")],
  ["utc-offset", utcTime("491231235959+0100")],
  ["utc-no-z", utcTime("491231235959")],
  ["utc-fraction", utcTime("491231235959.5Z")],
  ["utc-month-13", utcTime("491301000000Z")],
  ["utc-feb-30", utcTime("490230000000Z")],
  ["utc-leap-day", utcTime("480229000000Z")],
  ["utc-not-leap", utcTime("490229000000Z")],
  ["utc-hour-24", utcTime("491231240000Z")],
  ["utc-second-60", utcTime("491231235960Z")],
  ["gen-2050", generalizedTime("20500101000000Z")],
  ["gen-0050", generalizedTime("00500101000000Z")],
  ["gen-0000", generalizedTime("00000101000000Z")],
  ["gen-0099", generalizedTime("00991231235959Z")],
  ["gen-9999", generalizedTime("99991231235959Z")],
  ["gen-1949", generalizedTime("19491231235959Z")],
  ["gen-2049", generalizedTime("20491231235959Z")],
  ["gen-fraction", generalizedTime("20500101000000.123Z")],
  ["gen-no-seconds", generalizedTime("205001010000Z")],
  ["gen-no-z", generalizedTime("20500101000000")],
  ["gen-offset", generalizedTime("20500101000000+0000")],
  ["gen-leap-2400", generalizedTime("24000229000000Z")],
  ["gen-not-leap-2100", generalizedTime("21000229000000Z")],
  ["gen-short", generalizedTime("2050")],
  ["wrong-tag", tlv(0x0c, latin1Bytes("20500101000000Z"))],
];

const goodValues: Record<string, Uint8Array> = {
  basicConstraints: basicConstraints(false),
  keyUsage: keyUsage("digitalSignature"),
  extKeyUsage: extKeyUsage(Eku.clientAuth, Eku.serverAuth),
  subjectAltName: generalNames(gn.dns("leaf.diff.test")),
  issuerAltName: issuerAltName("http://ca.diff.test/"),
  subjectKeyIdentifier: ski(Uint8Array.of(1, 2, 3, 4)),
  authorityKeyIdentifier: aki(Uint8Array.of(9, 9, 9, 9)),
  nameConstraints: nameConstraints([gn.dns("diff.test")]),
  crlDistributionPoints: crlDistributionPoints("http://crl.diff.test/ca.crl"),
  authorityInfoAccess: authorityInfoAccess("http://ocsp.diff.test"),
  certificatePolicies: certificatePolicies("2.23.140.1.2.1"),
  policyConstraints: policyConstraints(0),
  inhibitAnyPolicy: inhibitAnyPolicy(0),
  policyMappings: policyMappings("1.3.6.1.4.1.55555.1", "1.3.6.1.4.1.55555.2"),
  unknown: utf8("private"),
};

/** Generic malformations of any extension value. */
function genericMalformations(value: Uint8Array): [string, Uint8Array][] {
  const longForm = cat(Uint8Array.of(value[0]!, 0x81, value[1]!), value.subarray(2));
  return [
    ["empty", new Uint8Array()],
    ["truncated", value.subarray(0, value.length - 1)],
    ["trailing-data", cat(value, nul())],
    ["wrong-tag", cat(Uint8Array.of(value[0] === 0x30 ? 0x31 : 0x30), value.subarray(1))],
    ["null", nul()],
    ["long-form-length", value[1]! < 0x80 ? longForm : value],
  ];
}

/** Extension-specific malformations (what issue reports collect from real certificates). */
const specificMalformations: Record<string, [string, Uint8Array][]> = {
  basicConstraints: [
    ["pathlen-negative", basicConstraints(true, -1)],
    ["pathlen-huge", basicConstraints(true, 1n << 64n)],
    ["pathlen-2^31", basicConstraints(true, 1n << 31n)],
    ["explicit-false", seq(bool(false))],
    ["bool-not-der", seq(tlv(0x01, Uint8Array.of(0x01)))],
    ["pathlen-without-ca", basicConstraints(false, 0)],
    ["empty-sequence", seq()],
  ],
  keyUsage: [
    ["no-bits", tlv(0x03, Uint8Array.of(0))],
    ["unused-8", tlv(0x03, Uint8Array.of(8, 0x80))],
    ["all-zero", tlv(0x03, Uint8Array.of(0, 0))],
    ["bit-beyond-decipherOnly", tlv(0x03, Uint8Array.of(0, 0x80, 0x40))],
    ["non-minimal-unused", tlv(0x03, Uint8Array.of(0, 0x80))],
  ],
  extKeyUsage: [
    ["empty-sequence", seq()],
    ["not-an-oid", seq(utf8("clientAuth"))],
    ["any-eku", extKeyUsage(Eku.anyEku)],
  ],
  subjectAltName: [
    ["empty-sequence", seq()],
    ["ip-5-octets", generalNames(gn.ip([10, 0, 0, 1, 1]))],
    ["ip-empty", generalNames(gn.ip([]))],
    ["dns-nul", generalNames(ctx(2, false, Uint8Array.of(0x61, 0, 0x62)))],
    ["dns-high-byte", generalNames(ctx(2, false, Uint8Array.of(0x61, 0xe9)))],
    ["other-name", generalNames(gn.other("1.3.6.1.4.1.311.20.2.3", utf8("user@diff.test")))],
    ["dirname-bad", generalNames(ctx(4, true, utf8("not a name")))],
  ],
  subjectKeyIdentifier: [["not-octet-string", seq(octets(Uint8Array.of(1)))], ["empty-octets", octets(new Uint8Array())]],
  authorityKeyIdentifier: [
    ["not-sequence", octets(Uint8Array.of(1, 2))],
    ["issuer-and-serial", aki(undefined, generalNames(gn.dirName(name([attribute(CN, utf8("Other CA"))]))).subarray(2), int(99))],
    ["empty-keyid", aki(new Uint8Array())],
    ["empty-sequence", seq()],
  ],
  nameConstraints: [
    ["empty-sequence", seq()],
    ["minimum-1", nameConstraints([gn.dns("diff.test")], [], (base) => seq(base, ctx(0, false, Uint8Array.of(1))))],
    ["maximum", nameConstraints([gn.dns("diff.test")], [], (base) => seq(base, ctx(1, false, Uint8Array.of(2))))],
    ["ip-bad-length", nameConstraints([gn.ip([10, 0, 0, 0, 255, 0])])],
    ["other-name", nameConstraints([gn.other("1.3.6.1.4.1.311.20.2.3", utf8("@diff.test"))])],
  ],
  inhibitAnyPolicy: [
    ["truncated-integer", tlv(0x02, new Uint8Array())],
    ["negative", int(-1)],
    ["huge", int(1n << 70n)],
  ],
  certificatePolicies: [["empty-sequence", seq()], ["duplicate-policy", certificatePolicies("2.23.140.1.2.1", "2.23.140.1.2.1")]],
  policyConstraints: [["empty-sequence", seq()], ["negative", policyConstraints(-1)]],
  policyMappings: [["any-policy", policyMappings("2.5.29.32.0", "1.3.6.1.4.1.55555.2")], ["empty-sequence", seq()]],
  crlDistributionPoints: [["empty-sequence", seq()], ["empty-point", seq(seq())]],
  authorityInfoAccess: [["empty-sequence", seq()], ["method-only", seq(seq(oid("1.3.6.1.5.5.7.48.1")))]],
};

function setExtension(spec: CertSpec, extension: ExtensionSpec, duplicate = false): void {
  const list = spec.extensions ?? [];
  const index = list.findIndex((e) => e.oid === extension.oid);
  if (index >= 0 && !duplicate) list[index] = extension;
  else list.push(extension);
  spec.extensions = list;
}

/** Every extension malformed in each way, critical and not. */
export function extensionMutations(): Mutation[] {
  const out: Mutation[] = [];
  for (const [key, good] of Object.entries(goodValues)) {
    const extOid = Oid[key as keyof typeof Oid];
    const variants = [...genericMalformations(good), ...(specificMalformations[key] ?? [])];
    for (const [variant, value] of variants) {
      for (const critical of [false, true]) {
        out.push({ id: `ext-${key}-${variant}${critical ? "-critical" : ""}`, group: "malformed extension", edit: (spec) => setExtension(spec, { oid: extOid, critical, value }) });
      }
    }
    out.push({ id: `ext-${key}-duplicate`, group: "duplicate extension", edit: (spec) => {
      setExtension(spec, { oid: extOid, value: good });
      setExtension(spec, { oid: extOid, value: good }, true);
    } });
    out.push({ id: `ext-${key}-explicit-false`, group: "extension encoding", edit: (spec) => setExtension(spec, { oid: extOid, critical: "explicit-false", value: good }) });
  }
  return out;
}

/** Version, unique identifiers, signature algorithm and structure edits. */
export function structureMutations(otherSigAlg: Uint8Array): Mutation[] {
  const uid = (n: number) => ctx(n, false, Uint8Array.of(0, 0xab, 0xcd));
  return [
    { id: "version-v1-with-extensions", group: "version", edit: (s) => void (s.version = null) },
    { id: "version-explicit-v1", group: "version", edit: (s) => void (s.version = 0) },
    { id: "version-v2", group: "version", edit: (s) => void (s.version = 1) },
    { id: "version-v4", group: "version", edit: (s) => void (s.version = 3) },
    { id: "version-huge", group: "version", edit: (s) => void (s.version = 1000) },
    { id: "version-negative", group: "version", edit: (s) => void (s.version = -1) },
    { id: "v1-no-extensions", group: "version", edit: (s) => { s.version = null; s.extensions = []; } },
    { id: "v3-no-extensions", group: "version", edit: (s) => void (s.extensions = []) },
    { id: "v3-empty-extensions-list", group: "version", edit: (s) => void (s.rawExtensions = ctx(3, true, seq())) },
    { id: "unique-ids-v3", group: "unique identifiers", edit: (s) => { s.issuerUid = uid(1); s.subjectUid = uid(2); } },
    { id: "unique-ids-v1", group: "unique identifiers", edit: (s) => { s.version = null; s.extensions = []; s.issuerUid = uid(1); } },
    { id: "sigalg-mismatch", group: "signature algorithm", edit: (s) => void (s.outerSigAlg = otherSigAlg) },
    { id: "sigalg-unknown", group: "signature algorithm", edit: (s) => { s.tbsSigAlg = seq(oid("1.3.6.1.4.1.55555.3")); } },
    { id: "sigalg-md5-rsa", group: "signature algorithm", edit: (s) => { s.tbsSigAlg = seq(oid("1.2.840.113549.1.1.4"), nul()); } },
    { id: "sigalg-ecdsa-with-null", group: "signature algorithm", edit: (s) => { s.tbsSigAlg = seq(oid("1.2.840.10045.4.3.2"), nul()); } },
    { id: "bad-signature", group: "signature algorithm", edit: (s) => void (s.badSignature = true) },
    { id: "tbs-trailing-data", group: "structure", edit: (s) => void (s.tbsTrailing = nul()) },
    { id: "cert-trailing-data", group: "structure", edit: (s) => void (s.certTrailing = Uint8Array.of(0)) },
    { id: "extensions-not-explicit", group: "structure", edit: (s) => void (s.rawExtensions = seq(seq(oid(Oid.basicConstraints), octets(basicConstraints(false))))) },
    { id: "extension-value-not-octets", group: "structure", edit: (s) => void (s.rawExtensions = ctx(3, true, seq(seq(oid(Oid.basicConstraints), basicConstraints(false))))) },
    { id: "extension-oid-only", group: "structure", edit: (s) => void (s.rawExtensions = ctx(3, true, seq(seq(oid(Oid.unknown))))) },
    { id: "spki-unknown-algorithm", group: "key", edit: (s) => void (s.spki = seq(seq(oid("1.3.6.1.4.1.55555.4")), tlv(0x03, Uint8Array.of(0, 1, 2, 3)))) },
    { id: "spki-truncated-key", group: "key", edit: (s) => void (s.spki = seq(seq(oid("1.2.840.10045.2.1"), oid("1.2.840.10045.3.1.7")), tlv(0x03, Uint8Array.of(0, 4, 1, 2)))) },
    { id: "spki-rsa-garbage", group: "key", edit: (s) => void (s.spki = seq(seq(oid("1.2.840.113549.1.1.1"), nul()), tlv(0x03, Uint8Array.of(0, 0x30, 0)))) },
  ];
}

export const nameMutations = (): Mutation[] => oddNames.map(([id, value]) => ({ id: `subject-${id}`, group: "name string types", edit: (s) => void (s.subject = value) }));
export const serialMutations = (): Mutation[] => oddSerials.map(([id, value]) => ({ id: `serial-${id}`, group: "serial", edit: (s) => void (s.serial = value) }));
export function timeMutations(): Mutation[] {
  const out: Mutation[] = oddTimes.map(([id, value]) => ({ id: `notAfter-${id}`, group: "validity time", edit: (s) => void (s.notAfter = value) }));
  for (const [id, value] of oddTimes.filter(([id]) => /1950|1999|gen-0050|gen-0000|gen-1949|utc-2000|no-z|offset|fraction/.test(id))) {
    out.push({ id: `notBefore-${id}`, group: "validity time", edit: (s) => void (s.notBefore = value) });
  }
  return out;
}

/** SAN shapes the host check and name constraints read. */
export const sanMutations = (): Mutation[] =>
  (
    [
      ["ip-lengths", [gn.ip([1, 2, 3]), gn.ip([10, 0, 0, 1, 0, 0, 0, 0]), gn.ip(new Array(17).fill(1))]],
      ["ipv6", [gn.ip([0x20, 1, 0xd, 0xb8, ...new Array(11).fill(0), 1])]],
      ["wildcards", [gn.dns("*.diff.test"), gn.dns("a*.diff.test"), gn.dns("*")]],
      ["trailing-dot", [gn.dns("leaf.diff.test.")]],
      ["email-uri", [gn.email("ops@diff.test"), gn.uri("spiffe://diff.test/ns/a"), gn.uri("https://user@host.diff.test:8443/x")]],
      ["registered-id", [gn.registeredId("1.2.3.4")]],
      ["dirname", [gn.dirName(name([attribute(CN, utf8("dir"))]))]],
      ["uppercase", [gn.dns("LEAF.DIFF.TEST")]],
    ] as const
  ).map(([id, names]) => ({ id: `san-${id}`, group: "subject alt names", edit: (s: CertSpec) => setExtension(s, { oid: Oid.subjectAltName, value: generalNames(...names) }) }));

export { setExtension };
