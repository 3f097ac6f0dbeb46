/**
 * verifyChain(): path building plus RFC 5280 checks in the order of OpenSSL 3.0's verify_chain()
 * (build_chain, check_extensions, internal_verify, check_name_constraints), so that both the first error
 * (openssl verify, curl) and the last one (Node's authorizationError, nginx's $ssl_client_verify) match.
 */
import type { CryptoProvider } from "../types.js";
import { buildChain, likelyIssued } from "./build-chain.js";
import { checkExtensions } from "./check-extensions.js";
import { checkHost } from "./check-host.js";
import { verifyMessage, type VerifyCode } from "./codes.js";
import { checkNameConstraints } from "./name-constraints.js";
import { type KeyCache, verifySignature } from "../model/signature.js";
import { encodeOid, encodeTlv } from "../asn1/encode.js";
import type { ParsedCertificate, ParsedPublicKey } from "../model/types.js";
import { timeErrors } from "./check-time.js";
import { verifyLegacySignature } from "./legacy-signature.js";
import { opensslFlags } from "./openssl-flags.js";
import { readCertificates, VerifyInputError } from "./read-certificates.js";
import { keySecurityBits, minimumBits, signatureSecurityBits } from "./security-level.js";
import { checkRevocation, readCrls, type CrlCheck } from "./check-revocation.js";
import type { ParsedCrl } from "../model/types.js";
import type { VerifyChainInput, VerifyError, VerifyPurpose, VerifyResult } from "./types.js";

/** Already-parsed input, for callers (diagnose, lint) that verify the same certificates several ways. */
export interface ParsedVerifyInput {
  leaf: ParsedCertificate;
  intermediates: ParsedCertificate[];
  anchors: ParsedCertificate[];
  purpose: VerifyPurpose;
  host?: string;
  at: Date;
  /** OpenSSL security level (0: none). */
  securityLevel?: number;
  /** CRLs, and whether the leaf or every certificate is checked against them (none: no revocation check). */
  crls?: ParsedCrl[];
  crlCheck?: CrlCheck;
}

function parseAt(at: Date | string | undefined): Date {
  if (at === undefined) return new Date();
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) throw new VerifyInputError(`at: not a valid date: ${JSON.stringify(String(at))}`);
  return date;
}

/** Reads and checks the arguments of verifyChain(); throws VerifyInputError with one line naming the field. */
export function parseVerifyInput(input: VerifyChainInput): ParsedVerifyInput {
  if (!input || typeof input !== "object") throw new VerifyInputError("verifyChain: expected an object { leaf, intermediates?, trustAnchors }");
  const [leaf, ...rest] = readCertificates(input.leaf, "leaf");
  const anchors = readCertificates(input.trustAnchors, "trustAnchors", { allowEmpty: true });
  if (anchors.length === 0) throw new VerifyInputError("trustAnchors: empty trust store, nothing to verify against (give the CA file that issued the chain)");
  const purpose = input.purpose ?? "client";
  if (purpose !== "client" && purpose !== "server") throw new VerifyInputError(`purpose: expected "server" or "client", got ${JSON.stringify(purpose)}`);
  return {
    leaf: leaf!,
    intermediates: [...rest, ...readCertificates(input.intermediates, "intermediates", { allowEmpty: true })],
    anchors,
    purpose,
    host: input.host,
    at: parseAt(input.at),
    securityLevel: input.securityLevel ?? 0,
    ...readCrlOptions(input),
  };
}

