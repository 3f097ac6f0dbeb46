/**
 * Path building as OpenSSL 3.0's build_chain() does it (x509_vfy.c): trusted issuers first at every step,
 * then the peer's untrusted pool (any order, extras ignored, time-valid issuers preferred); a self-signed
 * untrusted top is only accepted when the trust store holds that exact certificate.
 */
import { sameCertificate } from "../model/certificate.js";
import { signatureFitsKey } from "../model/algorithms.js";
import type { ParsedCertificate } from "../model/types.js";

/** OpenSSL's ossl_x509_likely_issued(): names chain, AKI matches SKI (when both exist), key fits the signature. */
export function likelyIssued(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  if (issuer.subjectKey !== subject.issuerKey) return false;
  if (subject.authorityKeyId !== undefined && issuer.subjectKeyId !== undefined && subject.authorityKeyId !== issuer.subjectKeyId) return false;
  if (subject.authoritySerial !== undefined && subject.authoritySerial !== issuer.serial) return false;
  return signatureFitsKey(subject.signatureOid, issuer.keyAlgorithm);
}

function timeValid(cert: ParsedCertificate, at: Date): boolean {
  return cert.notBefore.getTime() <= at.getTime() && cert.notAfter.getTime() >= at.getTime();
}

/** find_issuer(): the first time-valid candidate, else the one that expires last. */
function findIssuer(candidates: readonly ParsedCertificate[], subject: ParsedCertificate, chain: readonly ParsedCertificate[], at: Date): ParsedCertificate | undefined {
  let best: ParsedCertificate | undefined;
  for (const candidate of candidates) {
    if (!likelyIssued(candidate, subject)) continue;
    const selfIssuedLeafOnly = subject.selfIssued && chain.length === 1;
    if (!selfIssuedLeafOnly && chain.some((c) => sameCertificate(c, candidate))) continue;
    if (timeValid(candidate, at)) return candidate;
    if (!best || candidate.notAfter > best.notAfter) best = candidate;
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

/** Builds the path from `leaf` through `pool` to `anchors`. */
export function buildChain(leaf: ParsedCertificate, pool: readonly ParsedCertificate[], anchors: readonly ParsedCertificate[], at: Date): BuiltChain {
  const chain = [leaf];
  const untrusted = pool.filter((c) => !sameCertificate(c, leaf));
  let numUntrusted = 1;
  let selfSigned = leaf.selfSigned;
  let searchUntrusted = true;
  let trusted = false;
  const maxDepth = 100; // OpenSSL's default verify depth
  for (let guard = 0; guard < 2 * maxDepth; guard++) {
    const top = chain[chain.length - 1]!;
    const trustedIssuer = chain.length > maxDepth ? undefined : findIssuer(anchors, top, chain.length === numUntrusted && selfSigned ? [top] : chain, at);
    let added = false;
    if (trustedIssuer) {
      if (!selfSigned) {
        chain.push(trustedIssuer);
        selfSigned = trustedIssuer.selfSigned;
        added = true;
      } else if (chain.length === numUntrusted) {
        // An untrusted self-signed certificate only counts when the store holds exactly it (no key substitution).
        if (sameCertificate(top, trustedIssuer)) {
          numUntrusted -= 1;
          chain[chain.length - 1] = trustedIssuer;
          added = true;
        }
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
    selfSigned = next.selfSigned;
  }
  return { chain, numUntrusted, trusted, selfSigned };
}
