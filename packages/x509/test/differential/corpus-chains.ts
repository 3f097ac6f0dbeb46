/**
 * Chain scenarios for the verify differential: time edges, CA rights, anchors with odd extensions,
 * self-issued roots whose AKI names someone else, name constraints (incl. OpenSSL's work limit and
 * otherName), key types OpenSSL treats specially (DSA, P-192, explicit EC parameters) and
 * cross-signed intermediates.
 */
import { type CertSpec, type Key, issue, validity } from "./cert-builder.js";
import { type Ca, type CorpusChain, Keys, caExtensions, leafSpec, makeCa, nextSerial } from "./corpus-base.js";
import { sign } from "node:crypto";
import { attribute, cat, cnName, ctx, int, name, nul, oid, seq, tlv, time, utf8 } from "./der.js";
import { Eku, Oid, aki, basicConstraints, extKeyUsage, generalNames, gn, keyUsage, nameConstraints } from "./extensions.js";
import { setExtension } from "./corpus-certs.js";

const hexBytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((b) => Number.parseInt(b, 16)));
/** P-256 domain parameters (SEC 2 2.4.2), for a SubjectPublicKeyInfo with explicit ECParameters. */
const P256 = {
  p: "00ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
  a: "ffffffff00000001000000000000000000000000fffffffffffffffffffffffc",
  b: "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b",
  g: "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c2964fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5",
  n: "00ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
};

/** The P-256 key's SPKI rewritten with explicit curve parameters (RFC 3279 2.3.5 ECParameters). */
export function explicitSpki(key: Key): Uint8Array {
  const point = key.spki.subarray(key.spki.length - 65);
  const params = seq(int(1), seq(oid("1.2.840.10045.1.1"), tlv(0x02, hexBytes(P256.p))), seq(tlv(0x04, hexBytes(P256.a)), tlv(0x04, hexBytes(P256.b))), tlv(0x04, hexBytes(P256.g)), tlv(0x02, hexBytes(P256.n)), int(1));
  return seq(seq(oid("1.2.840.10045.2.1"), params), tlv(0x03, cat(Uint8Array.of(0), point)));
}

interface Builder {
  chains: CorpusChain[];
  add(id: string, group: string, leaf: Uint8Array, untrusted: Uint8Array[], trusted: Uint8Array[], options?: { purpose?: "client" | "server"; at?: Date }): void;
  leaf(cn: string, issuer: Ca, edit?: (spec: CertSpec) => void, key?: Key): Uint8Array;
}

function builder(keys: Keys, at: Date): Builder {
  const chains: CorpusChain[] = [];
  const leafKeys = new Map<Uint8Array, Key>();
  return {
    chains,
    add(id, group, leaf, untrusted, trusted, options = {}) {
      const chain: CorpusChain = { id, group, leaf, untrusted, trusted, purpose: options.purpose ?? "client", at: options.at ?? at };
      const key = leafKeys.get(leaf);
      if (key) chain.leafKey = key.privateKey;
      chains.push(chain);
    },
    leaf(cn, issuer, edit, key = keys.get("p256", 9)) {
      const spec = leafSpec(cn, key, issuer, at);
      edit?.(spec);
      const der = issue(spec, issuer.key);
      leafKeys.set(der, key);
      return der;
    },
  };
}

