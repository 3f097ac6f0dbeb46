/**
 * The extra checks of diagnose(): the set-up mistakes behind most rejected mTLS handshakes, each with the
 * fix (never "disable verification").
 */
import { checkCa } from "../verify/check-extensions.js";
import { likelyIssued } from "../verify/build-chain.js";
import { sameCertificate } from "../model/certificate.js";
import type { ParsedCertificate } from "../model/types.js";
import type { VerifyResult } from "../verify/types.js";
import type { Finding } from "./types.js";

export interface SideCertificates {
  side: "server" | "client";
  /** What the peer sends, leaf first; empty when it sends nothing. */
  chain: ParsedCertificate[];
  /** The verifier's CA file. */
  anchors: ParsedCertificate[];
  result: VerifyResult | null;
}

function who(side: "server" | "client"): { peer: string; file: string; eku: string } {
  return side === "client"
    ? { peer: "client", file: "server's client CA file (ssl_client_certificate / ca)", eku: "clientAuth" }
    : { peer: "server", file: "client's CA file (--cacert / ca)", eku: "serverAuth" };
}

/** Findings about one side's certificates and the CA file that checks them. */
export function findSideIssues({ side, chain, anchors, result }: SideCertificates): Finding[] {
  const findings: Finding[] = [];
  const { peer, file, eku } = who(side);
  const leaf = chain[0];
  if (!leaf) return findings;

  // The peer's own self-signed certificate as the CA file (`openssl req -x509` for both sides): pinning, whatever its flags.
  // `openssl req -x509` marks it CA:TRUE, which makes it worse: its key can issue more trusted certificates.
  for (const anchor of anchors) {
    if (sameCertificate(anchor, leaf) && leaf.selfSigned) {
      const signer = leaf.basicConstraints?.ca === true
        ? ` It is also marked CA:TRUE, so whoever holds the ${peer}'s key can issue more ${peer} certificates that will be trusted.`
        : "";
      findings.push({
        id: "pinned-leaf",
        severity: "warning",
        side,
        message: `The ${file} holds the ${peer}'s own self-signed certificate (${leaf.subject}). It works, but it pins this one certificate: every renewal must replace the CA file too, and nothing else can ever be trusted by it.${signer}`,
        fix: `Create a CA, issue the ${peer} certificate from it (CA:FALSE, EKU ${eku}), and put the CA certificate (not the leaf) into the ${file}.`,
        learn: "chains-and-trust",
      });
      continue;
    }
    // Another leaf in the CA file: OpenSSL only accepts it as an anchor when it is self-signed (no partial chains).
    if (checkCa(anchor) !== 0 && anchor.basicConstraints?.ca !== false) continue;
    findings.push({
      id: "leaf-in-ca-file",
      severity: result?.valid ? "info" : "error",
      side,
      message: `The ${file} holds a leaf certificate (${anchor.subject}, not a CA). Node and nginx do not accept partial chains, so a leaf there trusts nothing but itself when it is self-signed.`,
      fix: `Put the CA that issued the ${peer} certificates into the ${file}.`,
      learn: "chains-and-trust",
    });
  }

  const codes = new Set(result?.errors.map((e) => e.code) ?? []);
  if (codes.has("UNABLE_TO_GET_ISSUER_CERT_LOCALLY") && !leaf.selfSigned) {
    const top = chain.reduce((current, cert) => (likelyIssued(cert, current) ? cert : current), leaf);
    const sentIssuer = chain.slice(1).some((c) => likelyIssued(c, leaf));
    // The CA file holds a CA of the issuer's very name that did not sign the leaf: another CA of the same name.
    const namesake = sentIssuer ? undefined : anchors.find((anchor) => anchor.subject === leaf.issuer);
    if (namesake) {
      findings.push({
        id: "client-ca-mismatch",
        severity: "error",
        side,
        message: `The ${file} holds a CA named ${leaf.issuer}, but not the one that signed the ${peer}'s certificate: same name, another key (a CA made again, or another kit's).`,
        fix: `Put the CA that really issued the ${peer} certificate into the ${file}, or reissue the ${peer} certificate from the CA in it (compare the leaf's authorityKeyIdentifier with the CA's subjectKeyIdentifier).`,
        learn: "chains-and-trust",
      });
    } else if (!sentIssuer && result?.lastError === "UNABLE_TO_VERIFY_LEAF_SIGNATURE") {
      findings.push({
        id: "missing-intermediate",
        severity: "error",
        side,
        message: `The ${peer} sends its leaf alone, without the intermediate CA that signed it: its issuer (${leaf.issuer}) is neither sent nor in the ${file}.`,
        fix: `Send the chain: configure the ${peer} with a file holding the leaf followed by its intermediate CA (${peer === "server" ? "nginx ssl_certificate server-chain.crt, Node cert: chain" : "curl --cert client-chain.crt, Node cert: chain"}); if the leaf comes straight from a root, trust that root in the ${file}.`,
        learn: "chains-and-trust",
      });
    } else {
      findings.push({
        id: "client-ca-mismatch",
        severity: "error",
        side,
        message: `The ${file} (${anchors.map((a) => a.subject).join("; ")}) did not issue the ${peer}'s chain, which ends at ${top.issuer}.`,
        fix: `Put the CA that issued the ${peer} chain (${top.issuer}) into the ${file}, or issue the ${peer} certificate from a CA already in it.`,
        learn: "chains-and-trust",
      });
    }
  }

  if (leaf.extKeyUsage && !leaf.extKeyUsage.includes(eku)) {
    findings.push({
      id: "missing-eku",
      severity: "error",
      side,
      message: `The ${peer} certificate's extended key usage (${leaf.extKeyUsage.join(", ")}) lacks ${eku}: OpenSSL rejects it with INVALID_PURPOSE ("unsuitable certificate purpose").`,
      fix: `Reissue the ${peer} certificate with extendedKeyUsage ${eku}.`,
      learn: "extensions",
    });
  }

  if (side === "server" && !leaf.hasSubjectAltName) {
    findings.push({
      id: "missing-san",
      severity: "error",
      side,
      message: `The server certificate has no subjectAltName: Node says "Hostname/IP does not match certificate's altnames: Cert does not contain a DNS name" (or falls back to the CN), browsers refuse it.`,
      fix: "Reissue the server certificate with the host names and IPs clients use as SAN entries (subjectAltName=DNS:host,IP:addr).",
      learn: "names",
    });
  }
  return findings;
}
