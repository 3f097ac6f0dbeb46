/**
 * check_revocation() of OpenSSL 3.0's x509_vfy.c for full CRLs: for the leaf (`-crl_check`) or every
 * certificate of the chain (`-crl_check_all`, what nginx ssl_crl, HAProxy crl-file, Apache SSLCARevocationCheck
 * chain and Node's crl option turn on), pick the CRL its issuer signed (get_crl_sdesc's scoring: issuer name,
 * AKI, time, no unhandled critical extension), check it (check_crl: cRLSign, dates, signature), then look for
 * the serial (cert_crl). Delta CRLs and indirect CRLs (X509_V_FLAG_EXTENDED_CRL_SUPPORT) are not supported:
 * OpenSSL skips them without that flag too.
 */
import { parsePem } from "../encoding.js";
import { parseCrl } from "../model/crl.js";
import { verifySignature, type KeyCache } from "../model/signature.js";
import type { ParsedAuthorityKeyId } from "../model/extension-values.js";
import type { ParsedCertificate, ParsedCrl } from "../model/types.js";
import type { CryptoProvider } from "../types.js";
import { VerifyInputError, X509Error } from "../decode/errors.js";
import type { VerifyCode } from "./codes.js";

/** "leaf": OpenSSL's -crl_check; "all": -crl_check_all (the servers' behaviour). */
export type CrlCheck = "leaf" | "all";

const OID = { aki: "2.5.29.35", idp: "2.5.29.28", deltaIndicator: "2.5.29.27", crlNumber: "2.5.29.20" } as const;
// crl_cb() in crypto/x509/x_crl.c: a critical extension other than these marks the CRL EXFLAG_CRITICAL.
const HANDLED_CRITICAL = new Set<string>([OID.idp, OID.aki, OID.deltaIndicator]);

/** CRLs as PEM text (X509 CRL blocks), DER, or a list of either, parsed into the model. */
export function readCrls(source: string | Uint8Array | readonly (string | Uint8Array)[] | undefined, where = "crls"): ParsedCrl[] {
  if (source === undefined) return [];
  const items = typeof source === "string" || source instanceof Uint8Array ? [source] : source;
  const out: ParsedCrl[] = [];
  for (const [i, item] of items.entries()) {
    const at = items.length > 1 ? `${where}[${i}]` : where;
    const ders = typeof item === "string" ? parsePem(item).filter((b) => b.label === "X509 CRL").map((b) => b.der) : [item];
    if (ders.length === 0) throw new VerifyInputError(`${at}: no PEM CRL found (expected "-----BEGIN X509 CRL-----")`);
    for (const der of ders) {
      try {
        out.push(parseCrl(der));
      } catch (error) {
        throw new VerifyInputError(`${at}: not a CRL (${error instanceof X509Error ? error.message : "unreadable DER"})`);
      }
    }
  }
  return out;
}

function normalizeSerial(hex: string): string {
  const negative = hex.startsWith("-");
  const digits = hex.replace(/^-/, "").replace(/^0+(?=.)/, "").toLowerCase();
  return negative ? `-${digits}` : digits;
}

function akiOf(crl: ParsedCrl): ParsedAuthorityKeyId | undefined {
  return crl.extensions.find((e) => e.oid === OID.aki)?.decoded as ParsedAuthorityKeyId | undefined;
}

/** X509_check_akid(): a key identifier, issuer serial or issuer name in the AKI that the candidate contradicts. */
function akidMatches(issuer: ParsedCertificate, aki: ParsedAuthorityKeyId | undefined): boolean {
  if (!aki) return true;
  if (aki.keyIdentifier && issuer.subjectKeyId && aki.keyIdentifier !== issuer.subjectKeyId) return false;
  if (aki.authorityCertSerialNumber && normalizeSerial(aki.authorityCertSerialNumber) !== normalizeSerial(issuer.serial)) return false;
  const dirName = aki.authorityCertIssuer?.find((n) => n.type === "dirName");
  if (dirName && dirName.value !== issuer.issuer) return false;
  return true;
}

