/**
 * OpenSSL's security levels as they apply to certificates (SSL_CTX_set_security_level, x509_vfy.c
 * check_key_level / check_sig_level): a key or signature weaker than the level's bits is refused.
 * Node 20 runs at level 1 (it does not read the system openssl.cnf); Debian's nginx and curl read
 * /etc/ssl/openssl.cnf, which sets level 2. Measured: Node accepts an RSA-1024 client, nginx answers
 * "FAILED:EE certificate key too weak", curl refuses to load it.
 */
import { SignatureAlgorithms } from "../model/algorithms.js";
import type { ParsedCertificate } from "../model/types.js";

/** Minimum security bits per level (SSL_CTX_set_security_level(3)). */
const MIN_BITS = [0, 80, 112, 128, 192, 256] as const;

/** The bits a level requires; 0 for level 0 or below. */
export function minimumBits(level: number): number {
  return MIN_BITS[Math.max(0, Math.min(5, Math.floor(level)))] ?? 0;
}

/** Security bits of a public key, as EVP_PKEY_get_security_bits reports them. */
export function keySecurityBits(cert: ParsedCertificate): number {
  if (cert.keyAlgorithm === "RSA" || cert.keyAlgorithm === "RSA-PSS") {
    // NIST SP 800-57 table used by OpenSSL's ossl_ifc_ffc_compute_security_bits.
    const bits = cert.keyBits;
    if (bits >= 15360) return 256;
    if (bits >= 7680) return 192;
    if (bits >= 3072) return 128;
    if (bits >= 2048) return 112;
    if (bits >= 1024) return 80;
    return 0;
  }
  if (cert.keyAlgorithm === "EC") return Math.floor(cert.keyBits / 2);
  if (cert.keyAlgorithm === "Ed25519") return 128;
  if (cert.keyAlgorithm === "Ed448") return 224;
  return 0;
}

/** Security bits of the certificate's signature: its digest's (OpenSSL 3.0 counts SHA-1 as 63, MD5 as 39). */
export function signatureSecurityBits(cert: ParsedCertificate): number {
  const algorithm = SignatureAlgorithms[cert.signatureOid];
  if (!algorithm) return 0;
  if (algorithm.key === "Ed25519") return 128;
  if (algorithm.key === "Ed448") return 224;
  switch (algorithm.hash) {
    case "MD5":
      return 39;
    case "SHA-1":
      return 63;
    case "SHA-256":
      return 128;
    case "SHA-384":
      return 192;
    case "SHA-512":
      return 256;
    default:
      // RSA-PSS: its hash is in the parameters; SHA-256 is what every current tool writes.
      return 128;
  }
}
