/**
 * parseCertificate: a DER certificate (RFC 5280 4.1) to the one ParsedCertificate, in one pass, no crypto.
 * Strict where OpenSSL 3.0's d2i_X509 is strict (structure, tags, INTEGER encodings, name value types),
 * lenient where it is lenient (any version number, unparseable times, malformed extension contents).
 */
import { type Tlv, Tag, expectTlv, readTlv } from "../asn1/der.js";
import { checkInteger, readBigInt, readIntegerHex, readTime } from "../asn1/values.js";
import { X509Error, X509ErrorCode, badInput } from "../decode/errors.js";
import { readAlgorithm } from "./algorithm-identifier.js";
import { signatureFitsKey } from "./algorithms.js";
import type { ParsedAuthorityKeyId } from "./extension-values.js";
import { readExtensions } from "./extensions.js";
import { decodeName } from "./name.js";
import { readPublicKey } from "./public-key.js";
import type { ByteRange, ParsedBasicConstraints, ParsedCertificate, ParsedExtension, ParsedGeneralName } from "./types.js";

const range = (tlv: Tlv): ByteRange => ({ start: tlv.offset, end: tlv.end });

/** The first extension with `oid` that decoded. */
function decodedOf<T>(extensions: readonly ParsedExtension[], oid: string): T | undefined {
  return extensions.find((e) => e.oid === oid)?.decoded as T | undefined;
}

function time(bytes: Uint8Array, tlv: Tlv, what: string, findings: string[]): Date {
  if (tlv.tag !== Tag.utcTime && tlv.tag !== Tag.generalizedTime) throw badInput(`${what}: expected UTCTime or GeneralizedTime`, tlv.offset);
  try {
    return readTime(bytes, tlv);
  } catch (error) {
    if (!(error instanceof X509Error)) throw error;
    findings.push(`${what}: ${error.message} (OpenSSL: "Bad time value")`);
    return new Date(Number.NaN);
  }
}

/**
 * Parses one DER certificate occupying exactly `der` (a view is kept, not a copy). Throws X509Error with one
 * line naming the field and byte when the structure is one OpenSSL refuses.
 */
