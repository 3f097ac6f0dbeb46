/**
 * Export helpers: certificates as PEM or DER, private keys as PKCS#8 (PEM or DER), public keys as SPKI PEM.
 */
import { toPem } from "../encoding.js";
import type { CryptoProvider } from "../types.js";
import { toX509 } from "./issue.js";
import type { CertificateInput } from "./types.js";
import { badArgument } from "../decode/errors.js";

/** DER bytes of a certificate given as DER, PEM or parsed. */
export function exportCertificateDer(certificate: CertificateInput): Uint8Array {
  return new Uint8Array(toX509(certificate).rawData);
}

/** PEM ("CERTIFICATE") of a certificate; several certificates become one bundle in the given order. */
export function exportCertificatePem(...certificates: CertificateInput[]): string {
  return certificates.map((certificate) => toPem(exportCertificateDer(certificate), "CERTIFICATE")).join("");
}

/** PKCS#8 DER of an extractable private key (RFC 5208 / RFC 5958). */
export async function exportPrivateKeyDer(key: CryptoKey, crypto: CryptoProvider = globalThis.crypto): Promise<Uint8Array> {
  if (key?.type !== "private") throw badArgument("Bad key: expected a private CryptoKey");
  if (!key.extractable) throw badArgument("Bad key: the private key is not extractable");
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", key));
}

/** PKCS#8 PEM ("PRIVATE KEY"), which OpenSSL 3, Node, nginx, curl, Go and Python all read. */
export async function exportPrivateKeyPem(key: CryptoKey, crypto: CryptoProvider = globalThis.crypto): Promise<string> {
  return toPem(await exportPrivateKeyDer(key, crypto), "PRIVATE KEY");
}

/** SubjectPublicKeyInfo PEM ("PUBLIC KEY"). */
export async function exportPublicKeyPem(key: CryptoKey, crypto: CryptoProvider = globalThis.crypto): Promise<string> {
  if (key?.type !== "public") throw badArgument("Bad key: expected a public CryptoKey");
  return toPem(new Uint8Array(await crypto.subtle.exportKey("spki", key)), "PUBLIC KEY");
}
