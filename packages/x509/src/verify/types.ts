/** Types of chain verification, diagnosis and lint inputs and results. */
import type { ParsedCertificate } from "../model/types.js";
import type { CertificateInfo } from "../types.js";
import type { VerifyCode } from "./codes.js";

/**
 * One certificate input: PEM text (one or many blocks), DER bytes, a certificate `decode` returned, or the model
 * object itself. Decoded and parsed certificates are not read again.
 */
export type CertificateItem = string | Uint8Array | CertificateInfo | ParsedCertificate;

/** Certificates as one input or a list of them. */
export type CertificateSource = CertificateItem | readonly CertificateItem[];

/** Which side's certificate is being checked: "server" (serverAuth, host names) or "client" (clientAuth). */
export const VerifyPurpose = { server: "server", client: "client" } as const;
export type VerifyPurpose = (typeof VerifyPurpose)[keyof typeof VerifyPurpose];

/** CRLs as PEM text (X509 CRL blocks), DER bytes, or a list of either. */
export type CrlSource = string | Uint8Array | readonly (string | Uint8Array)[];

export interface VerifyChainInput {
  /** The leaf; when it holds several certificates the first is the leaf and the rest join `intermediates`. */
  leaf: CertificateSource;
  /** Untrusted certificates the peer sent (any order, extras allowed). */
  intermediates?: CertificateSource;
  /** The CA file: certificates trusted as anchors. Must not be empty. */
  trustAnchors: CertificateSource;
  /** Default "client" (what an mTLS server checks). */
  purpose?: VerifyPurpose;
  /** For the server purpose: the name or IP the client connects to (Node's checkServerIdentity). */
  host?: string;
  /** Verification time; default now. */
  at?: Date | string;
  /** CRLs to check revocation against (nginx ssl_crl, Node's crl option, openssl verify -CRLfile). */
  crls?: CrlSource;
  /**
   * "all" (the default with `crls`): every certificate of the chain needs its issuer's CRL, as nginx, HAProxy,
   * Apache and Node check (OpenSSL's -crl_check_all); "leaf": the leaf only (-crl_check).
   */
  crlCheck?: "leaf" | "all";
  /**
   * OpenSSL security level for key sizes and signature digests: 0 (default) checks nothing, as `openssl verify`;
   * Node 20 verifies at 1, Debian's nginx and curl at 2.
   */
  securityLevel?: number;
}

/** One failed check, in the order OpenSSL's x509_vfy.c reports it. */
export interface VerifyError {
  /** OpenSSL's code as Node spells it ("CERT_HAS_EXPIRED"), or ERR_TLS_CERT_ALTNAME_INVALID for the host check. */
  code: VerifyCode;
  /** 0 = leaf. */
  depth: number;
  /** OpenSSL's text ("certificate has expired"); Node's full message for the host check. */
  message: string;
}

export interface VerifyResult {
  valid: boolean;
  /** What `openssl verify` and curl report: the first error found. */
  firstError: VerifyCode | null;
  /**
   * What Node's `authorizationError` and nginx's `$ssl_client_verify` report: their verify callbacks carry on,
   * so the last chain error wins. The host check only runs when the chain verified (Node's tls.connect).
   */
  lastError: VerifyCode | null;
  errors: VerifyError[];
  /** Subjects of the built path, leaf first, trust anchor last when one was reached. */
  path: string[];
  /** True when the path ends at a trust anchor. */
  trusted: boolean;
}
