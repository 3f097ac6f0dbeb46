/**
 * Certificate revocation lists (RFC 5280 5.1): issuer, dates, revoked serials with reasons, extensions.
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import { readIntegerHex, readIsoTime } from "../asn1/values.js";
import type { CrlInfo } from "../types.js";
import { readAlgorithm } from "./certificate.js";
import { X509Error, badInput } from "./errors.js";
import { CrlReasons, decodeExtensions } from "./extensions.js";
import { decodeName } from "./name.js";

function isTime(tlv: Tlv | undefined): tlv is Tlv {
  return tlv?.tag === Tag.utcTime || tlv?.tag === Tag.generalizedTime;
}

/** Decodes one DER CRL. */
export function decodeCrlDer(der: Uint8Array, where = "CRL"): CrlInfo {
  try {
    const top = readTlv(der, 0, der.length);
    if (top.tag !== Tag.sequence) throw badInput("CertificateList: expected a SEQUENCE", 0);
    const tbs = readTlv(der, top.start, top.end);
    const sigAlg = readAlgorithm(der, readTlv(der, tbs.end, top.end), "signatureAlgorithm");
    const fields = readChildren(der, tbs);
    let i = 0;
    if (fields[i]?.tag === Tag.integer) i++; // version v2
    i++; // signature AlgorithmIdentifier
    const issuerTlv = fields[i++];
    const thisUpdate = fields[i++];
    if (!issuerTlv || !isTime(thisUpdate)) throw badInput("TBSCertList: expected issuer and thisUpdate", tbs.offset);
    const crl: CrlInfo = {
      kind: "crl",
      issuer: decodeName(der, issuerTlv).text,
      thisUpdate: readIsoTime(der, thisUpdate),
      signatureAlgorithm: sigAlg.name,
      revoked: [],
      extensions: [],
      der: der.slice(),
    };
    if (isTime(fields[i])) crl.nextUpdate = readIsoTime(der, fields[i++] as Tlv);
    if (fields[i]?.tag === Tag.sequence) {
      for (const entry of readChildren(der, fields[i++] as Tlv)) {
        const [serial, date, extensions] = readChildren(der, entry);
        if (serial?.tag !== Tag.integer || !isTime(date)) throw badInput("revoked entry: expected serial and date", entry.offset);
        const revoked: CrlInfo["revoked"][number] = { serialNumber: readIntegerHex(der, serial), revocationDate: readIsoTime(der, date) };
        const reason = decodeExtensions(der, extensions, where).extensions.find((e) => e.oid === "2.5.29.21");
        if (typeof reason?.value === "string" && (CrlReasons as readonly string[]).includes(reason.value)) revoked.reason = reason.value;
        crl.revoked.push(revoked);
      }
    }
    if (fields[i]?.tag === 0xa0) {
      const wrapper = fields[i] as Tlv;
      crl.extensions = decodeExtensions(der, readTlv(der, wrapper.start, wrapper.end), where).extensions;
    }
    return crl;
  } catch (error) {
    if (error instanceof X509Error) throw error.message.startsWith(where) ? error : new X509Error(error.code, `${where}: ${error.message}`);
    throw error;
  }
}
