/**
 * Certificate (RFC 5280 4.1) to `CertificateInfo`: one pass over the DER, then the digests in parallel.
 */
import { type Tlv, Tag, expectTlv, readTlv } from "../asn1/der.js";
import { SignatureAlgorithmOids } from "../asn1/oids.js";
import { readIntegerHex, readOid, readSmallInt, readTime } from "../asn1/values.js";
import { digestHex, toBase64, fromHex } from "../encoding.js";
import type { CertificateInfo, CryptoProvider } from "../types.js";
import { X509Error, badInput } from "./errors.js";
import { decodeExtensions } from "./extensions.js";
import { decodeName } from "./name.js";
import { describeSpki, readSpki } from "./public-key.js";
import { verifySignature } from "./signature.js";

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
export function readAlgorithm(bytes: Uint8Array, tlv: Tlv, what: string): { oid: string; name: string } {
  if (tlv.tag !== Tag.sequence) throw badInput(`${what}: expected a SEQUENCE`, tlv.offset);
  const oid = readOid(bytes, expectTlv(bytes, tlv.start, tlv.end, Tag.oid, what));
  return { oid, name: SignatureAlgorithmOids[oid] ?? oid };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Decodes one DER certificate occupying exactly `der`. `where` names it in error messages ("certificate 3").
 */
export async function decodeCertificateDer(der: Uint8Array, at: Date, crypto: CryptoProvider, where = "certificate"): Promise<CertificateInfo> {
  try {
    return await decodeUnchecked(der, at, crypto, where);
  } catch (error) {
    if (error instanceof X509Error) throw new X509Error(error.code, error.message.startsWith(where) ? error.message : `${where}: ${error.message}`);
    throw error;
  }
}

async function decodeUnchecked(der: Uint8Array, at: Date, crypto: CryptoProvider, where: string): Promise<CertificateInfo> {
  const cert = expectTlv(der, 0, der.length, Tag.sequence, "Certificate");
  if (cert.end !== der.length) throw badInput(`${der.length - cert.end} bytes after the certificate`, cert.end);
  const tbs = expectTlv(der, cert.start, cert.end, Tag.sequence, "TBSCertificate");
  const sigAlgTlv = readTlv(der, tbs.end, cert.end);
  const sigAlg = readAlgorithm(der, sigAlgTlv, "signatureAlgorithm");
  const sigValue = expectTlv(der, sigAlgTlv.end, cert.end, Tag.bitString, "signatureValue");

  let pos = tbs.start;
  let field = readTlv(der, pos, tbs.end);
  let version: 1 | 2 | 3 = 1;
  if (field.tag === 0xa0) {
    const v = readSmallInt(der, expectTlv(der, field.start, field.end, Tag.integer, "version"));
    if (v > 2) throw badInput(`unknown certificate version ${v + 1}`, field.offset);
    version = (v + 1) as 1 | 2 | 3;
    field = readTlv(der, field.end, tbs.end);
  }
  if (field.tag !== Tag.integer) throw badInput("serialNumber: expected an INTEGER", field.offset);
  const serialNumber = readIntegerHex(der, field);
  const innerSig = readTlv(der, field.end, tbs.end);
  readAlgorithm(der, innerSig, "TBSCertificate signature");
  const issuerTlv = readTlv(der, innerSig.end, tbs.end);
  const issuer = decodeName(der, issuerTlv);
  const validity = expectTlv(der, issuerTlv.end, tbs.end, Tag.sequence, "validity");
  const notBeforeTlv = readTlv(der, validity.start, validity.end);
  const notAfterTlv = readTlv(der, notBeforeTlv.end, validity.end);
  const notBefore = readTime(der, notBeforeTlv);
  const notAfter = readTime(der, notAfterTlv);
  const subjectTlv = readTlv(der, validity.end, tbs.end);
  const subject = decodeName(der, subjectTlv);
  const spkiTlv = readTlv(der, subjectTlv.end, tbs.end);
  const spki = readSpki(der, spkiTlv);
  pos = spkiTlv.end;
  let extensionsTlv: Tlv | undefined;
  while (pos < tbs.end) {
    const optional = readTlv(der, pos, tbs.end);
    // [1] issuerUniqueID and [2] subjectUniqueID are skipped; [3] EXPLICIT Extensions (RFC 5280 4.1).
    if (optional.tag === 0xa3) extensionsTlv = readTlv(der, optional.start, optional.end);
    pos = optional.end;
  }
  const ext = decodeExtensions(der, extensionsTlv, where);

  const own = der.slice();
  const selfIssued = equalBytes(der.subarray(issuerTlv.offset, issuerTlv.end), der.subarray(subjectTlv.offset, subjectTlv.end));
  const signature = der.subarray(Math.min(sigValue.start + 1, sigValue.end), sigValue.end);
  const [sha1, sha256, publicKey, verified] = await Promise.all([
    digestHex("SHA-1", der, crypto),
    digestHex("SHA-256", der, crypto),
    describeSpki(spki, crypto),
    selfIssued ? verifySignature(sigAlg.oid, spki, der.subarray(tbs.offset, tbs.end), signature, crypto) : Promise.resolve(false),
  ]);
  // When WebCrypto cannot check the algorithm (MD5, RSA-PSS, other curves), a self-issued certificate whose
  // AKI is absent or equals its own SKI is taken as self-signed, as OpenSSL's check_issued does.
  const selfSigned =
    verified ?? (selfIssued && (ext.authorityKeyIdentifier === undefined || ext.authorityKeyIdentifier === ext.subjectKeyIdentifier));

  const info: CertificateInfo = {
    kind: "certificate",
    version,
    serialNumber,
    subject: subject.text,
    subjectAttributes: subject.attributes,
    issuer: issuer.text,
    issuerAttributes: issuer.attributes,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    expired: at.getTime() > notAfter.getTime(),
    notYetValid: at.getTime() < notBefore.getTime(),
    publicKey,
    signatureAlgorithm: sigAlg.name,
    subjectAltNames: ext.subjectAltNames,
    keyUsage: ext.keyUsage,
    extendedKeyUsage: ext.extendedKeyUsage,
    basicConstraints: ext.basicConstraints,
    extensions: ext.extensions,
    fingerprints: { sha1, sha256 },
    spkiPin: toBase64(fromHex(publicKey.spkiSha256)),
    selfSigned,
    der: own,
  };
  if (ext.subjectKeyIdentifier !== undefined) info.subjectKeyIdentifier = ext.subjectKeyIdentifier;
  if (ext.authorityKeyIdentifier !== undefined) info.authorityKeyIdentifier = ext.authorityKeyIdentifier;
  return info;
}
