/**
 * OpenSSL 3.0 verify codes as Node spells them in `authorizationError` / `err.code`, with OpenSSL's number
 * and its X509_verify_cert_error_string text (what nginx puts after "FAILED:" and curl after
 * "SSL certificate problem: "). Numbers and strings checked against OpenSSL 3.0.19 (x509_vfy.h; X509_verify_cert_error_string, see test/differential/openssl-lib.py --strings).
 */
export const VerifyCodes = {
  UNSPECIFIED: { number: 1, message: "unspecified certificate verification error" },
  UNABLE_TO_GET_ISSUER_CERT: { number: 2, message: "unable to get issuer certificate" },
  UNABLE_TO_GET_CRL: { number: 3, message: "unable to get certificate CRL" },
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: { number: 6, message: "unable to decode issuer public key" },
  CERT_SIGNATURE_FAILURE: { number: 7, message: "certificate signature failure" },
  CRL_SIGNATURE_FAILURE: { number: 8, message: "CRL signature failure" },
  CERT_NOT_YET_VALID: { number: 9, message: "certificate is not yet valid" },
  CERT_HAS_EXPIRED: { number: 10, message: "certificate has expired" },
  CRL_NOT_YET_VALID: { number: 11, message: "CRL is not yet valid" },
  CRL_HAS_EXPIRED: { number: 12, message: "CRL has expired" },
  ERROR_IN_CERT_NOT_BEFORE_FIELD: { number: 13, message: "format error in certificate's notBefore field" },
  ERROR_IN_CERT_NOT_AFTER_FIELD: { number: 14, message: "format error in certificate's notAfter field" },
  DEPTH_ZERO_SELF_SIGNED_CERT: { number: 18, message: "self-signed certificate" },
  SELF_SIGNED_CERT_IN_CHAIN: { number: 19, message: "self-signed certificate in certificate chain" },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { number: 20, message: "unable to get local issuer certificate" },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { number: 21, message: "unable to verify the first certificate" },
  CERT_CHAIN_TOO_LONG: { number: 22, message: "certificate chain too long" },
  CERT_REVOKED: { number: 23, message: "certificate revoked" },
  INVALID_CA: { number: 79, message: "invalid CA certificate" },
  PATH_LENGTH_EXCEEDED: { number: 25, message: "path length constraint exceeded" },
  INVALID_PURPOSE: { number: 26, message: "unsuitable certificate purpose" },
  // Node has no names for the next ones: its authorizationError says "UNSPECIFIED" (Node 20 src/crypto/crypto_common.cc, X509ErrorCode).
  KEY_USAGE_NO_CERTSIGN: { number: 32, message: "key usage does not include certificate signing" },
  UNABLE_TO_GET_CRL_ISSUER: { number: 33, message: "unable to get CRL issuer certificate" },
  KEYUSAGE_NO_CRL_SIGN: { number: 35, message: "key usage does not include CRL signing" },
  UNHANDLED_CRITICAL_CRL_EXTENSION: { number: 36, message: "unhandled critical CRL extension" },
  UNHANDLED_CRITICAL_EXTENSION: { number: 34, message: "unhandled critical extension" },
  PERMITTED_VIOLATION: { number: 47, message: "permitted subtree violation" },
  EXCLUDED_VIOLATION: { number: 48, message: "excluded subtree violation" },
  SUBTREE_MINMAX: { number: 49, message: "name constraints minimum and maximum not supported" },
  UNSUPPORTED_CONSTRAINT_TYPE: { number: 51, message: "unsupported name constraint type" },
  UNSUPPORTED_CONSTRAINT_SYNTAX: { number: 52, message: "unsupported or invalid name constraint syntax" },
  UNSUPPORTED_NAME_SYNTAX: { number: 53, message: "unsupported or invalid name syntax" },
  HOSTNAME_MISMATCH: { number: 62, message: "hostname mismatch" },
  // Security-level checks (check_key_level / check_sig_level); Node reports them as UNSPECIFIED.
  EE_KEY_TOO_SMALL: { number: 66, message: "EE certificate key too weak" },
  CA_KEY_TOO_SMALL: { number: 67, message: "CA certificate key too weak" },
  CA_MD_TOO_WEAK: { number: 68, message: "CA signature digest algorithm too weak" },
  IP_ADDRESS_MISMATCH: { number: 64, message: "IP address mismatch" },
  EC_KEY_EXPLICIT_PARAMS: { number: 94, message: "Certificate public key has explicit ECC parameters" },
  // Not an OpenSSL code: Node's checkServerIdentity, run only when the chain verified.
  ERR_TLS_CERT_ALTNAME_INVALID: { number: 0, message: "Hostname/IP does not match certificate's altnames" },
} as const;
export type VerifyCode = keyof typeof VerifyCodes;

/** The OpenSSL codes Node 20 names (src/crypto/crypto_common.cc); any other is reported as "UNSPECIFIED". */
const NODE_NAMED: ReadonlySet<string> = new Set([
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_CRL",
  "CRL_SIGNATURE_FAILURE",
  "CRL_NOT_YET_VALID",
  "CRL_HAS_EXPIRED",
  "CERT_REVOKED",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "CERT_SIGNATURE_FAILURE",
  "CERT_NOT_YET_VALID",
  "CERT_HAS_EXPIRED",
  "ERROR_IN_CERT_NOT_BEFORE_FIELD",
  "ERROR_IN_CERT_NOT_AFTER_FIELD",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "CERT_CHAIN_TOO_LONG",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "INVALID_PURPOSE",
  "HOSTNAME_MISMATCH",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The code as Node's `authorizationError` spells it. */
export function nodeCode(code: VerifyCode): string {
  return NODE_NAMED.has(code) ? code : "UNSPECIFIED";
}

/** OpenSSL's text for a code ("certificate has expired"). */
export function verifyMessage(code: VerifyCode): string {
  return VerifyCodes[code].message;
}

/** Code name from OpenSSL's number (as `openssl verify` prints "error 20 at 0 depth lookup: ..."). */
export function codeFromNumber(number: number): VerifyCode | undefined {
  return (Object.keys(VerifyCodes) as VerifyCode[]).find((code) => VerifyCodes[code].number === number && number !== 0);
}
