/**
 * explainVerifyError(): what one verify code means, why it happens and the fix, in the words the demo
 * server and the Problems panel show. Fixes never suggest switching verification off.
 */
import type { VerifyCode } from "./codes.js";

/** Where in the handshake a failure shows up. */
export const HandshakeStep = {
  serverCertificate: "server-certificate",
  clientCertificate: "client-certificate",
  certificateVerify: "certificate-verify",
  /** Node checks the host name once the handshake is done, before 'secureConnect'. */
  hostCheck: "host-check",
  /** nginx answers 400 only when the first HTTP request arrives. */
  httpRequest: "http-request",
} as const;
export type HandshakeStep = (typeof HandshakeStep)[keyof typeof HandshakeStep];

export interface VerifyExplanation {
  title: string;
  explanation: string;
  fix: string;
  step: HandshakeStep;
  /** Learn chapter slug. */
  learn?: string;
}

export interface ExplainContext {
  /** Whose certificate failed: "client" (checked by the server, the default) or "server". */
  side?: "client" | "server";
  /** False when the peer sent no certificate at all. */
  peerSentCertificate?: boolean;
  /** Subject of the certificate at the failing depth, for the text. */
  subject?: string;
}

type Entry = { title: string; explanation: string; fix: string; learn?: string };

const ENTRIES: Record<string, (who: string, issuerFile: string) => Entry> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (who, file) => ({
    title: "Unknown issuer",
    explanation: `The ${who} chain leads to a CA that is not in the ${file}, or the ${who} did not send the intermediate that links it there.`,
    fix: `Put the CA that issued the ${who} certificate into the ${file}, and have the ${who} send its intermediates (a chain file, leaf first).`,
    learn: "chains-and-trust",
  }),
  UNABLE_TO_GET_ISSUER_CERT: (who, file) => ({
    title: "Issuer missing from the trust store",
    explanation: `The ${file} holds an intermediate but not the root above it: OpenSSL only stops at a self-signed anchor.`,
    fix: `Add the root CA to the ${file} (keep the intermediate if you like).`,
    learn: "chains-and-trust",
  }),
  // Node reports this one code for two set-ups (measured): a leaf sent without its intermediate, and a lone
  // leaf from a CA the verifier does not trust. Without the chain at hand, name both.
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (who, file) => ({
    title: "Issuer of the leaf not found",
    explanation: `The ${who} sent a leaf whose issuer is neither in what it sent nor in the ${file}: either the intermediate CA that signed it was left out of the chain, or the ${who} certificate comes from another CA than the one in the ${file}.`,
    fix: `Check who issued it (openssl x509 -noout -issuer -in <${who} certificate>). An intermediate of your CA: configure the ${who} with the chain file (leaf, then the intermediate). Another CA: trust that CA in the ${file}, or reissue the ${who} certificate from yours.`,
    learn: "chains-and-trust",
  }),
  DEPTH_ZERO_SELF_SIGNED_CERT: (who, file) => ({
    title: "Self-signed certificate",
    explanation: `The ${who} certificate signed itself and is not in the ${file}.`,
    fix: `Issue the ${who} certificate from a CA and trust that CA; or, if you mean to pin this one certificate, put exactly it into the ${file}.`,
    learn: "chains-and-trust",
  }),
  SELF_SIGNED_CERT_IN_CHAIN: (who, file) => ({
    title: "Untrusted root in the chain",
    explanation: `The ${who} sent a chain ending in a self-signed root that is not in the ${file}.`,
    fix: `Trust that root in the ${file} if it is yours; otherwise the ${who} uses a CA you do not trust.`,
    learn: "chains-and-trust",
  }),
  CERT_HAS_EXPIRED: (who) => ({
    title: "Certificate expired",
    explanation: `A certificate in the ${who} chain is past its notAfter date.`,
    fix: `Issue a new ${who} certificate (and renew the CA if it is the one that expired); check the clocks of both machines.`,
    learn: "validity",
  }),
  CERT_NOT_YET_VALID: (who) => ({
    title: "Certificate not yet valid",
    explanation: `A certificate in the ${who} chain has a notBefore date in the future.`,
    fix: "Check the clock of the verifying machine, or reissue the certificate with a notBefore in the past.",
    learn: "validity",
  }),
  INVALID_PURPOSE: (who) => ({
    title: "Wrong certificate purpose",
    explanation: `A certificate in the ${who} chain does not allow ${who === "client" ? "clientAuth" : "serverAuth"}: its extended key usage lacks it, its key usage forbids it, or an issuer is not a CA.`,
    fix: `Reissue the ${who} certificate with extendedKeyUsage ${who === "client" ? "clientAuth" : "serverAuth"} (and make sure every issuer has CA:TRUE and no EKU that excludes it).`,
    learn: "extensions",
  }),
  INVALID_CA: () => ({
    title: "Issuer is not a CA",
    explanation: "A certificate that signed another one has basicConstraints CA:FALSE, no basicConstraints, or a key usage without keyCertSign.",
    fix: "Sign leaves with a real CA certificate (basicConstraints critical CA:TRUE, keyUsage keyCertSign).",
    learn: "extensions",
  }),
  PATH_LENGTH_EXCEEDED: () => ({
    title: "Path length exceeded",
    explanation: "A CA with a pathLen constraint has more CAs below it than it allows.",
    fix: "Issue the leaf from a CA that may sign it, or reissue the constrained CA with a larger pathLen.",
    learn: "extensions",
  }),
  CERT_SIGNATURE_FAILURE: (who) => ({
    title: "Bad signature",
    explanation: `A signature in the ${who} chain does not verify: the certificate was altered, or it is paired with the wrong issuer.`,
    fix: "Reissue the certificate from its CA and deploy the files unmodified.",
    learn: "chains-and-trust",
  }),
  KEY_USAGE_NO_CERTSIGN: () => ({
    title: "Issuer may not sign certificates",
    explanation: "The issuer's key usage lacks keyCertSign; OpenSSL's code has no name in Node, which reports UNSPECIFIED.",
    fix: "Reissue the CA with keyUsage keyCertSign, cRLSign.",
    learn: "extensions",
  }),
  UNHANDLED_CRITICAL_EXTENSION: () => ({
    title: "Unknown critical extension",
    explanation: "A certificate carries an extension marked critical that OpenSSL does not understand.",
    fix: "Reissue it without that extension or with it marked non-critical.",
  }),
  PERMITTED_VIOLATION: () => ({
    title: "Name outside the CA's permitted names",
    explanation: "A CA with name constraints issued a certificate for a name outside its permitted subtrees.",
    fix: "Issue the certificate for a permitted name, or from a CA allowed to issue it.",
  }),
  EXCLUDED_VIOLATION: () => ({
    title: "Name excluded by the CA",
    explanation: "A CA with name constraints issued a certificate for a name it excludes.",
    fix: "Issue the certificate for a permitted name, or from a CA allowed to issue it.",
  }),
  CERT_REVOKED: (who) => ({
    title: "Certificate revoked",
    explanation: `The ${who} certificate's serial number is on its CA's certificate revocation list (CRL).`,
    fix: `Issue the ${who} a new certificate (mtls-lab kit, or your CA); a revoked one never becomes valid again.`,
    learn: "production",
  }),
  UNABLE_TO_GET_CRL: () => ({
    title: "No CRL for a CA of the chain",
    explanation: "Revocation checking is on for every certificate of the chain (nginx ssl_crl, HAProxy crl-file, Apache SSLCARevocationCheck chain, Node's crl option), but the CRL file has no CRL from the issuer of one of them: usually the root's CRL is missing when only the leaf's CA's CRL was given.",
    fix: "Put one CRL from every CA of the chain, root included, into the CRL file (mtls-lab kit --crl writes client-crls.pem that way).",
    learn: "production",
  }),
  CRL_HAS_EXPIRED: () => ({
    title: "The CRL has expired",
    explanation: "The CRL's nextUpdate has passed: OpenSSL then refuses every certificate that CRL covers, valid or not.",
    fix: "Re-sign the CRL before its nextUpdate (mtls-lab crl --kit DIR) and reload the server; schedule it.",
    learn: "production",
  }),
  CRL_NOT_YET_VALID: () => ({
    title: "The CRL is not yet valid",
    explanation: "The CRL's thisUpdate lies in the future for this machine: its clock is behind the CA's.",
    fix: "Fix the clock (NTP), or re-sign the CRL with a thisUpdate in the past.",
    learn: "production",
  }),
  CRL_SIGNATURE_FAILURE: () => ({
    title: "CRL signature failure",
    explanation: "A CRL names a CA of the chain as its issuer, but that CA's key did not sign it: a CRL from another CA with the same name, or a damaged file.",
    fix: "Re-issue the CRL with the CA that issued the certificates (the same key), and keep CRLs of different kits apart.",
    learn: "production",
  }),
  ERR_TLS_CERT_ALTNAME_INVALID: () => ({
    title: "Host name mismatch",
    explanation: "The name or IP the client connects to is not in the server certificate's subjectAltName (the CN is not used when a SAN exists).",
    fix: "Reissue the server certificate with the host as a SAN DNS name (or IP address), or connect using a name it holds.",
    learn: "names",
  }),
};

