/**
 * parseCsr: a PKCS#10 certificate request (RFC 2986) to the one ParsedCsr: subject, key, requested extensions.
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { readBigInt, readOid } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { readAlgorithm } from "./algorithm-identifier.js";
import { readExtensions } from "./extensions.js";
import { decodeName } from "./name.js";
import { readPublicKey } from "./public-key.js";
import type { ParsedCsr, ParsedGeneralName } from "./types.js";

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

/** Parses one DER CSR occupying exactly `der`; throws X509Error naming the field on malformed structure. */
export function parseCsr(der: Uint8Array): ParsedCsr {
  const top = expectTlv(der, 0, der.length, Tag.sequence, "CertificationRequest");
  if (top.end !== der.length) throw badInput(`${der.length - top.end} bytes after the request`, top.end);
  const info = expectTlv(der, top.start, top.end, Tag.sequence, "CertificationRequestInfo");
  const sigAlgTlv = readTlv(der, info.end, top.end);
  const signatureAlgorithm = readAlgorithm(der, sigAlgTlv, "signatureAlgorithm");
  const sigValue = expectTlv(der, sigAlgTlv.end, top.end, Tag.bitString, "signature");
  if (sigValue.length === 0) throw badInput("signature: empty BIT STRING", sigValue.offset);
  const versionTlv = expectTlv(der, info.start, info.end, Tag.integer, "version");
  const subjectTlv = readTlv(der, versionTlv.end, info.end);
  const subjectName = decodeName(der, subjectTlv);
  const spkiTlv = readTlv(der, subjectTlv.end, info.end);
  const publicKey = readPublicKey(der, spkiTlv);
  let extensionsTlv: Tlv | undefined;
  if (spkiTlv.end < info.end) {
    const attributes = readTlv(der, spkiTlv.end, info.end);
    if (attributes.tag !== 0xa0) throw badInput("attributes: expected [0]", attributes.offset);
    for (const attribute of readChildren(der, attributes)) {
      const typeTlv = expectTlv(der, attribute.start, attribute.end, Tag.oid, "attribute type");
      if (readOid(der, typeTlv) !== EXTENSION_REQUEST) continue;
      const values = readTlv(der, typeTlv.end, attribute.end);
      extensionsTlv = values.start < values.end ? readTlv(der, values.start, values.end) : undefined;
    }
  }
  const { extensions } = readExtensions(der, extensionsTlv);
  const san = extensions.find((e) => e.oid === "2.5.29.17")?.decoded as ParsedGeneralName[] | undefined;
  return {
    kind: "csr",
    der,
    info: der.subarray(info.offset, info.end),
    version: Number(readBigInt(der, versionTlv)) + 1,
    subjectName,
    subject: subjectName.text,
    publicKey,
    signatureAlgorithm,
    signature: der.subarray(sigValue.start + 1, sigValue.end),
    extensions,
    subjectAltNames: san ?? [],
  };
}
