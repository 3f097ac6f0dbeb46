/**
 * Path building as OpenSSL 3.0's build_chain() does it (x509_vfy.c) with its default flags (trusted first,
 * no partial chains): at every step the trust store is searched first, then the peer's untrusted pool (any
 * order, extras ignored, time-valid issuers preferred); a self-signed untrusted top is only accepted when the
 * trust store holds that exact certificate. With X509_V_FLAG_TRUSTED_FIRST (the default) OpenSSL never runs
 * its alternative-chain retry: a trusted issuer is always tried before an untrusted one, which is what makes
 * a cross-signed intermediate reach whichever root the store holds.
 */
import { sameCertificate } from "../model/certificate.js";
import { signatureFitsKey } from "../model/algorithms.js";
import type { ParsedCertificate } from "../model/types.js";
import { notAfterInstant, timeValid } from "./check-time.js";
import { akidMatches, opensslFlags } from "./openssl-flags.js";

/**
 * ossl_x509_likely_issued(): the names chain (X509_NAME_cmp), neither certificate is invalid
 * (ossl_x509v3_cache_extensions), the AKI fits the issuer (X509_check_akid) and the subject's signature
 * algorithm fits the issuer's key type.
 */
export function likelyIssued(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  if (issuer.subjectKey !== subject.issuerKey) return false;
  if (opensslFlags(issuer).invalid || opensslFlags(subject).invalid || !opensslFlags(issuer).keyDecodable) return false;
  if (!akidMatches(issuer, subject)) return false;
  // check_sig_alg_match() reads the algorithm inside the TBS (cert_info.signature).
  return signatureFitsKey(subject.innerSignatureAlgorithm.oid, issuer.keyAlgorithm);
}

/** find_issuer() / X509_STORE_CTX_get1_issuer(): the first time-valid candidate, else the one that expires last. */
function findIssuer(candidates: readonly ParsedCertificate[], subject: ParsedCertificate, chain: readonly ParsedCertificate[], at: Date): ParsedCertificate | undefined {
  let best: ParsedCertificate | undefined;
  for (const candidate of candidates) {
    if (!likelyIssued(candidate, subject)) continue;
    const selfIssuedLeafOnly = subject.selfIssued && chain.length === 1;
    if (!selfIssuedLeafOnly && chain.some((c) => sameCertificate(c, candidate))) continue;
    if (timeValid(candidate, at)) return candidate;
    if (!best || notAfterInstant(candidate) > notAfterInstant(best)) best = candidate;
  }
  return best;
}

export interface BuiltChain {
  chain: ParsedCertificate[];
  /** Certificates at depth < numUntrusted came from the peer; the rest from the trust store. */
  numUntrusted: number;
  trusted: boolean;
  /** The top certificate is self-signed. */
  selfSigned: boolean;
}

/** OpenSSL's default maximum verify depth (X509_VERIFY_PARAM depth 100). */
const MAX_DEPTH = 100;

/** Builds the path from `leaf` through `pool` to `anchors`. */
export function buildChain(leaf: ParsedCertificate, pool: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[], at: Date): BuiltChain {
  const chain = [leaf];
  const untrusted = pool.filter((c) => !sameCertificate(c, leaf));
  // X509_STORE_add_cert() keeps one copy of identical certificates.
  const store = anchors.filter((c, i) => anchors.findIndex((o) => sameCertificate(o, c)) === i);
  let numUntrusted = 1;
  let selfSigned = opensslFlags(leaf).selfSigned;
  let searchUntrusted = true;
  let trusted = false;
  for (let guard = 0; guard < 2 * MAX_DEPTH; guard++) {
    const top = chain[chain.length - 1]!;
    const trustedIssuer = chain.length > MAX_DEPTH ? undefined : findIssuer(store, top, chain.length === numUntrusted && selfSigned ? [top] : chain, at);
    let added = false;
    if (trustedIssuer) {
      if (!selfSigned) {
        chain.push(trustedIssuer);
        selfSigned = opensslFlags(trustedIssuer).selfSigned;
        added = true;
      } else if (chain.length === numUntrusted && sameCertificate(top, trustedIssuer)) {
        // An untrusted self-signed certificate only counts when the store holds exactly it (no key substitution).
        numUntrusted -= 1;
        chain[chain.length - 1] = trustedIssuer;
        added = true;
      }
    }
    if (added) {
      searchUntrusted = false;
      // check_trust(): a self-signed certificate from the store makes the chain trusted; without
      // X509_V_FLAG_PARTIAL_CHAIN (Node and nginx leave it off) anything else keeps searching the store.
      if (selfSigned) {
        trusted = true;
        break;
      }
      continue;
    }
    if (!searchUntrusted || selfSigned) break;
    const next = findIssuer(untrusted, top, chain, at);
    if (!next) break;
    untrusted.splice(untrusted.indexOf(next), 1);
    chain.push(next);
    numUntrusted += 1;
    selfSigned = opensslFlags(next).selfSigned;
  }
  return { chain, numUntrusted, trusted, selfSigned };
}