export function parseCertificate(der: Uint8Array): ParsedCertificate {
  const cert = expectTlv(der, 0, der.length, Tag.sequence, "Certificate");
  if (cert.end !== der.length) throw badInput(`${der.length - cert.end} bytes after the certificate`, cert.end);
  const tbs = expectTlv(der, cert.start, cert.end, Tag.sequence, "TBSCertificate");
  const sigAlgTlv = readTlv(der, tbs.end, cert.end);
  const signatureAlgorithm = readAlgorithm(der, sigAlgTlv, "signatureAlgorithm");
  const sigValue = expectTlv(der, sigAlgTlv.end, cert.end, Tag.bitString, "signatureValue");
  if (sigValue.end !== cert.end) throw badInput("Certificate: unexpected element after the signature", sigValue.end);
  if (sigValue.length === 0) throw badInput("signatureValue: empty BIT STRING", sigValue.offset);

  let field = readTlv(der, tbs.start, tbs.end);
  let version = 1;
  let versionRange: ByteRange | undefined;
  if (field.tag === 0xa0) {
    // Any INTEGER: OpenSSL loads v4 and beyond, and prints "Version: Unknown (3)".
    const v = expectTlv(der, field.start, field.end, Tag.integer, "version");
    if (v.end !== field.end) throw badInput("version: unexpected element", v.end);
    const value = readBigInt(der, v);
    if (value > 1_000_000n || value < -1_000_000n) throw badInput("version: out of range", v.offset);
    version = Number(value) + 1;
    versionRange = range(field);
    field = readTlv(der, field.end, tbs.end);
  }
  if (field.tag !== Tag.integer) throw badInput("serialNumber: expected an INTEGER", field.offset);
  checkInteger(der, field);
  const serialTlv = field;
  const innerSig = readTlv(der, serialTlv.end, tbs.end);
  const innerSignatureAlgorithm = readAlgorithm(der, innerSig, "TBSCertificate signature");
  const issuerTlv = readTlv(der, innerSig.end, tbs.end);
  const issuerName = decodeName(der, issuerTlv);
  const validity = expectTlv(der, issuerTlv.end, tbs.end, Tag.sequence, "validity");
  const notBeforeTlv = readTlv(der, validity.start, validity.end);
  const notAfterTlv = readTlv(der, notBeforeTlv.end, validity.end);
  if (notAfterTlv.end !== validity.end) throw badInput("validity: unexpected element", notAfterTlv.end);
  const findings: string[] = [];
  const notBefore = time(der, notBeforeTlv, "notBefore", findings);
  const notAfter = time(der, notAfterTlv, "notAfter", findings);
  const subjectTlv = readTlv(der, validity.end, tbs.end);
  const subjectName = decodeName(der, subjectTlv);
  const spkiTlv = readTlv(der, subjectTlv.end, tbs.end);
  const publicKey = readPublicKey(der, spkiTlv);
  if (publicKey.malformed !== undefined) findings.push(`subjectPublicKeyInfo: ${publicKey.malformed}`);

  // [1] issuerUniqueID, [2] subjectUniqueID (IMPLICIT BIT STRING), [3] EXPLICIT Extensions, in this order.
  const ranges: ParsedCertificate["ranges"] = {
    tbs: range(tbs),
    serial: range(serialTlv),
    issuer: range(issuerTlv),
    validity: range(validity),
    notBefore: range(notBeforeTlv),
    notAfter: range(notAfterTlv),
    subject: range(subjectTlv),
    spki: range(spkiTlv),
    signatureValue: range(sigValue),
  };
  if (versionRange) ranges.version = versionRange;
  let extensionsTlv: Tlv | undefined;
  let last = 0;
  for (let pos = spkiTlv.end; pos < tbs.end; ) {
    const optional = readTlv(der, pos, tbs.end);
    const order = optional.tag === 0x81 || optional.tag === 0xa1 ? 1 : optional.tag === 0x82 || optional.tag === 0xa2 ? 2 : optional.tag === 0xa3 ? 3 : 0;
    if (order <= last) throw badInput(`TBSCertificate: unexpected element (tag 0x${optional.tag.toString(16)})`, optional.offset);
    last = order;
    if (order === 1) ranges.issuerUniqueId = range(optional);
    else if (order === 2) ranges.subjectUniqueId = range(optional);
    else {
      extensionsTlv = readTlv(der, optional.start, optional.end);
      if (extensionsTlv.end !== optional.end) throw badInput("extensions: unexpected element", extensionsTlv.end);
      ranges.extensions = range(optional);
    }
    pos = optional.end;
  }
  const { extensions, duplicates, unhandledCritical } = readExtensions(der, extensionsTlv);

  const aki = decodedOf<ParsedAuthorityKeyId>(extensions, "2.5.29.35");
  const keyUsage = decodedOf<string[]>(extensions, "2.5.29.15");
  const san = extensions.find((e) => e.oid === "2.5.29.17");
  const selfIssued = subjectName.key === issuerName.key;
  const parsed: ParsedCertificate = {
    kind: "certificate",
    der,
    tbs: der.subarray(tbs.offset, tbs.end),
    version,
    serial: readIntegerHex(der, serialTlv),
    innerSignatureAlgorithm,
    signatureAlgorithm,
    signatureOid: signatureAlgorithm.oid,
    signature: der.subarray(sigValue.start + 1, sigValue.end),
    subjectName,
    issuerName,
    subject: subjectName.text,
    issuer: issuerName.text,
    subjectKey: subjectName.key,
    issuerKey: issuerName.key,
    commonNames: subjectName.attributes.filter((a) => a.oid === "2.5.4.3").map((a) => a.value),
    notBefore,
    notAfter,
    publicKey,
    spki: publicKey.der,
    keyAlgorithm: publicKey.algorithm,
    keyBits: publicKey.bits,
    explicitEcParams: publicKey.explicitEcParams,
    extensions,
    duplicateExtensions: duplicates,
    unhandledCritical,
    basicConstraints: decodedOf<ParsedBasicConstraints>(extensions, "2.5.29.19") ?? null,
    keyUsage: keyUsage ? new Set(keyUsage) : null,
    extKeyUsage: decodedOf<string[]>(extensions, "2.5.29.37") ?? null,
    subjectAltNames: (san?.decoded as ParsedGeneralName[] | undefined) ?? [],
    hasSubjectAltName: san !== undefined,
    nameConstraints: decodedOf<{ permitted: ParsedGeneralName[]; excluded: ParsedGeneralName[] }>(extensions, "2.5.29.30") ?? null,
    selfIssued,
    selfSigned: false,
    findings,
    ranges,
  };
  if (signatureAlgorithm.params) parsed.signatureParams = signatureAlgorithm.params;
  if (publicKey.curve !== undefined) parsed.curve = publicKey.curve;
  const ski = decodedOf<string>(extensions, "2.5.29.14");
  if (ski !== undefined) parsed.subjectKeyId = ski;
  if (aki?.keyIdentifier !== undefined) parsed.authorityKeyId = aki.keyIdentifier;
  if (aki?.authorityCertIssuer !== undefined) parsed.authorityIssuer = aki.authorityCertIssuer;
  if (aki?.authorityCertSerialNumber !== undefined) parsed.authoritySerial = aki.authorityCertSerialNumber;
  if (version < 1 || version > 3) findings.push(`version field ${version - 1} is not one RFC 5280 defines (OpenSSL loads it and prints "Unknown (${version - 1})")`);
  parsed.selfSigned =
    selfIssued &&
    (parsed.authorityKeyId === undefined || parsed.subjectKeyId === undefined || parsed.authorityKeyId === parsed.subjectKeyId) &&
    signatureFitsKey(parsed.signatureOid, parsed.keyAlgorithm);
  return parsed;
}

/** parseCertificate with the error message prefixed by `where` ("trustAnchors (certificate 2): ..."). */
export function parseCertificateAt(der: Uint8Array, where: string): ParsedCertificate {
  try {
    return parseCertificate(der);
  } catch (error) {
    if (error instanceof X509Error) throw new X509Error(error.code, `${where}: ${error.message}`);
    throw new X509Error(X509ErrorCode.badInput, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True when two parsed certificates are the same DER. */
export function sameCertificate(a: ParsedCertificate, b: ParsedCertificate): boolean {
  if (a === b) return true;
  if (a.der.length !== b.der.length) return false;
  for (let i = 0; i < a.der.length; i++) if (a.der[i] !== b.der[i]) return false;
  return true;
}
