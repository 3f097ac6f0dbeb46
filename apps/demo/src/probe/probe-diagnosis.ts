/**
 * The probe's diagnosis: what went wrong with the client certificate, from the user's files and what
 * the server said (its CertificateRequest's CA names and signature algorithms, and the outcome).
 */
import { MistakeKind, p12WrongPassword, type CertificateInfo } from "@mtls-lab/x509";
import type { AttemptOutcome } from "./outcome.js";
import type { CertificateRequestInfo } from "./read-handshake.js";

/** Kinds only a live server can show (the others are diagnose's MistakeKind). */
export const ProbeMistake = {
  issuerNotAccepted: "client-issuer-not-accepted",
  signatureNotAccepted: "client-signature-not-accepted",
  notRequested: "client-certificate-not-requested",
  rejectedUnexplained: "client-rejected-unexplained",
} as const;
export type ProbeMistake = (typeof ProbeMistake)[keyof typeof ProbeMistake];

/** The leading cause of a probe attempt (same shape as diagnose's, less the peer predictions). */
export interface ProbeCause {
  kind: MistakeKind | ProbeMistake;
  severity: "error" | "warning";
  cause: string;
  fix: string;
  files: string[];
}

/** The user's client files, as given. */
export interface ClientFiles {
  /** --cert or --p12. */
  certificate: string;
  key?: string;
  p12?: boolean;
  /** The certificates in the file (leaf first); empty when the file could not be read (a PKCS#12 with a wrong password). */
  chain: CertificateInfo[];
}

function cn(name: string): string {
  const match = /(?:^|,)CN=((?:\\.|[^,\\])*)/.exec(name);
  return match ? `CN=${match[1]!.replace(/\\(.)/g, "$1")}` : name;
}

/** Canonical form for comparing names: attribute order and case as the decoder prints them, spaces collapsed. */
function same(a: string, b: string): boolean {
  const canon = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
  return canon(a) === canon(b);
}

/** TLS SignatureScheme names (RFC 8446 4.2.3) a key of this kind can sign with. */
function schemesFor(leaf: CertificateInfo): RegExp {
  const key = leaf.publicKey;
  if (key.algorithm === "EC") return key.curve === "P-384" ? /^ecdsa_secp384r1/ : key.curve === "P-521" ? /^ecdsa_secp521r1/ : /^ecdsa_secp256r1/;
  if (key.algorithm === "Ed25519") return /^ed25519$/;
  if (key.algorithm === "Ed448") return /^ed448$/;
  return /^rsa_/;
}