/** Every scenario chain, around the verification time `at` (whole seconds). */
export function scenarioChains(keys: Keys, at: Date): CorpusChain[] {
  const b = builder(keys, at);
  const root = makeCa("Scenario Root", keys.get("p256", 1), at);
  const other = makeCa("Other Root", keys.get("p256", 2), at);
  const mid = makeCa("Scenario Intermediate", keys.get("p256", 3), at, { issuer: root });
  const leaf = b.leaf("scenario leaf", mid);
  // Path building: what the peer sends and in which order.
  b.add("valid-3-level", "path", leaf, [mid.der], [root.der]);
  b.add("valid-server", "path", leaf, [mid.der], [root.der], { purpose: "server" });
  b.add("missing-intermediate", "path", leaf, [], [root.der]);
  b.add("wrong-root", "path", leaf, [mid.der], [other.der]);
  b.add("root-also-untrusted", "path", leaf, [mid.der, root.der], [root.der]);
  b.add("extras-and-duplicates", "path", leaf, [other.der, mid.der, mid.der, leaf], [root.der, other.der]);
  b.add("only-untrusted-root", "path", leaf, [mid.der, root.der], [other.der]);
  b.add("intermediate-trusted-only", "path", leaf, [], [mid.der]);
  b.add("root-as-leaf", "path", root.der, [], [root.der]);
  b.add("self-signed-leaf", "path", other.der, [], [root.der]);
  const selfLeaf = makeCa("self leaf", keys.get("p256", 9), at, { extensions: [] });
  b.add("self-signed-v3-no-ext-trusted", "path", selfLeaf.der, [], [selfLeaf.der]);
  b.add("self-signed-v3-no-ext-untrusted", "path", selfLeaf.der, [], [root.der]);

  // Times: exactly at notAfter is expired (x509_vfy.c check_cert_time: X509_cmp_time(notAfter) < 0 fails only
  // when notAfter is before the time; ASN1_TIME compare counts equal as "not before").
  const exact = new Date(Math.floor(at.getTime() / 1000) * 1000);
  const timed = (cn: string, field: "notBefore" | "notAfter") => b.leaf(cn, mid, (s) => void (s[field] = time(exact)));
  const endsNow = timed("ends at", "notAfter");
  const startsNow = timed("starts at", "notBefore");
  for (const [label, delta] of [["minus-1s", -1000], ["exact", 0], ["plus-1s", 1000]] as const) {
    b.add(`leaf-notAfter-${label}`, "time edge", endsNow, [mid.der], [root.der], { at: new Date(exact.getTime() + delta) });
    b.add(`leaf-notBefore-${label}`, "time edge", startsNow, [mid.der], [root.der], { at: new Date(exact.getTime() + delta) });
  }
  const expiredInt = makeCa("Scenario Intermediate", keys.get("p256", 3), at, { issuer: root, edit: (s) => Object.assign(s, validity(at, 60, -10)) });
  const expiredRoot = makeCa("Scenario Root", keys.get("p256", 1), at, { edit: (s) => Object.assign(s, validity(at, 60, -10)) });
  const futureRoot = makeCa("Scenario Root", keys.get("p256", 1), at, { edit: (s) => Object.assign(s, validity(at, -5, 30)) });
  b.add("expired-intermediate", "time edge", leaf, [expiredInt.der], [root.der]);
  b.add("expired-root", "time edge", leaf, [mid.der], [expiredRoot.der]);
  b.add("not-yet-valid-root", "time edge", leaf, [mid.der], [futureRoot.der]);
  b.add("expired-and-valid-intermediate", "time edge", leaf, [expiredInt.der, mid.der], [root.der]);
  b.add("expired-and-valid-root", "time edge", leaf, [mid.der], [expiredRoot.der, root.der]);

  // CA rights.
  const caWith = (cn: string, edit: (s: CertSpec) => void, issuer: Ca = root) => makeCa(cn, keys.get("p256", 4), at, { issuer, edit });
  const rights: [string, (s: CertSpec) => void][] = [
    ["ca-false", (s) => setExtension(s, { oid: Oid.basicConstraints, critical: true, value: basicConstraints(false) })],
    ["no-basic-constraints", (s) => void (s.extensions = s.extensions!.filter((e) => e.oid !== Oid.basicConstraints))],
    ["no-key-usage", (s) => void (s.extensions = s.extensions!.filter((e) => e.oid !== Oid.keyUsage))],
    ["v1", (s) => { s.version = null; s.extensions = []; }],
    ["ku-without-certsign", (s) => setExtension(s, { oid: Oid.keyUsage, critical: true, value: keyUsage("digitalSignature", "cRLSign") })],
    ["eku-server-only", (s) => setExtension(s, { oid: Oid.extKeyUsage, value: extKeyUsage(Eku.serverAuth) })],
    ["eku-client", (s) => setExtension(s, { oid: Oid.extKeyUsage, value: extKeyUsage(Eku.clientAuth) })],
    ["eku-any", (s) => setExtension(s, { oid: Oid.extKeyUsage, value: extKeyUsage(Eku.anyEku) })],
    ["pathlen-0", (s) => setExtension(s, { oid: Oid.basicConstraints, critical: true, value: basicConstraints(true, 0) })],
    ["unknown-critical", (s) => setExtension(s, { oid: Oid.unknown, critical: true, value: utf8("x") })],
    ["unknown-critical-empty", (s) => setExtension(s, { oid: Oid.unknown, critical: true, value: new Uint8Array() })],
    ["no-aki", (s) => void (s.extensions = s.extensions!.filter((e) => e.oid !== Oid.authorityKeyIdentifier))],
    ["bc-not-critical", (s) => setExtension(s, { oid: Oid.basicConstraints, value: basicConstraints(true) })],
    ["ku-keyagreement-only", (s) => setExtension(s, { oid: Oid.keyUsage, critical: true, value: keyUsage("keyAgreement") })],
    ["ku-certsign-only", (s) => setExtension(s, { oid: Oid.keyUsage, critical: true, value: keyUsage("keyCertSign") })],
    ["eku-email-only", (s) => setExtension(s, { oid: Oid.extKeyUsage, value: extKeyUsage(Eku.emailProtection) })],
    ["eku-ns-sgc", (s) => setExtension(s, { oid: Oid.extKeyUsage, value: extKeyUsage("2.16.840.1.113730.4.1") })],
    ["ca-false-with-certsign", (s) => setExtension(s, { oid: Oid.basicConstraints, critical: true, value: basicConstraints(false) })],
    ["pathlen-1", (s) => setExtension(s, { oid: Oid.basicConstraints, critical: true, value: basicConstraints(true, 1) })],
    ["version-v2", (s) => void (s.version = 1)],
    ["ns-cert-type-ssl-ca", (s) => { s.extensions = s.extensions!.filter((e) => e.oid !== Oid.basicConstraints && e.oid !== Oid.keyUsage); setExtension(s, { oid: "2.16.840.1.113730.1.1", value: tlv(0x03, Uint8Array.of(0, 0x04)) }); }],
    ["ns-cert-type-client", (s) => setExtension(s, { oid: "2.16.840.1.113730.1.1", value: tlv(0x03, Uint8Array.of(7, 0x80)) })],
  ];
  for (const [id, edit] of rights) {
    const ca = caWith("Rights Intermediate", edit);
    const under = b.leaf("rights leaf", ca);
    b.add(`intermediate-${id}`, "CA rights", under, [ca.der], [root.der]);
    b.add(`intermediate-${id}-server`, "CA rights", under, [ca.der], [root.der], { purpose: "server" });
    const sub = makeCa("Rights Sub", keys.get("p256", 5), at, { issuer: ca });
    b.add(`intermediate-${id}-two-levels`, "CA rights", b.leaf("rights sub leaf", sub), [sub.der, ca.der], [root.der]);
    const anchor = makeCa("Rights Root", keys.get("p256", 6), at, { edit });
    b.add(`anchor-${id}`, "CA rights", b.leaf("anchored leaf", anchor), [], [anchor.der]);
    b.add(`unrelated-anchor-${id}`, "CA rights", leaf, [mid.der], [root.der, anchor.der]);
  }
  for (const [id, edit] of rights) {
    b.add(`leaf-${id}`, "CA rights", b.leaf(`leaf ${id}`, mid, edit), [mid.der], [root.der]);
    b.add(`leaf-${id}-server`, "CA rights", b.leaf(`leaf ${id}`, mid, edit), [mid.der], [root.der], { purpose: "server" });
  }

  // A key rollover: a self-issued intermediate (same name, new key) does not count toward pathLen (RFC 5280 6.1.4 (l)).
  const pl0 = makeCa("Rollover CA", keys.get("p256", 22), at, { issuer: root, pathLength: 0 });
  const rolled = makeCa("Rollover CA", keys.get("p256", 23), at, { issuer: pl0 });
  b.add("pathlen-0-self-issued-rollover", "CA rights", b.leaf("rollover leaf", rolled), [rolled.der, pl0.der], [root.der]);
  const below = makeCa("Below Rollover", keys.get("p256", 24), at, { issuer: rolled });
  b.add("pathlen-0-rollover-then-ca", "CA rights", b.leaf("below rollover leaf", below), [below.der, rolled.der, pl0.der], [root.der]);

  // Self-issued roots whose AKI does not name themselves (OpenSSL: not self-signed, keeps looking).
  const akiRoots: [string, Uint8Array][] = [
    ["issuer-serial-other", aki(keys.get("p256", 7).keyId, generalNames(gn.dirName(cnName("Somebody Else"))).subarray(2), int(99))],
    ["serial-other", aki(undefined, generalNames(gn.dirName(cnName("AKI Root"))).subarray(2), int(12345))],
    ["keyid-other", aki(Uint8Array.of(1, 2, 3, 4, 5))],
  ];
  for (const [id, value] of akiRoots) {
    const odd = makeCa("AKI Root", keys.get("p256", 7), at, { edit: (s) => setExtension(s, { oid: Oid.authorityKeyIdentifier, value }) });
    b.add(`self-issued-aki-${id}`, "self-issued root AKI", b.leaf("aki leaf", odd), [], [odd.der]);
  }
  const selfSerial = makeCa("AKI Self Root", keys.get("p256", 7), at, { edit: (s) => setExtension(s, { oid: Oid.authorityKeyIdentifier, value: aki(undefined, generalNames(gn.dirName(cnName("AKI Self Root"))).subarray(2), s.serial) }) });
  b.add("self-issued-aki-serial-self", "self-issued root AKI", b.leaf("aki self leaf", selfSerial), [], [selfSerial.der]);

  nameConstraintChains(b, keys, at, root);
  keyChains(b, keys, at);
  crossSignedChains(b, keys, at);
  return b.chains;
}

