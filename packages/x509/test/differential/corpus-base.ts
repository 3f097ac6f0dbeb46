/** Shared pieces of the generated corpus: the time, the keys, a root and a standard leaf spec. */
import { type CertSpec, type ExtensionSpec, type Key, type KeyKind, issue, makeKey, validity } from "./cert-builder.js";
import { attribute, cnName, int, name, printable, utf8 } from "./der.js";
import { Eku, Oid, aki, basicConstraints, extKeyUsage, generalNames, gn, keyUsage, ski } from "./extensions.js";

/** A certificate of the corpus (decode differential). */
export interface CorpusCert {
  id: string;
  group: string;
  der: Uint8Array;
}

/** A chain of the corpus (verify differential): OpenSSL's -untrusted and -CAfile. */
export interface CorpusChain {
  id: string;
  group: string;
  leaf: Uint8Array;
  untrusted: Uint8Array[];
  trusted: Uint8Array[];
  purpose: "client" | "server";
  at: Date;
  /** The leaf's private key, when the generator made it (lets a real TLS client present the chain). */
  leafKey?: import("node:crypto").KeyObject;
}

export interface Corpus {
  certs: CorpusCert[];
  chains: CorpusChain[];
}

/** A CA: its key, subject Name DER, certificate and the serial INTEGER it was issued with. */
export interface Ca {
  key: Key;
  subject: Uint8Array;
  der: Uint8Array;
  serial: Uint8Array;
}

let serialCounter = 0x1000;
/** A fresh positive serial INTEGER. */
export const nextSerial = () => int(BigInt(++serialCounter) * 0x10001n);

/** Keys are made once per kind and reused (generation is the slow part). */
export class Keys {
  private readonly cache = new Map<string, Key>();
  get(kind: KeyKind, slot = 0): Key {
    const id = `${kind}:${slot}`;
    let key = this.cache.get(id);
    if (!key) {
      key = makeKey(kind);
      this.cache.set(id, key);
    }
    return key;
  }
}

/** CA extensions: CA:TRUE (critical), keyCertSign+cRLSign (critical), SKI, and an AKI when issued by another. */
export function caExtensions(key: Key, issuerKey?: Key, pathLength?: number): ExtensionSpec[] {
  const out: ExtensionSpec[] = [
    { oid: Oid.basicConstraints, critical: true, value: basicConstraints(true, pathLength) },
    { oid: Oid.keyUsage, critical: true, value: keyUsage("keyCertSign", "cRLSign") },
    { oid: Oid.subjectKeyIdentifier, value: ski(key.keyId) },
  ];
  if (issuerKey) out.push({ oid: Oid.authorityKeyIdentifier, value: aki(issuerKey.keyId) });
  return out;
}

/** A CA certificate; self-signed when no issuer is given. */
export function makeCa(cn: string, key: Key, at: Date, options: { issuer?: Ca; pathLength?: number; extensions?: ExtensionSpec[]; subject?: Uint8Array; edit?: (spec: CertSpec) => void } = {}): Ca {
  const subject = options.subject ?? cnName(cn);
  const serial = nextSerial();
  const spec: CertSpec = {
    version: 2,
    serial,
    issuer: options.issuer?.subject ?? subject,
    ...validity(at, 30, 3650),
    subject,
    spki: key.spki,
    extensions: options.extensions ?? caExtensions(key, options.issuer?.key, options.pathLength),
  };
  options.edit?.(spec);
  return { key, subject, serial, der: issue(spec, options.issuer?.key ?? key) };
}

/** Leaf extensions for both TLS purposes, with a DNS and an IP SAN. */
export function leafExtensions(key: Key, issuerKey: Key): ExtensionSpec[] {
  return [
    { oid: Oid.basicConstraints, value: basicConstraints(false) },
    { oid: Oid.keyUsage, critical: true, value: keyUsage("digitalSignature", "keyEncipherment") },
    { oid: Oid.extKeyUsage, value: extKeyUsage(Eku.serverAuth, Eku.clientAuth) },
    { oid: Oid.subjectAltName, value: generalNames(gn.dns("leaf.diff.test"), gn.ip([127, 0, 0, 1])) },
    { oid: Oid.subjectKeyIdentifier, value: ski(key.keyId) },
    { oid: Oid.authorityKeyIdentifier, value: aki(issuerKey.keyId) },
  ];
}

/** A standard leaf spec issued by `issuer`, for mutations to edit. */
export function leafSpec(cn: string, key: Key, issuer: Ca, at: Date): CertSpec {
  return {
    version: 2,
    serial: nextSerial(),
    issuer: issuer.subject,
    ...validity(at),
    subject: name([attribute("2.5.4.6", printable("DE"))], [attribute("2.5.4.10", utf8("Differential"))], [attribute("2.5.4.3", utf8(cn))]),
    spki: key.spki,
    extensions: leafExtensions(key, issuer.key),
  };
}