function readCrlOptions(input: VerifyChainInput): Pick<ParsedVerifyInput, "crls" | "crlCheck"> {
  if (input.crlCheck !== undefined && input.crlCheck !== "leaf" && input.crlCheck !== "all") {
    throw new VerifyInputError(`crlCheck: expected "leaf" or "all", got ${JSON.stringify(input.crlCheck)}`);
  }
  if (input.crls === undefined) {
    if (input.crlCheck !== undefined) throw new VerifyInputError("crlCheck: give the CRLs to check against (crls)");
    return {};
  }
  return { crls: readCrls(input.crls), crlCheck: input.crlCheck ?? "all" };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * An id-RSASSA-PSS key (RFC 4055 1.2) as the same RSA key under rsaEncryption: WebCrypto imports only the
 * latter, and the PSS parameters that matter are the signature's own.
 */
function asRsaEncryption(key: ParsedPublicKey): ParsedPublicKey {
  if (key.algorithm !== "RSA-PSS") return key;
  const der = encodeTlv(0x30, encodeTlv(0x30, encodeOid("1.2.840.113549.1.1.1"), Uint8Array.of(0x05, 0x00)), encodeTlv(0x03, Uint8Array.of(0), key.keyBytes));
  return { ...key, algorithm: "RSA", oid: "1.2.840.113549.1.1.1", der };
}

/**
 * X509_verify(): the outer and inner signature algorithms must be identical (X509_ALGOR_cmp), then the
 * signature must verify. DSA and ECDSA on curves WebCrypto lacks are checked in BigInt arithmetic.
 */
async function checkSignature(subject: ParsedCertificate, issuer: ParsedCertificate, crypto: CryptoProvider, cache: KeyCache): Promise<VerifyCode | null> {
  const outer = subject.der.subarray(subject.signatureAlgorithm.range.start, subject.signatureAlgorithm.range.end);
  const inner = subject.der.subarray(subject.innerSignatureAlgorithm.range.start, subject.innerSignatureAlgorithm.range.end);
  if (!sameBytes(outer, inner)) return "CERT_SIGNATURE_FAILURE";
  const check = await verifySignature(subject.signatureAlgorithm, asRsaEncryption(issuer.publicKey), subject.tbs, subject.signature, crypto, cache);
  if (check.status === "valid") return null;
  if (check.status === "unsupported") {
    const legacy = await verifyLegacySignature(subject.signatureOid, issuer.publicKey, subject.tbs, subject.signature, crypto);
    return legacy === true ? null : "CERT_SIGNATURE_FAILURE";
  }
  return "CERT_SIGNATURE_FAILURE";
}

/** The result when OpenSSL's verify_chain() returns early (an internal error rather than a verify callback). */
function stopped(errors: VerifyError[], chain: ParsedCertificate[], trusted: boolean, report: (code: VerifyCode, depth: number) => void): VerifyResult {
  if (errors.length === 0) report("UNSPECIFIED", 0);
  return { valid: false, firstError: errors[0]!.code, lastError: errors[errors.length - 1]!.code, errors, path: chain.map((c) => c.subject), trusted };
}

/** Verification of already-parsed certificates (see verifyChain). */
export async function verifyParsedChain(input: ParsedVerifyInput, crypto: CryptoProvider = globalThis.crypto): Promise<VerifyResult> {
  const errors: VerifyError[] = [];
  const report = (code: VerifyCode, depth: number) => errors.push({ code, depth, message: verifyMessage(code) });
  const minBits = minimumBits(input.securityLevel ?? 0);
  // X509_verify_cert(): the peer's own key is checked before anything else.
  if (minBits > 0 && keySecurityBits(input.leaf) < minBits) report("EE_KEY_TOO_SMALL", 0);
  const { chain, numUntrusted, trusted, selfSigned } = buildChain(input.leaf, input.intermediates, input.anchors, input.at);
  const top = chain.length - 1;

  // build_chain(): the chain did not reach a trust anchor.
  if (!trusted) {
    if (selfSigned) report(top === 0 ? "DEPTH_ZERO_SELF_SIGNED_CERT" : "SELF_SIGNED_CERT_IN_CHAIN", top);
    else report(numUntrusted < chain.length ? "UNABLE_TO_GET_ISSUER_CERT" : "UNABLE_TO_GET_ISSUER_CERT_LOCALLY", top);
  }

  for (const finding of checkExtensions(chain, input.purpose)) report(finding.code, finding.depth);

  // check_auth_level(): issuer keys, and the signature digests of everything but the trust anchor.
  if (minBits > 0) {
    for (const [depth, cert] of chain.entries()) {
      if (depth > 0 && keySecurityBits(cert) < minBits) report("CA_KEY_TOO_SMALL", depth);
      if (depth < chain.length - 1 && signatureSecurityBits(cert) < minBits) report("CA_MD_TOO_WEAK", depth);
    }
  }

  // X509_get_pubkey_parameters(): every key up to the first with its own parameters must decode, or
  // verification stops here; Node's authorizationError is then UNSPECIFIED when nothing was reported yet.
  for (const cert of chain) {
    const flags = opensslFlags(cert);
    if (!flags.keyDecodable) return stopped(errors, chain, trusted, report);
    if (!flags.missingParameters) break;
  }

  const cache: KeyCache = new Map();
  // check_revocation(): after the keys, before any signature of the chain is checked.
  if (input.crls && input.crlCheck) await checkRevocation(chain, input.crls, input.crlCheck, input.at, crypto, cache, report);

  // internal_verify(): from the top down; the top's own signature is never checked, and a top that is not
  // self-issued is only the issuer of the next one (its dates are not checked unless it is the leaf).
  let n = top;
  let issuer: ParsedCertificate = chain[n]!;
  let subject: ParsedCertificate = issuer;
  let skipTop = false;
  if (!likelyIssued(issuer, issuer)) {
    if (n === 0) {
      report("UNABLE_TO_VERIFY_LEAF_SIGNATURE", 0);
      skipTop = true;
    } else {
      n -= 1;
      subject = chain[n]!;
    }
  }
  while (n >= 0) {
    if (subject !== issuer && !skipTop) {
      // RFC 5280 6.1.4 (n): the issuer's key usage must allow certificate signing.
      if (issuer.keyUsage && !issuer.keyUsage.has("keyCertSign")) report("KEY_USAGE_NO_CERTSIGN", n + 1);
      const failure = await checkSignature(subject, issuer, crypto, cache);
      if (failure) report(failure, n);
    }
    for (const code of timeErrors(subject, input.at)) report(code, n);
    n -= 1;
    if (n >= 0) {
      issuer = subject;
      subject = chain[n]!;
      skipTop = false;
    }
  }

  for (const finding of checkNameConstraints(chain)) report(finding.code, finding.depth);

  const chainErrors = errors.length;
  // Node runs checkServerIdentity only when the chain verified; curl checks the name after the chain too.
  if (input.purpose === "server" && input.host) {
    const mismatch = checkHost(input.host, input.leaf);
    if (mismatch) errors.push({ code: mismatch.code, depth: 0, message: mismatch.message });
  }
  return {
    valid: errors.length === 0,
    firstError: errors[0]?.code ?? null,
    lastError: chainErrors > 0 ? errors[chainErrors - 1]!.code : (errors[0]?.code ?? null),
    errors,
    path: chain.map((c) => c.subject),
    trusted,
  };
}

/**
 * Verifies a certificate chain the way OpenSSL 3.0 does for Node, nginx and curl.
 * Throws VerifyInputError (code "BAD_INPUT") for unreadable input or an empty trust store; every
 * verification failure is in the result instead.
 */
export async function verifyChain(input: VerifyChainInput, crypto: CryptoProvider = globalThis.crypto): Promise<VerifyResult> {
  return verifyParsedChain(parseVerifyInput(input), crypto);
}
