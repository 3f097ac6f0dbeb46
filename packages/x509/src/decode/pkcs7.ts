/**
 * PKCS#7 / CMS SignedData bundles (.p7b, RFC 5652 5.1): the certificates and CRLs inside.
 * Read with asn1js because these files are sometimes BER (indefinite lengths) rather than DER.
 */
import * as asn1js from "asn1js";
import type { CertificateInfo, CrlInfo, CryptoProvider, Pkcs7Info } from "../types.js";
import { decodeCertificateDer } from "./certificate.js";
import { decodeCrlDer } from "./crl.js";
import { X509Error, X509ErrorCode, badInput } from "./errors.js";

const SIGNED_DATA = "1.2.840.113549.1.7.2";

function childrenOf(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  const value = (block as asn1js.BaseBlock | undefined)?.valueBlock as unknown as { value?: unknown };
  return Array.isArray(value?.value) ? (value.value as asn1js.AsnType[]) : [];
}

function bytesOf(block: asn1js.AsnType): Uint8Array {
  return new Uint8Array((block as asn1js.BaseBlock).valueBeforeDecodeView);
}

/** Decodes a ContentInfo holding SignedData: every certificate and CRL in order. */
export async function decodePkcs7Der(der: Uint8Array, at: Date, crypto: CryptoProvider, where = "PKCS#7"): Promise<Pkcs7Info> {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(der);
  } catch {
    throw badInput(`${where}: nested too deeply to parse`);
  }
  if (parsed.offset === -1) throw new X509Error(X509ErrorCode.truncated, `${where}: ${parsed.result.error || "malformed ASN.1"}`);
  const [typeBlock, explicit] = childrenOf(parsed.result);
  if (!(typeBlock instanceof asn1js.ObjectIdentifier)) throw badInput(`${where}: expected a content type`);
  const type = typeBlock.valueBlock.toString();
  if (type !== SIGNED_DATA) {
    throw new X509Error(X509ErrorCode.unsupported, `${where}: content type ${type} is not signedData, so it holds no certificate bundle`);
  }
  const signed = childrenOf(explicit)[0];
  const items: (CertificateInfo | CrlInfo)[] = [];
  let certIndex = 0;
  let crlIndex = 0;
  for (const field of childrenOf(signed)) {
    const id = (field as asn1js.BaseBlock).idBlock;
    if (id.tagClass !== 3) continue;
    for (const entry of childrenOf(field)) {
      const entryId = (entry as asn1js.BaseBlock).idBlock;
      if (entryId.tagClass !== 1 || entryId.tagNumber !== 16) continue; // not a plain Certificate / CRL
      if (id.tagNumber === 0) items.push(await decodeCertificateDer(bytesOf(entry), at, crypto, `${where} certificate ${++certIndex}`));
      else if (id.tagNumber === 1) items.push(decodeCrlDer(bytesOf(entry), `${where} CRL ${++crlIndex}`));
    }
  }
  return { kind: "pkcs7", items, der: der.slice() };
}
