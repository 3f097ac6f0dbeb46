/**
 * A ParsedCertificate described for people and JSON (`CertificateInfo`): the model's fields in display form,
 * plus what needs WebCrypto (fingerprints, SPKI pin, whether it signed itself).
 */
import { Tag, readTlv } from "../asn1/der.js";
import { latin1 } from "../asn1/values.js";
import { digestHex, fromHex, toBase64 } from "../encoding.js";
import { parseCertificate } from "../model/certificate.js";
import { attachModel } from "../model/model-of.js";
import { verifySignature } from "../model/signature.js";
import type { ParsedCertificate } from "../model/types.js";
import type { BasicConstraints, CertificateInfo, CryptoProvider, GeneralName } from "../types.js";
import { X509Error } from "./errors.js";
import { describeExtensions, plainNames } from "./describe-extensions.js";
import { describeSpki } from "./public-key.js";

/** ISO 8601 of a time, or the time's own text when it does not parse (OpenSSL: "Bad time value"). */
function isoOrText(model: ParsedCertificate, date: Date, which: "notBefore" | "notAfter"): string {
  if (!Number.isNaN(date.getTime())) return date.toISOString();
  const tlv = readTlv(model.der, model.ranges[which].start, model.ranges[which].end);
  return `${tlv.tag === Tag.utcTime ? "UTCTime" : "GeneralizedTime"} "${latin1(model.der.subarray(tlv.start, tlv.end))}" (not a valid time)`;
}

/** Whether a self-issued certificate signed itself: checked with its own key; unsupported algorithms fall back to OpenSSL's EXFLAG_SS. */
async function signedItself(model: ParsedCertificate, crypto: CryptoProvider): Promise<boolean> {
  if (!model.selfIssued) return false;
  const check = await verifySignature(model.signatureAlgorithm, model.publicKey, model.tbs, model.signature, crypto);
  if (check.status === "unsupported") return model.selfSigned;
  return check.status === "valid";
}

/** Describes a parsed certificate; `at` decides expired / notYetValid. */
export async function describeCertificate(model: ParsedCertificate, at: Date, crypto: CryptoProvider): Promise<CertificateInfo> {
  const [sha1, sha256, publicKey, selfSigned] = await Promise.all([
    digestHex("SHA-1", model.der, crypto),
    digestHex("SHA-256", model.der, crypto),
    describeSpki(model.publicKey, crypto),
    signedItself(model, crypto),
  ]);
  const bc = model.basicConstraints;
  const basicConstraints: BasicConstraints | null = bc ? (bc.pathLength !== undefined ? { ca: bc.ca, pathLength: bc.pathLength } : { ca: bc.ca }) : null;
  const info: CertificateInfo = {
    kind: "certificate",
    version: model.version,
    serialNumber: model.serial,
    subject: model.subject,
    subjectAttributes: model.subjectName.attributes.map(({ type, oid, value }) => ({ type, oid, value })),
    issuer: model.issuer,
    issuerAttributes: model.issuerName.attributes.map(({ type, oid, value }) => ({ type, oid, value })),
    notBefore: isoOrText(model, model.notBefore, "notBefore"),
    notAfter: isoOrText(model, model.notAfter, "notAfter"),
    expired: at.getTime() > model.notAfter.getTime(),
    notYetValid: at.getTime() < model.notBefore.getTime(),
    publicKey,
    signatureAlgorithm: model.signatureAlgorithm.name,
    subjectAltNames: plainNames(model.subjectAltNames) as GeneralName[],
    keyUsage: model.keyUsage ? [...model.keyUsage] : [],
    extendedKeyUsage: model.extKeyUsage ?? [],
    basicConstraints,
    extensions: describeExtensions(model.extensions),
    fingerprints: { sha1, sha256 },
    spkiPin: toBase64(fromHex(publicKey.spkiSha256)),
    selfSigned,
    der: model.der,
  };
  if (model.subjectKeyId !== undefined) info.subjectKeyIdentifier = model.subjectKeyId;
  if (model.authorityKeyId !== undefined) info.authorityKeyIdentifier = model.authorityKeyId;
  if (model.duplicateExtensions.length > 0) info.duplicateExtensions = [...model.duplicateExtensions];
  if (model.findings.length > 0) info.findings = [...model.findings];
  attachModel(info, model);
  return info;
}

/**
 * Decodes one DER certificate occupying exactly `der` (copied: the item owns its bytes). `where` names it in
 * error messages ("certificate 3").
 */
export async function decodeCertificateDer(der: Uint8Array, at: Date, crypto: CryptoProvider, where = "certificate"): Promise<CertificateInfo> {
  let model: ParsedCertificate;
  try {
    model = parseCertificate(der.slice());
  } catch (error) {
    if (error instanceof X509Error) throw new X509Error(error.code, error.message.startsWith(where) ? error.message : `${where}: ${error.message}`);
    throw error;
  }
  return describeCertificate(model, at, crypto);
}
