/**
 * Certificate requests (PKCS#10, RFC 2986): subject, key, requested extensions, proof of possession.
 */
import { type Tlv, Tag, expectTlv, readChildren, readTlv } from "../asn1/der.js";
import { readOid } from "../asn1/values.js";
import type { CryptoProvider, CsrInfo } from "../types.js";
import { readAlgorithm } from "./certificate.js";
import { X509Error, badInput } from "./errors.js";
import { decodeExtensions } from "./extensions.js";
import { decodeName } from "./name.js";
import { describeSpki, readSpki } from "./public-key.js";
import { verifySignature } from "./signature.js";

const EXTENSION_REQUEST = "1.2.840.113549.1.9.14";

/** Decodes one DER CSR. `signatureValid` is false when the signature fails or cannot be checked. */
export async function decodeCsrDer(der: Uint8Array, crypto: CryptoProvider, where = "certificate request"): Promise<CsrInfo> {
  try {
    const top = expectTlv(der, 0, der.length, Tag.sequence, "CertificationRequest");
    const info = expectTlv(der, top.start, top.end, Tag.sequence, "CertificationRequestInfo");
    const sigAlgTlv = readTlv(der, info.end, top.end);
    const sigAlg = readAlgorithm(der, sigAlgTlv, "signatureAlgorithm");
    const sigValue = expectTlv(der, sigAlgTlv.end, top.end, Tag.bitString, "signature");
    const version = expectTlv(der, info.start, info.end, Tag.integer, "version");
    const subjectTlv = readTlv(der, version.end, info.end);
    const subject = decodeName(der, subjectTlv);
    const spkiTlv = readTlv(der, subjectTlv.end, info.end);
    const spki = readSpki(der, spkiTlv);
    let extensionsTlv: Tlv | undefined;
    if (spkiTlv.end < info.end) {
      const attributes = readTlv(der, spkiTlv.end, info.end);
      if (attributes.tag !== 0xa0) throw badInput("attributes: expected [0]", attributes.offset);
      for (const attribute of readChildren(der, attributes)) {
        const oid = readOid(der, expectTlv(der, attribute.start, attribute.end, Tag.oid, "attribute type"));
        if (oid !== EXTENSION_REQUEST) continue;
        const values = readTlv(der, readTlv(der, attribute.start, attribute.end).end, attribute.end);
        extensionsTlv = values.start < values.end ? readTlv(der, values.start, values.end) : undefined;
      }
    }
    const ext = decodeExtensions(der, extensionsTlv, where);
    const [publicKey, valid] = await Promise.all([
      describeSpki(spki, crypto),
      verifySignature(sigAlg.oid, spki, der.subarray(info.offset, info.end), der.subarray(Math.min(sigValue.start + 1, sigValue.end), sigValue.end), crypto),
    ]);
    return {
      kind: "csr",
      subject: subject.text,
      subjectAttributes: subject.attributes,
      publicKey,
      signatureAlgorithm: sigAlg.name,
      subjectAltNames: ext.subjectAltNames,
      extensions: ext.extensions,
      signatureValid: valid === true,
      der: der.slice(),
    };
  } catch (error) {
    if (error instanceof X509Error) throw error.message.startsWith(where) ? error : new X509Error(error.code, `${where}: ${error.message}`);
    throw error;
  }
}