/** Explains the attempt with a client certificate. Null when it was accepted and nothing is off. */
export function diagnoseAttempt(files: ClientFiles, outcome: AttemptOutcome, request: CertificateRequestInfo | null, tlsVersion: string): { leading: ProbeCause | null; findings: string[] } {
  const findings: string[] = [];
  const leaf = files.chain[0];
  const shown = `\`${files.certificate}\``;
  if (outcome.verdict === "not-loaded") {
    if (files.p12 && /mac verify failure|bad decrypt/i.test(outcome.error?.message ?? "")) {
      const cause = p12WrongPassword(files.certificate);
      return { leading: { kind: cause.kind, severity: "error", cause: cause.cause, fix: cause.fix, files: cause.files }, findings };
    }
    return {
      leading: {
        kind: MistakeKind.clientKeyMismatch,
        severity: "error",
        cause: `The client could not load ${shown}${files.key ? ` with \`${files.key}\`` : ""}: ${outcome.error?.message ?? "unknown error"}. Nothing was sent.`,
        fix: `Give the key made with that certificate: mtls-lab probe ... --cert ${files.certificate} --key <its key> (check: mtls-lab diagnose --client-chain ${files.certificate} --client-key ${files.key ?? "KEY"} ...)`,
        files: [files.certificate, ...(files.key ? [files.key] : [])],
      },
      findings,
    };
  }
  if (!leaf) return { leading: null, findings };

  const issuers = files.chain.map((c) => c.issuer);
  const subjects = files.chain.map((c) => c.subject);
  const caNames = request?.caNames ?? [];
  const named = caNames.length > 0 && [...issuers, ...subjects].some((name) => caNames.some((ca) => same(ca, name)));
  const top = files.chain[files.chain.length - 1]!;
  if (!request) {
    findings.push("The server did not ask for a client certificate (no CertificateRequest), so the certificate was not sent.");
  }
  if (leaf.expired) findings.push(`${shown} (${cn(leaf.subject)}) expired on ${leaf.notAfter.slice(0, 10)}.`);
  if (leaf.notYetValid) findings.push(`${shown} (${cn(leaf.subject)}) is not valid before ${leaf.notBefore}.`);
  if (leaf.extendedKeyUsage.length > 0 && !leaf.extendedKeyUsage.includes("clientAuth")) findings.push(`${shown} has extendedKeyUsage ${leaf.extendedKeyUsage.join(", ")} without clientAuth.`);
  const schemes = request?.signatureAlgorithms ?? [];
  const canSign = schemes.length === 0 || schemes.some((s) => schemesFor(leaf).test(s));
  if (!canSign) findings.push(`The server accepts signatures ${schemes.join(", ")}; the key of ${shown} (${leaf.publicKey.algorithm}${leaf.publicKey.curve ? ` ${leaf.publicKey.curve}` : ` ${leaf.publicKey.size}`}) cannot make any of them.`);
  if (caNames.length === 0 && request) findings.push(`The server names no acceptable CAs (${tlsVersion === "TLSv1.3" ? "no certificate_authorities extension" : "an empty certificate_authorities list"}): nginx with only ssl_trusted_certificate, or openssl s_server -no_ca_names. Its trust cannot be compared from here.`);

  if (outcome.verdict === "accepted") {
    return { leading: null, findings };
  }
  if (!request) {
    return { leading: { kind: ProbeMistake.notRequested, severity: "warning", cause: "The server never asked for a client certificate, so the attempt did not use it.", fix: "Check the URL and port (is this the mTLS endpoint?) and the server's settings: nginx ssl_verify_client on; Node requestCert: true.", files: [] }, findings };
  }
  if (caNames.length > 0 && !named) {
    const issuedBy = top.selfSigned ? cn(top.subject) : cn(top.issuer);
    return {
      leading: {
        kind: ProbeMistake.issuerNotAccepted,
        severity: "error",
        cause: `The server accepts certificates from ${caNames.map(cn).join(", ")}; yours (${shown}, ${cn(leaf.subject)}) was issued ${files.chain.length > 1 ? "under" : "by"} ${issuedBy}.${files.chain.length === 1 && !leaf.selfSigned ? ` If ${issuedBy} is an intermediate under one of those, send it too (--cert with the leaf, then the intermediate).` : ""}`,
        fix: `Use a client certificate issued by ${caNames.map(cn).join(" or ")}, or have the server trust ${issuedBy} (nginx: ssl_client_certificate <a file with ${issuedBy}>; Node: ca).`,
        files: [files.certificate],
      },
      findings,
    };
  }
  if (leaf.expired) return { leading: { kind: MistakeKind.clientExpired, severity: "error", cause: findings.find((f) => f.includes("expired"))!, fix: `Issue a new client certificate from ${cn(leaf.issuer)} and use it: --cert <new chain> --key <its key>.`, files: [files.certificate] }, findings };
  if (leaf.notYetValid) return { leading: { kind: MistakeKind.clientNotYetValid, severity: "error", cause: findings.find((f) => f.includes("not valid before"))!, fix: "Check the clocks of the issuing machine and the server, or reissue the certificate with a start date in the past.", files: [files.certificate] }, findings };
  if (leaf.extendedKeyUsage.length > 0 && !leaf.extendedKeyUsage.includes("clientAuth")) {
    return { leading: { kind: MistakeKind.clientMissingClientAuth, severity: "error", cause: findings.find((f) => f.includes("clientAuth"))!, fix: "Reissue it with extendedKeyUsage = clientAuth.", files: [files.certificate] }, findings };
  }
  if (!canSign) return { leading: { kind: ProbeMistake.signatureNotAccepted, severity: "error", cause: findings[findings.length - 1]!, fix: "Use a certificate whose key type the server accepts (EC P-256 or RSA 2048 are accepted everywhere).", files: [files.certificate] }, findings };
  return {
    leading: {
      kind: ProbeMistake.rejectedUnexplained,
      severity: "error",
      cause:
        caNames.length > 0
          ? `The server rejected the certificate (${outcome.summary}) although it names ${caNames.map(cn).join(", ")}, the name of your chain's issuer. A CA name is only a name: the usual reason is a CA of that name with another key (another kit's, or one made again); an expired, revoked or unsuitable certificate is the other. The server's reason stays on the server.`
          : `The server rejected the certificate (${outcome.summary}) and names no CAs, so its trust cannot be compared from here. The server's reason stays on the server.`,
      fix: `Compare with the server's CA file: mtls-lab diagnose --client-ca <the server's client CA file> --client-chain ${files.certificate}${files.key ? ` --client-key ${files.key}` : ""} --server-chain <its chain>; or read its log (nginx: error_log at info level says "client SSL certificate verify error: (N:reason)").`,
      files: [files.certificate],
    },
    findings,
  };
}