const hasCritical = (crl: ParsedCrl) => crl.extensions.some((e) => e.critical && !HANDLED_CRITICAL.has(e.oid));
const isDelta = (crl: ParsedCrl) => crl.extensions.some((e) => e.oid === OID.deltaIndicator);
/** X509_cmp_time: a time equal to `at` counts as past, so a CRL expires at exactly nextUpdate. */
const timeValid = (crl: ParsedCrl, at: Date) => crl.thisUpdate.getTime() <= at.getTime() && (!crl.nextUpdate || crl.nextUpdate.getTime() > at.getTime());

interface Candidate {
  crl: ParsedCrl;
  issuer: ParsedCertificate;
  score: number;
}

/** get_crl_sdesc(): the best-scoring CRL for the certificate at `depth`, or none (UNABLE_TO_GET_CRL). */
function findCrl(chain: readonly ParsedCertificate[], depth: number, crls: readonly ParsedCrl[], at: Date): Candidate | undefined {
  const cert = chain[depth]!;
  let best: Candidate | undefined;
  for (const crl of crls) {
    if (isDelta(crl) || crl.issuerName.key !== cert.issuerName.key) continue;
    // crl_akid_check(): the certificate's own issuer in the chain first, then any higher certificate of that name.
    const next = Math.min(depth + 1, chain.length - 1);
    let issuer: ParsedCertificate | undefined;
    let path = 0x18; // CRL_SCORE_ISSUER_CERT
    if (akidMatches(chain[next]!, akiOf(crl))) issuer = chain[next];
    else {
      issuer = chain.slice(next + 1).find((c) => c.subjectName.key === crl.issuerName.key && akidMatches(c, akiOf(crl)));
      path = 0x08; // CRL_SCORE_SAME_PATH
    }
    if (!issuer) continue;
    const score = (hasCritical(crl) ? 0 : 0x100) | 0x80 | (timeValid(crl, at) ? 0x40 : 0) | 0x20 | path | 0x04;
    if (!best || score > best.score) best = { crl, issuer, score };
  }
  return best;
}

/**
 * Reports every revocation error of the chain in OpenSSL's order. `cache` is shared with signature checks.
 * Returns when every certificate in scope was checked (the verify callback, as Node's, carries on after errors).
 */
export async function checkRevocation(
  chain: readonly ParsedCertificate[],
  crls: readonly ParsedCrl[],
  mode: CrlCheck,
  at: Date,
  crypto: CryptoProvider,
  cache: KeyCache,
  report: (code: VerifyCode, depth: number) => void,
): Promise<void> {
  const last = mode === "all" ? chain.length - 1 : 0;
  for (let depth = 0; depth <= last; depth++) {
    const cert = chain[depth]!;
    const found = findCrl(chain, depth, crls, at);
    if (!found) {
      report("UNABLE_TO_GET_CRL", depth);
      continue;
    }
    const { crl, issuer } = found;
    // check_crl(): the top of the chain can only sign its own CRL when it is self-issued.
    if (depth === chain.length - 1 && issuer === cert && cert.issuerName.key !== cert.subjectName.key) report("UNABLE_TO_GET_CRL_ISSUER", depth);
    if (issuer.keyUsage && !issuer.keyUsage.has("cRLSign")) report("KEYUSAGE_NO_CRL_SIGN", depth);
    if (crl.thisUpdate.getTime() > at.getTime()) report("CRL_NOT_YET_VALID", depth);
    else if (crl.nextUpdate && crl.nextUpdate.getTime() <= at.getTime()) report("CRL_HAS_EXPIRED", depth);
    const signature = await verifySignature(crl.signatureAlgorithm, issuer.publicKey, crl.tbs, crl.signature, crypto, cache);
    if (signature.status !== "valid") report("CRL_SIGNATURE_FAILURE", depth);
    // cert_crl(): a CRL with an unhandled critical extension cannot clear anyone.
    if (hasCritical(crl)) report("UNHANDLED_CRITICAL_CRL_EXTENSION", depth);
    const serial = normalizeSerial(cert.serial);
    const entry = crl.revoked.find((r) => normalizeSerial(r.serial) === serial);
    if (entry && entry.reason !== "removeFromCRL") report("CERT_REVOKED", depth);
  }
}