const NO_CERTIFICATE: Entry = {
  title: "No client certificate sent",
  explanation: "The client sent no certificate; Node reports it as UNABLE_TO_GET_ISSUER_CERT, which is misleading.",
  fix: "Configure the client with its certificate and key (curl --cert/--key, Node cert/key); also check the client's certificate is issued by a CA the server names in its CertificateRequest.",
  learn: "client-certificates",
};

/** Explains one Node verify code; "no certificate sent" when the peer sent none. */
export function explainVerifyError(code: VerifyCode | string, context: ExplainContext = {}): VerifyExplanation {
  const side = context.side ?? "client";
  const step = code === "ERR_TLS_CERT_ALTNAME_INVALID" ? HandshakeStep.hostCheck : side === "client" ? HandshakeStep.clientCertificate : HandshakeStep.serverCertificate;
  // Node names "no certificate" UNABLE_TO_GET_ISSUER_CERT (measured, Node 20); the caller tells us when nothing was sent.
  if (side === "client" && context.peerSentCertificate === false) return { ...NO_CERTIFICATE, step: HandshakeStep.clientCertificate };
  const file = side === "client" ? "server's client CA file" : "client's CA file";
  const entry = ENTRIES[code]?.(side, file) ?? {
    title: code === "UNSPECIFIED" ? "Unnamed OpenSSL verify error" : code,
    explanation: code === "UNSPECIFIED" ? "OpenSSL reported a verify error that Node has no name for (for example an issuer without keyCertSign)." : `OpenSSL reported ${code}.`,
    fix: "Run `mtls-lab verify` on the chain to see which check fails and at which depth.",
  };
  const subject = context.subject ? ` (${context.subject})` : "";
  return { ...entry, explanation: entry.explanation + (subject ? ` Certificate: ${subject.trim()}` : ""), step };
}
