/**
 * parseCrl: a certificate revocation list (RFC 5280 5.1) to the one ParsedCrl: issuer, dates, revoked serials.
 */
import { type Tlv, Tag, readChildren, readTlv } from "../asn1/der.js";
import { checkInteger, readBigInt, readIntegerHex, readTime } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { readAlgorithm } from "./algorithm-identifier.js";
import { readExtensions } from "./extensions.js";
import { decodeName } from "./name.js";
import type { ParsedCrl, ParsedRevoked } from "./types.js";

function isTime(tlv: Tlv | undefined): tlv is Tlv {
  return tlv?.tag === Tag.utcTime || tlv?.tag === Tag.generalizedTime;
}

/** Parses one DER CRL occupying exactly `der`; throws X509Error naming the field on malformed structure. */
export function parseCrl(der: Uint8Array): ParsedCrl {
  const top = readTlv(der, 0, der.length);
  if (top.tag !== Tag.sequence) throw badInput("CertificateList: expected a SEQUENCE", 0);
  if (top.end !== der.length) throw badInput(`${der.length - top.end} bytes after the CRL`, top.end);
  const tbs = readTlv(der, top.start, top.end);
  if (tbs.tag !== Tag.sequence) throw badInput("TBSCertList: expected a SEQUENCE", tbs.offset);
  const sigAlgTlv = readTlv(der, tbs.end, top.end);
  const signatureAlgorithm = readAlgorithm(der, sigAlgTlv, "signatureAlgorithm");
  const sigValue = readTlv(der, sigAlgTlv.end, top.end);
  if (sigValue.tag !== Tag.bitString || sigValue.length === 0) throw badInput("signatureValue: expected a BIT STRING", sigValue.offset);
  const fields = readChildren(der, tbs);
  let i = 0;
  let version = 1;
  if (fields[i]?.tag === Tag.integer) version = Number(readBigInt(der, fields[i++] as Tlv)) + 1;
  const innerSig = fields[i++];
  if (!innerSig) throw badInput("TBSCertList: expected the signature algorithm", tbs.offset);
  readAlgorithm(der, innerSig, "TBSCertList signature");
  const issuerTlv = fields[i++];
  const thisUpdate = fields[i++];
  if (!issuerTlv || !isTime(thisUpdate)) throw badInput("TBSCertList: expected issuer and thisUpdate", tbs.offset);
  const issuerName = decodeName(der, issuerTlv);
  const crl: ParsedCrl = {
    kind: "crl",
    der,
    tbs: der.subarray(tbs.offset, tbs.end),
    version,
    issuerName,
    issuer: issuerName.text,
    thisUpdate: readTime(der, thisUpdate),
    signatureAlgorithm,
    signature: der.subarray(sigValue.start + 1, sigValue.end),
    revoked: [],
    extensions: [],
  };
  if (isTime(fields[i])) crl.nextUpdate = readTime(der, fields[i++] as Tlv);
  if (fields[i]?.tag === Tag.sequence) {
    for (const entry of readChildren(der, fields[i++] as Tlv)) {
      const [serial, date, extensions] = readChildren(der, entry);
      if (serial?.tag !== Tag.integer || !isTime(date)) throw badInput("revoked entry: expected serial and date", entry.offset);
      checkInteger(der, serial);
      const entryExtensions = readExtensions(der, extensions).extensions;
      const revoked: ParsedRevoked = { serial: readIntegerHex(der, serial), revocationDate: readTime(der, date), extensions: entryExtensions, range: { start: entry.offset, end: entry.end } };
      const reason = entryExtensions.find((e) => e.oid === "2.5.29.21")?.decoded;
      if (typeof reason === "string") revoked.reason = reason;
      crl.revoked.push(revoked);
    }
  }
  if (fields[i]?.tag === 0xa0) {
    const wrapper = fields[i] as Tlv;
    crl.extensions = readExtensions(der, readTlv(der, wrapper.start, wrapper.end)).extensions;
  }
  return crl;
}
