/**
 * Parses a DER certificate into exactly what path building and RFC 5280 checks need, keeping the raw
 * TBS, signature and names (name chaining compares canonical names as OpenSSL's X509_NAME_cmp does).
 */
import { AttributeNames, CurveNames, EkuNames, ExtensionOid, HANDLED_CRITICAL, KeyOid, KeyUsageBits, SignatureAlgorithms } from "./oids.js";
import { DerError, bytesEqual, children, contents, encoded, hex, readOid, readString, readTime, readTlv, type Tlv } from "./der.js";

/** A SAN or name-constraint entry. */
export interface ParsedGeneralName {
  type: "dns" | "ip" | "email" | "uri" | "dirName" | "other";
  value: string;
  /** Raw bytes for IP addresses (and IP+mask in name constraints). */
  bytes?: Uint8Array;
}

/** A certificate as the verifier sees it. */
export interface ParsedCertificate {
  der: Uint8Array;
  tbs: Uint8Array;
  /** Signature algorithm OID of the outer certificate. */
  signatureOid: string;
  signatureParams?: Tlv;
  signature: Uint8Array;
  version: number;
  serial: string;
  /** RFC 4514 style, most specific first ("CN=client,O=Acme"). */
  subject: string;
  issuer: string;
  /** Canonical forms compared for name chaining. */
  subjectKey: string;
  issuerKey: string;
  commonNames: string[];
  notBefore: Date;
  notAfter: Date;
  spki: Uint8Array;
  keyAlgorithm: "RSA" | "RSA-PSS" | "EC" | "Ed25519" | "Ed448" | string;
  /** Modulus bits for RSA, curve bits for EC, 256 for Ed25519. */
  keyBits: number;
  curve?: string;
  basicConstraints: { ca: boolean; pathLength?: number } | null;
  keyUsage: Set<string> | null;
  extKeyUsage: string[] | null;
  subjectAltNames: ParsedGeneralName[];
  hasSubjectAltName: boolean;
  subjectKeyId?: string;
  authorityKeyId?: string;
  authoritySerial?: string;
  nameConstraints: { permitted: ParsedGeneralName[]; excluded: ParsedGeneralName[] } | null;
  /** Critical extensions OpenSSL does not handle (UNHANDLED_CRITICAL_EXTENSION). */
  unhandledCritical: string[];
  /** Subject and issuer names are equal. */
  selfIssued: boolean;
  /** Self-issued, AKI matches its own SKI and the signature algorithm fits its own key (OpenSSL's EXFLAG_SS). */
  selfSigned: boolean;
}

function canonicalName(name: Tlv): { key: string; text: string; cns: string[] } {
  const rdns: string[] = [];
  const parts: string[] = [];
  const cns: string[] = [];
  for (const set of children(name)) {
    const keys: string[] = [];
    const texts: string[] = [];
    for (const attribute of children(set)) {
      const [oidTlv, valueTlv] = children(attribute);
      if (!oidTlv || !valueTlv) throw new DerError("bad name attribute");
      const oid = readOid(oidTlv);
      const value = readString(valueTlv);
      // X509_NAME_cmp compares a canonical encoding: trimmed, inner whitespace collapsed, ASCII lowercased.
      keys.push(`${oid}=${value.trim().replace(/\s+/g, " ").toLowerCase()}`);
      texts.push(`${AttributeNames[oid] ?? oid}=${value.replace(/([,+"\\<>;])/g, "\\$1")}`);
      if (oid === "2.5.4.3") cns.push(value);
    }
    rdns.push(keys.sort().join("+"));
    parts.push(texts.join("+"));
  }
  return { key: rdns.join("/"), text: parts.reverse().join(","), cns };
}

function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  if (bytes.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16).toUpperCase());
    return groups.join(":");
  }
  return hex(bytes);
}