function nameConstraintChains(b: Builder, keys: Keys, at: Date, root: Ca): void {
  const ncCa = (id: string, value: Uint8Array, critical = true) => makeCa(`NC ${id}`, keys.get("p256", 8), at, { issuer: root, extensions: [...caExtensions(keys.get("p256", 8), root.key), { oid: Oid.nameConstraints, critical, value }] });
  const withSan = (...names: Uint8Array[]) => (s: CertSpec) => setExtension(s, { oid: Oid.subjectAltName, value: generalNames(...names) });
  const noSan = (s: CertSpec) => void (s.extensions = s.extensions!.filter((e) => e.oid !== Oid.subjectAltName));
  const cases: [string, Uint8Array, [string, (s: CertSpec) => void][]][] = [
    ["dns", nameConstraints([gn.dns("diff.test")]), [["inside", withSan(gn.dns("a.diff.test"))], ["outside", withSan(gn.dns("evil.test"))], ["suffix-trick", withSan(gn.dns("xdiff.test"))], ["cn-fallback-out", noSan], ["cn-fallback-in", (s) => { noSan(s); s.subject = cnName("host.diff.test"); }]]],
    ["dns-dot", nameConstraints([gn.dns(".diff.test")]), [["apex", withSan(gn.dns("diff.test"))], ["sub", withSan(gn.dns("a.diff.test"))]]],
    ["dns-excluded", nameConstraints([], [gn.dns("bad.test")]), [["hit", withSan(gn.dns("x.bad.test"))], ["miss", withSan(gn.dns("good.test"))]]],
    ["ip", nameConstraints([gn.ip([10, 0, 0, 0, 255, 0, 0, 0])]), [["inside", withSan(gn.ip([10, 1, 2, 3]))], ["outside", withSan(gn.ip([11, 1, 2, 3]))], ["invalid-ip-san", withSan(gn.ip([10, 1, 2, 3, 4]))], ["ipv6-san", withSan(gn.ip(new Array(16).fill(0)))]]],
    ["ip-bad-length", nameConstraints([gn.ip([10, 0, 0, 0, 255, 0])]), [["v4", withSan(gn.ip([10, 1, 2, 3]))], ["dns-only", withSan(gn.dns("a.diff.test"))]]],
    ["email", nameConstraints([gn.email("diff.test")]), [["inside", withSan(gn.email("a@diff.test"))], ["outside", withSan(gn.email("a@evil.test"))], ["subject-email", (s) => { s.subject = name([attribute("1.2.840.113549.1.9.1", tlv(0x16, new TextEncoder().encode("x@evil.test")))], [attribute("2.5.4.3", utf8("mail"))]); }]]],
    ["uri", nameConstraints([gn.uri(".diff.test")]), [["inside", withSan(gn.uri("https://a.diff.test/x"))], ["outside", withSan(gn.uri("https://evil.test/"))], ["no-host", withSan(gn.uri("urn:x:y"))]]],
    ["dirname", nameConstraints([gn.dirName(name([attribute("2.5.4.10", utf8("Differential"))]))]), [["inside", () => undefined], ["outside", (s) => void (s.subject = name([attribute("2.5.4.10", utf8("Evil"))], [attribute("2.5.4.3", utf8("x"))]))]]],
    ["othername", nameConstraints([gn.other("1.3.6.1.4.1.311.20.2.3", utf8("@diff.test"))]), [["with-upn", withSan(gn.dns("a.diff.test"), gn.other("1.3.6.1.4.1.311.20.2.3", utf8("u@diff.test")))], ["without-upn", withSan(gn.dns("a.diff.test"))], ["other-type", withSan(gn.other("1.3.6.1.4.1.55555.5", utf8("z")))]]],
    ["minmax", nameConstraints([gn.dns("diff.test")], [], (base) => seq(base, ctx(0, false, Uint8Array.of(1)))), [["dns", withSan(gn.dns("a.diff.test"))]]],
    ["registered-id", nameConstraints([gn.registeredId("1.2.3")]), [["with-rid", withSan(gn.registeredId("1.2.3.4"))], ["dns", withSan(gn.dns("a.diff.test"))]]],
  ];
  for (const [caId, value, leaves] of cases) {
    const ca = ncCa(caId, value);
    for (const [leafId, edit] of leaves) b.add(`nc-${caId}-${leafId}`, "name constraints", b.leaf(`nc ${leafId}`, ca, edit), [ca.der], [root.der], { purpose: "server" });
  }
  const dnsCa = ncCa("dns-noncritical", nameConstraints([gn.dns("diff.test")]), false);
  b.add("nc-noncritical-outside", "name constraints", b.leaf("nc nc", dnsCa, withSan(gn.dns("evil.test"))), [dnsCa.der], [root.der]);
  // OpenSSL's work limit (v3_ncons.c NAME_CHECK_MAX, 1 << 20): names x constraints past it fail as "unspecified".
  for (const [id, names, constraints] of [["under-limit", 1000, 1000], ["over-limit", 1030, 1030]] as const) {
    const ca = ncCa(`product ${id}`, nameConstraints(Array.from({ length: constraints }, (_, i) => gn.dns(`c${i}.diff.test`))));
    const leaf = b.leaf(`product ${id}`, ca, withSan(...Array.from({ length: names }, (_, i) => gn.dns(`n${i}.c${i}.diff.test`))));
    b.add(`nc-product-${id}`, "name constraints", leaf, [ca.der], [root.der], { purpose: "server" });
  }
}

