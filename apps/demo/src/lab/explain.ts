/**
 * Explanations of Node's certificate verify codes for the demo server and the request client.
 * packages/x509 owns the real table (`explainVerifyError`); until it lands this file answers with a small
 * local fallback keyed by the same codes. Once x509 exports it, `explainCode` uses it and the fallback
 * table below is to be deleted.
 */
import * as x509 from "@mtls-lab/x509";

/** What the lab says about one verify code. */
export interface Explanation {
  title: string;
  explanation: string;
  fix: string;
}

/** Facts about the connection that change the explanation. */
export interface ExplainContext {
  /** False when the peer sent no certificate at all (Node then reports UNABLE_TO_GET_ISSUER_CERT). */
  peerSentCertificate?: boolean;
  /** Whose certificate was checked: the demo server checks the client's, the request client the server's. */
  side?: "client" | "server";
}

type ExplainFn = (code: string, context?: ExplainContext) => { title: string; explanation: string; fix: string };

// Codes as Node spells them (FACTS.md: "Node as mTLS server"); the text is the lab's own.
const fallback: Record<string, Explanation> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: {
    title: "Issued by a CA this side does not trust",
    explanation: "The certificate chains to a CA that is not in the trusted CA list, or to a CA with the same name but another key.",
    fix: "Issue the certificate from the trusted CA, or add its CA certificate to the trusted list (ca / --root-ca).",
  },
  UNABLE_TO_GET_ISSUER_CERT: {
    title: "Issuer certificate not found",
    explanation: "The issuer of a certificate in the chain is neither sent nor trusted (for example only an intermediate is trusted).",
    fix: "Trust the root CA and send the intermediates with the leaf (the -chain.crt file).",
  },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: {
    title: "Intermediate certificate missing",
    explanation: "The leaf was sent without the intermediate that issued it, so no path to a trusted root exists.",
    fix: "Send the chain file (leaf followed by its intermediates) instead of the leaf alone.",
  },
  DEPTH_ZERO_SELF_SIGNED_CERT: {
    title: "Self-signed certificate",
    explanation: "The certificate signed itself and is not in the trusted list.",
    fix: "Issue the certificate from a CA and trust that CA, instead of a self-signed certificate.",
  },
  SELF_SIGNED_CERT_IN_CHAIN: {
    title: "Untrusted root in the chain",
    explanation: "The chain ends in a self-signed root that is not in the trusted list.",
    fix: "Add that root to the trusted list only if it is the CA you mean to trust; otherwise reissue from the trusted CA.",
  },
  CERT_HAS_EXPIRED: {
    title: "Certificate expired",
    explanation: "A certificate in the chain is past its notAfter date.",
    fix: "Issue a new certificate and check the clocks of both machines.",
  },
  CERT_NOT_YET_VALID: {
    title: "Certificate not yet valid",
    explanation: "A certificate in the chain has a notBefore date in the future.",
    fix: "Check the clock of the machine that issued it and of this one, or wait until notBefore.",
  },
  INVALID_PURPOSE: {
    title: "Wrong certificate purpose",
    explanation: "The extended key usage does not allow this use (a client certificate needs clientAuth), or an issuer is not a CA.",
    fix: "Reissue with extendedKeyUsage = clientAuth for clients (serverAuth for servers) and CA:TRUE on issuers.",
  },
  CERT_SIGNATURE_FAILURE: {
    title: "Bad signature",
    explanation: "A signature in the chain does not verify: the certificate was altered or signed by another key.",
    fix: "Reissue the certificate from the right CA key; do not edit certificate files by hand.",
  },
  PATH_LENGTH_EXCEEDED: {
    title: "Path length exceeded",
    explanation: "A CA's pathLenConstraint allows fewer intermediates below it than the chain has.",
    fix: "Issue from a CA whose path length allows this depth, or shorten the chain.",
  },
  ERR_TLS_CERT_ALTNAME_INVALID: {
    title: "Name mismatch",
    explanation: "The host name used to connect is not in the server certificate's subjectAltName.",
    fix: "Connect with a name the certificate lists, or reissue it with that DNS name or IP address.",
  },
};

const noCertificate: Explanation = {
  title: "No certificate sent",
  explanation:
    "The client sent no certificate. Node reports this as UNABLE_TO_GET_ISSUER_CERT, which is misleading: nothing was checked.",
  fix: "Send a client certificate (curl --cert client.crt --key client.key, or cert/key in Node) issued by the CA this server trusts.",
};

const unknown = (code: string): Explanation => ({
  title: code,
  explanation: `The certificate failed verification with ${code}.`,
  fix: "Run `mtls-lab diagnose` on the certificates to find which check fails.",
});

/** The x509 package's `explainVerifyError` once it exists, else undefined. */
function findShared(): ExplainFn | undefined {
  const candidate = (x509 as Record<string, unknown>)["explainVerifyError"];
  return typeof candidate === "function" ? (candidate as ExplainFn) : undefined;
}

/** Explains one Node verify code; "no certificate sent" when the peer sent none. */
export function explainCode(code: string, context: ExplainContext = {}): Explanation {
  const shared = findShared();
  if (shared) {
    try {
      const { title, explanation, fix } = shared(code, context);
      return { title, explanation, fix };
    } catch {
      // A throw there must not take the lab down; the fallback still answers.
    }
  }
  if (code === "UNABLE_TO_GET_ISSUER_CERT" && context.side !== "server" && context.peerSentCertificate === false) return noCertificate;
  return fallback[code] ?? unknown(code);
}
