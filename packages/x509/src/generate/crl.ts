/**
 * issueCrl: a version 2 CRL (RFC 5280 5) signed by a CA, with the two extensions RFC 5280 5.2 asks a
 * conforming issuer for: authorityKeyIdentifier (5.2.1) and cRLNumber (5.2.3), and a reasonCode per entry.
 */
import { badArgument } from "../decode/errors.js";
import { AuthorityKeyIdentifierExtension, Extension, X509CrlGenerator, X509CrlReason } from "@peculiar/x509";
import * as asn1js from "asn1js";
import { digestHex, toPem } from "../encoding.js";
import type { CryptoProvider } from "../types.js";
import { toX509 } from "./issue.js";
import { signingAlgorithmFor } from "./keys.js";
import type { IssuerInput } from "./types.js";

const DAY_MS = 86_400_000;
/** Peers' clocks differ: a CRL issued "now" is not yet valid on a peer a few seconds behind. */
const BACKDATE_MS = 60_000;
/** 30 days: long enough for a lab, short enough that a forgotten CRL expires before anyone relies on it. */
export const CRL_DAYS = 30;
const OID_CRL_NUMBER = "2.5.29.20";

/** CRLReason (RFC 5280 5.3.1), by the names OpenSSL prints; value 7 is unused. */
export const CrlReason = {
  unspecified: "unspecified",
  keyCompromise: "keyCompromise",
  cACompromise: "cACompromise",
  affiliationChanged: "affiliationChanged",
  superseded: "superseded",
  cessationOfOperation: "cessationOfOperation",
  certificateHold: "certificateHold",
  removeFromCRL: "removeFromCRL",
  privilegeWithdrawn: "privilegeWithdrawn",
  aACompromise: "aACompromise",
} as const;
export type CrlReason = (typeof CrlReason)[keyof typeof CrlReason];

/** One revoked certificate. */
export interface CrlEntry {
  /** The certificate's serial number, hex (colons and case ignored). */
  serialNumber: string;
  /** Default: the CRL's thisUpdate. */
  revocationDate?: Date | string;
  /** Omitted from the entry when absent (RFC 5280 5.3.1: absent rather than unspecified). */
  reason?: CrlReason;
}

export interface IssueCrlParams {
  /** The CA that signs: its certificate and private key. */
  issuer: IssuerInput;
  entries?: readonly CrlEntry[];
  /** cRLNumber: monotonically increasing per CA (RFC 5280 5.2.3). Default 1. */
  crlNumber?: number;
  /** Default now minus a minute. */
  thisUpdate?: Date;
  /** Default thisUpdate plus `days`. May lie in the past, to make an expired CRL. */
  nextUpdate?: Date;
  /** Default 30. */
  days?: number;
}

export interface IssuedCrl {
  pem: string;
  der: Uint8Array;
  crlNumber: number;
  thisUpdate: string;
  nextUpdate: string;
  /** Lowercase hex, no colons, as the entries were written. */
  revokedSerials: string[];
  sha256: string;
}

function normalizeSerial(serial: string, where: string): string {
  const hex = serial.replace(/:/g, "").toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) throw badArgument(`Bad ${where}: expected a hex serial number, got ${JSON.stringify(serial)}`);
  // DER INTEGER content: even length, no redundant leading zero octets (the sign octet stays).
  let even = hex.length % 2 === 1 ? `0${hex}` : hex;
  while (even.length > 2 && even.startsWith("00") && Number.parseInt(even.slice(2, 4), 16) < 0x80) even = even.slice(2);
  return even;
}

function toDate(value: Date | string | undefined, fallback: Date, where: string): Date {
  if (value === undefined) return fallback;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badArgument(`Bad ${where}: not a valid date`);
  return date;
}

/** Issues a CRL. Throws a TypeError naming the bad field. */
export async function issueCrl(params: IssueCrlParams, crypto: CryptoProvider = globalThis.crypto): Promise<IssuedCrl> {
  if (!params || typeof params !== "object") throw badArgument("Bad params: expected an object");
  if (!params.issuer?.privateKey || params.issuer.privateKey.type !== "private") throw badArgument("Bad issuer.privateKey: expected a private CryptoKey");
  const issuer = toX509(params.issuer.certificate, "issuer.certificate");
  const crlNumber = params.crlNumber ?? 1;
  if (!Number.isSafeInteger(crlNumber) || crlNumber < 0) throw badArgument(`Bad crlNumber ${JSON.stringify(crlNumber)}: expected a whole number >= 0`);
  const days = params.days ?? CRL_DAYS;
  if (!(Number.isInteger(days) && days > 0)) throw badArgument(`Bad days ${JSON.stringify(days)}: expected a positive whole number`);
  const thisUpdate = toDate(params.thisUpdate, new Date(Date.now() - BACKDATE_MS), "thisUpdate");
  const nextUpdate = toDate(params.nextUpdate, new Date(thisUpdate.getTime() + days * DAY_MS), "nextUpdate");

  const entries = (params.entries ?? []).map((entry, i) => {
    if (!entry || typeof entry.serialNumber !== "string") throw badArgument(`Bad entries[${i}].serialNumber: expected a hex string`);
    if (entry.reason !== undefined && !(Object.values(CrlReason) as string[]).includes(entry.reason)) {
      throw badArgument(`Bad entries[${i}].reason ${JSON.stringify(entry.reason)}: expected one of ${Object.keys(CrlReason).join(", ")}`);
    }
    return {
      serialNumber: normalizeSerial(entry.serialNumber, `entries[${i}].serialNumber`),
      revocationDate: toDate(entry.revocationDate, thisUpdate, `entries[${i}].revocationDate`),
      ...(entry.reason !== undefined ? { reason: X509CrlReason[entry.reason] } : {}),
    };
  });

  const akid = await AuthorityKeyIdentifierExtension.create(issuer, false, crypto);
  const crlNumberDer = new asn1js.Integer({ value: crlNumber }).toBER(false);
  const crl = await X509CrlGenerator.create(
    {
      // The issuer's subject as encoded, byte for byte: verifiers match the CRL issuer to the certificate's issuer.
      issuer: issuer.subjectName,
      thisUpdate,
      nextUpdate,
      signingAlgorithm: signingAlgorithmFor(params.issuer.privateKey),
      signingKey: params.issuer.privateKey,
      entries,
      extensions: [akid, new Extension(OID_CRL_NUMBER, false, crlNumberDer)],
    },
    crypto,
  );
  const der = new Uint8Array(crl.rawData);
  return {
    pem: toPem(der, "X509 CRL"),
    der,
    crlNumber,
    thisUpdate: thisUpdate.toISOString(),
    nextUpdate: nextUpdate.toISOString(),
    revokedSerials: entries.map((e) => e.serialNumber),
    sha256: await digestHex("SHA-256", der, crypto),
  };
}

/** Hex serial of a certificate, as issueCrl's entries take it. */
export function serialOf(certificate: IssuerInput["certificate"]): string {
  return normalizeSerial(toX509(certificate, "certificate").serialNumber, "certificate");
}