function keyChains(b: Builder, keys: Keys, at: Date): void {
  for (const kind of ["dsa", "p192", "p224", "p384", "p521", "secp256k1", "rsa1024", "rsa2048", "rsaPss", "ed25519", "ed448"] as const) {
    const ca = makeCa(`Key Root ${kind}`, keys.get(kind), at);
    b.add(`root-key-${kind}`, "key types", b.leaf(`under ${kind}`, ca), [], [ca.der]);
    const rootP = makeCa("Key Leaf Root", keys.get("p256", 1), at);
    b.add(`leaf-key-${kind}`, "key types", b.leaf(`leaf ${kind}`, rootP, undefined, keys.get(kind, 1)), [], [rootP.der]);
  }
  // Digests WebCrypto lacks (MD5, SHA-224) and SHA-1, which OpenSSL 3.0 still checks at security level 0.
  for (const [id, kind, hash, sigOid, withNull] of [
    ["md5-rsa", "rsa2048", "md5", "1.2.840.113549.1.1.4", true],
    ["sha1-rsa", "rsa2048", "sha1", "1.2.840.113549.1.1.5", true],
    ["sha224-rsa", "rsa2048", "sha224", "1.2.840.113549.1.1.14", true],
    ["sha224-ecdsa", "p256", "sha224", "1.2.840.10045.4.3.1", false],
    ["sha1-ecdsa", "p256", "sha1", "1.2.840.10045.4.3.1".replace("4.3.1", "4.1"), false],
    ["sha1-dsa", "dsa", "sha1", "1.2.840.10040.4.3", false],
  ] as const) {
    const key = keys.get(kind, 30);
    const ca = makeCa(`Digest Root ${id}`, key, at);
    const signer: Key = { ...key, sigAlg: seq(oid(sigOid), ...(withNull ? [nul()] : [])), sign: (tbs) => new Uint8Array(sign(hash, tbs, key.privateKey)) };
    b.add(`digest-${id}`, "key types", b.leaf(`digest ${id}`, { ...ca, key: signer }), [], [ca.der]);
  }
  // RSA key signing with RSA-PSS parameters, and explicit EC parameters at each position.
  const explicitKey = keys.get("p256", 10);
  const root = makeCa("Explicit Root", explicitKey, at, { edit: (s) => void (s.spki = explicitSpki(explicitKey)) });
  b.add("explicit-params-root", "key types", b.leaf("explicit root leaf", root), [], [root.der]);
  const normalRoot = makeCa("Normal Root", keys.get("p256", 11), at);
  const mid = makeCa("Explicit Intermediate", explicitKey, at, { issuer: normalRoot, edit: (s) => void (s.spki = explicitSpki(explicitKey)) });
  b.add("explicit-params-intermediate", "key types", b.leaf("explicit int leaf", mid), [mid.der], [normalRoot.der]);
  b.add("explicit-params-leaf", "key types", b.leaf("explicit leaf", normalRoot, (s) => void (s.spki = explicitSpki(keys.get("p256", 9))), keys.get("p256", 9)), [], [normalRoot.der]);
}