/** GeneralName (RFC 5280 4.2.1.6) by its context tag. */
export function parseGeneralName(tlv: Tlv): ParsedGeneralName {
  const number = tlv.tag & 0x1f;
  const body = contents(tlv);
  const text = () => new TextDecoder("latin1").decode(body);
  switch (number) {
    case 1:
      return { type: "email", value: text() };
    case 2:
      return { type: "dns", value: text() };
    case 4: {
      const inner = children(tlv)[0];
      return { type: "dirName", value: inner ? canonicalName(inner).text : "", bytes: inner ? encoded(inner) : undefined };
    }
    case 6:
      return { type: "uri", value: text() };
    case 7:
      return { type: "ip", value: formatIp(body), bytes: body };
    default:
      return { type: "other", value: hex(body) };
  }
}

function readBitString(tlv: Tlv): Uint8Array {
  if (tlv.tag !== 0x03) throw new DerError("expected a BIT STRING");
  return contents(tlv).subarray(1);
}

function keyInfo(spki: Tlv): { algorithm: string; bits: number; curve?: string } {
  const [algorithm, key] = children(spki);
  if (!algorithm || !key) throw new DerError("bad SubjectPublicKeyInfo");
  const [oidTlv, params] = children(algorithm);
  if (!oidTlv) throw new DerError("bad SubjectPublicKeyInfo algorithm");
  const oid = readOid(oidTlv);
  const keyBytes = readBitString(key);
  if (oid === KeyOid.rsa || oid === KeyOid.rsaPss) {
    const modulus = children(readTlv(keyBytes))[0];
    let body = modulus ? contents(modulus) : new Uint8Array();
    while (body.length > 0 && body[0] === 0) body = body.subarray(1);
    const top = body[0] ?? 0;
    return { algorithm: oid === KeyOid.rsa ? "RSA" : "RSA-PSS", bits: body.length * 8 - (Math.clz32(top) - 24) };
  }
  if (oid === KeyOid.ec) {
    const curveOid = params && params.tag === 0x06 ? readOid(params) : "";
    const curve = CurveNames[curveOid];
    return { algorithm: "EC", bits: curve?.bits ?? 0, curve: curve?.name ?? curveOid };
  }
  if (oid === KeyOid.ed25519) return { algorithm: "Ed25519", bits: 256 };
  if (oid === KeyOid.ed448) return { algorithm: "Ed448", bits: 456 };
  return { algorithm: oid, bits: 0 };
}

/** Parses one DER certificate. Throws DerError (with what and where) on malformed input. */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const top = readTlv(der);
  if (top.tag !== 0x30 || top.end !== der.length) throw new DerError("not a DER certificate (expected one SEQUENCE)");
  const [tbsTlv, sigAlgTlv, sigTlv] = children(top);
  if (!tbsTlv || !sigAlgTlv || !sigTlv || tbsTlv.tag !== 0x30) throw new DerError("not a certificate: expected tbsCertificate, signatureAlgorithm, signature");
  const fields = children(tbsTlv);
  let index = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const inner = children(fields[0])[0];
    version = (inner ? (contents(inner)[0] ?? 0) : 0) + 1;
    index = 1;
  }
  const [serialTlv, , issuerTlv, validityTlv, subjectTlv, spkiTlv] = fields.slice(index);
  if (!serialTlv || !issuerTlv || !validityTlv || !subjectTlv || !spkiTlv) throw new DerError("not a certificate: tbsCertificate is missing fields");
  const [notBeforeTlv, notAfterTlv] = children(validityTlv);
  if (!notBeforeTlv || !notAfterTlv) throw new DerError("bad validity");
  const [sigOidTlv, sigParams] = children(sigAlgTlv);
  if (!sigOidTlv) throw new DerError("bad signature algorithm");
  const subject = canonicalName(subjectTlv);
  const issuer = canonicalName(issuerTlv);
  const key = keyInfo(spkiTlv);
  let serial = hex(contents(serialTlv));
  while (serial.startsWith("00") && serial.length > 2) serial = serial.slice(2);

  const cert: ParsedCertificate = {
    der,
    tbs: encoded(tbsTlv),
    signatureOid: readOid(sigOidTlv),
    signatureParams: sigParams,
    signature: readBitString(sigTlv),
    version,
    serial,
    subject: subject.text,
    issuer: issuer.text,
    subjectKey: subject.key,
    issuerKey: issuer.key,
    commonNames: subject.cns,
    notBefore: readTime(notBeforeTlv),
    notAfter: readTime(notAfterTlv),
    spki: encoded(spkiTlv),
    keyAlgorithm: key.algorithm,
    keyBits: key.bits,
    curve: key.curve,
    basicConstraints: null,
    keyUsage: null,
    extKeyUsage: null,
    subjectAltNames: [],
    hasSubjectAltName: false,
    nameConstraints: null,
    unhandledCritical: [],
    selfIssued: subject.key === issuer.key,
    selfSigned: false,
  };
  const extensionsTlv = fields.find((f) => f.tag === 0xa3);
  const list = extensionsTlv ? children(extensionsTlv)[0] : undefined;
  for (const extension of list ? children(list) : []) readExtension(cert, extension);
  const sigFamily = SignatureAlgorithms[cert.signatureOid]?.key;
  const algMatches = sigFamily === cert.keyAlgorithm || (sigFamily === "RSA-PSS" && cert.keyAlgorithm === "RSA");
  cert.selfSigned = cert.selfIssued && (cert.authorityKeyId === undefined || cert.subjectKeyId === undefined || cert.authorityKeyId === cert.subjectKeyId) && algMatches;
  return cert;
}

