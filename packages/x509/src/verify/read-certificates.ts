/**
 * Turns the certificates given to verify, diagnose and lint into model objects, with one clear line per problem
 * ("trustAnchors: found a PRIVATE KEY where a certificate belongs"). What `decode` already parsed (a
 * CertificateInfo) or the model itself (a ParsedCertificate) is taken as is, not parsed again.
 */
import { readTlv } from "../asn1/der.js";
import { VerifyInputError, X509Error } from "../decode/errors.js";
import { parsePem } from "../encoding.js";
import { parseCertificate } from "../model/certificate.js";
import { modelOf } from "../model/model-of.js";
import type { ParsedCertificate } from "../model/types.js";
import type { CertificateInfo } from "../types.js";
import type { CertificateSource } from "./types.js";

export { VerifyInputError };

const CERT_LABELS = new Set(["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE"]);

function parseOne(der: Uint8Array, where: string): ParsedCertificate {
  try {
    // d2i_X509 reads the first element and ignores what follows it, as `openssl verify` does with such a file.
    const top = readTlv(der, 0, der.length);
    return parseCertificate(top.end < der.length ? der.subarray(0, top.end) : der);
  } catch (error) {
    const detail = error instanceof X509Error ? error.message : "unreadable DER";
    throw new VerifyInputError(`${where}: not a certificate (${detail})`);
  }
}

function readText(text: string, where: string): ParsedCertificate[] {
  const blocks = parsePem(text, (label) => {
    throw new VerifyInputError(`${where}: the PEM block "${label}" is not valid base64`);
  });
  if (blocks.length === 0) {
    const trimmed = text.trim();
    throw new VerifyInputError(trimmed === "" ? `${where}: empty input, expected a certificate` : `${where}: no PEM certificate found (expected "-----BEGIN CERTIFICATE-----")`);
  }
  const out: ParsedCertificate[] = [];
  for (const [index, block] of blocks.entries()) {
    if (!CERT_LABELS.has(block.label)) {
      if (/PRIVATE KEY/.test(block.label)) throw new VerifyInputError(`${where}: found a ${block.label} where a certificate belongs (block ${index + 1})`);
      if (/REQUEST/.test(block.label)) throw new VerifyInputError(`${where}: found a certificate request (CSR), not a certificate: have the CA sign it first`);
      throw new VerifyInputError(`${where}: found a ${block.label} block where a certificate belongs (block ${index + 1})`);
    }
    out.push(parseOne(block.der, blocks.length > 1 ? `${where} (certificate ${index + 1})` : where));
  }
  return out;
}

function isParsed(item: object): item is ParsedCertificate {
  return (item as ParsedCertificate).kind === "certificate" && (item as ParsedCertificate).subjectName !== undefined && (item as ParsedCertificate).der instanceof Uint8Array;
}

function isDecoded(item: object): item is CertificateInfo {
  return (item as CertificateInfo).kind === "certificate" && (item as CertificateInfo).der instanceof Uint8Array;
}

function readItem(item: unknown, where: string): ParsedCertificate[] {
  if (typeof item === "string") return readText(item, where);
  if (item instanceof Uint8Array) {
    if (item.length === 0) throw new VerifyInputError(`${where}: empty input, expected a certificate`);
    // PEM handed over as bytes (a file read without an encoding).
    if (item[0] === 0x2d || item[0] === 0x20 || item[0] === 0x0a || item[0] === 0x0d) return readText(new TextDecoder().decode(item), where);
    return [parseOne(item, where)];
  }
  if (item !== null && typeof item === "object") {
    if (isParsed(item)) return [item];
    if (isDecoded(item)) {
      try {
        return [modelOf(item)];
      } catch (error) {
        throw new VerifyInputError(`${where}: not a certificate (${error instanceof X509Error ? error.message : "unreadable DER"})`);
      }
    }
  }
  throw new VerifyInputError(`${where}: expected PEM text, DER bytes or a decoded certificate`);
}

/** Every certificate in `source`; throws VerifyInputError naming `where` on anything else. */
export function readCertificates(source: CertificateSource | undefined, where: string, options: { allowEmpty?: boolean } = {}): ParsedCertificate[] {
  if (source === undefined || source === null) {
    if (options.allowEmpty) return [];
    throw new VerifyInputError(`${where}: missing, expected a certificate`);
  }
  const items: readonly unknown[] = Array.isArray(source) ? source : [source];
  if (typeof source !== "string" && !(source instanceof Uint8Array) && !Array.isArray(source) && typeof source !== "object") {
    throw new VerifyInputError(`${where}: expected PEM text, DER bytes or a list of them`);
  }
  const out = items.flatMap((item, index) => readItem(item, items.length > 1 ? `${where}[${index}]` : where));
  if (out.length === 0 && !options.allowEmpty) throw new VerifyInputError(`${where}: empty, expected at least one certificate`);
  return out;
}