function crossSignedChains(b: Builder, keys: Keys, at: Date): void {
  const a = makeCa("Cross Root A", keys.get("p256", 12), at);
  const bRoot = makeCa("Cross Root B", keys.get("p256", 13), at);
  const intKey = keys.get("p256", 14);
  const byB = makeCa("Cross Intermediate", intKey, at, { issuer: bRoot });
  const byA = makeCa("Cross Intermediate", intKey, at, { issuer: a });
  const byAExpired = makeCa("Cross Intermediate", intKey, at, { issuer: a, edit: (s) => Object.assign(s, validity(at, 60, -1)) });
  const leaf = b.leaf("cross leaf", byB);
  b.add("cross-b-first", "cross-signed", leaf, [byB.der, bRoot.der, byA.der], [a.der]);
  b.add("cross-a-first", "cross-signed", leaf, [byA.der, byB.der, bRoot.der], [a.der]);
  b.add("cross-only-b-path", "cross-signed", leaf, [byB.der, bRoot.der], [a.der]);
  b.add("cross-a-expired", "cross-signed", leaf, [byAExpired.der, byB.der], [a.der]);
  b.add("cross-both-roots", "cross-signed", leaf, [byB.der, byA.der], [a.der, bRoot.der]);
  b.add("cross-intermediate-trusted", "cross-signed", leaf, [byB.der], [byA.der, a.der]);
  // A newer root X1, cross-signed by an old root whose cross certificate expired (the Let's Encrypt shape).
  const old = makeCa("Old Root", keys.get("p256", 15), at);
  const x1 = makeCa("New Root X1", keys.get("p256", 16), at);
  const x1Cross = makeCa("New Root X1", keys.get("p256", 16), at, { issuer: old, edit: (s) => Object.assign(s, validity(at, 900, -3)) });
  const r3 = makeCa("Issuing R3", keys.get("p256", 17), at, { issuer: x1 });
  const r3Leaf = b.leaf("le leaf", r3);
  b.add("le-new-client", "cross-signed", r3Leaf, [r3.der, x1Cross.der], [x1.der]);
  b.add("le-old-client", "cross-signed", r3Leaf, [r3.der, x1Cross.der], [old.der]);
  b.add("le-both", "cross-signed", r3Leaf, [r3.der, x1Cross.der], [old.der, x1.der]);
  // Two CAs that sign each other, no root: a loop.
  const loopA = makeCa("Loop A", keys.get("p256", 18), at, { issuer: { key: keys.get("p256", 19), subject: cnName("Loop B"), der: new Uint8Array(), serial: nextSerial() } });
  const loopB = makeCa("Loop B", keys.get("p256", 19), at, { issuer: { key: keys.get("p256", 18), subject: cnName("Loop A"), der: new Uint8Array(), serial: nextSerial() } });
  b.add("loop", "cross-signed", b.leaf("loop leaf", loopA), [loopA.der, loopB.der], [a.der]);
  // A long chain (depth 12).
  let top = a;
  const ints: Uint8Array[] = [];
  for (let i = 0; i < 12; i++) {
    top = makeCa(`Depth ${i}`, keys.get("p256", 20 + (i % 2)), at, { issuer: top });
    ints.unshift(top.der);
  }
  b.add("depth-12", "path", b.leaf("deep leaf", top), ints, [a.der]);
}