function readExtension(cert: ParsedCertificate, extension: Tlv): void {
  const parts = children(extension);
  const oid = readOid(parts[0]!);
  const critical = parts[1]?.tag === 0x01 && contents(parts[1])[0] !== 0;
  const valueTlv = parts[parts.length - 1]!;
  const value = readTlv(contents(valueTlv));
  if (critical && !HANDLED_CRITICAL.has(oid)) cert.unhandledCritical.push(oid);
  switch (oid) {
    case ExtensionOid.basicConstraints: {
      const items = children(value);
      let ca = false;
      let pathLength: number | undefined;
      for (const item of items) {
        if (item.tag === 0x01) ca = contents(item)[0] !== 0;
        if (item.tag === 0x02) pathLength = contents(item).reduce((n, b) => n * 256 + b, 0);
      }
      cert.basicConstraints = pathLength === undefined ? { ca } : { ca, pathLength };
      break;
    }
    case ExtensionOid.keyUsage: {
      const bits = readBitString(value);
      cert.keyUsage = new Set(KeyUsageBits.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0));
      break;
    }
    case ExtensionOid.extKeyUsage:
      cert.extKeyUsage = children(value).map((o) => {
        const id = readOid(o);
        return EkuNames[id] ?? id;
      });
      break;
    case ExtensionOid.subjectAltName:
      cert.hasSubjectAltName = true;
      cert.subjectAltNames = children(value).map(parseGeneralName);
      break;
    case ExtensionOid.subjectKeyIdentifier:
      cert.subjectKeyId = hex(contents(value));
      break;
    case ExtensionOid.authorityKeyIdentifier:
      for (const item of children(value)) {
        if (item.tag === 0x80) cert.authorityKeyId = hex(contents(item));
        if (item.tag === 0x82) cert.authoritySerial = hex(contents(item)).replace(/^(00)+(?=..)/, "");
      }
      break;
    case ExtensionOid.nameConstraints: {
      const constraints = { permitted: [] as ParsedGeneralName[], excluded: [] as ParsedGeneralName[] };
      for (const subtrees of children(value)) {
        const target = subtrees.tag === 0xa0 ? constraints.permitted : constraints.excluded;
        for (const subtree of children(subtrees)) {
          const base = children(subtree)[0];
          if (base) target.push(parseGeneralName(base));
        }
      }
      cert.nameConstraints = constraints;
      break;
    }
    default:
      break;
  }
}

/** True when two parsed certificates are the same DER. */
export function sameCertificate(a: ParsedCertificate, b: ParsedCertificate): boolean {
  return a === b || bytesEqual(a.der, b.der);
}
