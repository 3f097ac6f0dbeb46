/**
 * What a certificate may be used for, read from the decoder's fields, for the summary's badges.
 * RFC 5280 4.2.1.12: no extendedKeyUsage means any purpose; 4.2.1.9: only CA:TRUE certificates issue.
 */
import type { CertificateInfo } from "@mtls-lab/x509";

export const Usage = { server: "server", client: "client", ca: "CA" } as const;
export type Usage = (typeof Usage)[keyof typeof Usage];

/** The uses among server, client and CA that the certificate's extensions allow. */
export function usagesOf(cert: Pick<CertificateInfo, "extendedKeyUsage" | "basicConstraints" | "keyUsage">): Usage[] {
  const out: Usage[] = [];
  const eku = cert.extendedKeyUsage;
  const anyEku = eku.length === 0 || eku.includes("anyExtendedKeyUsage");
  const isCa = cert.basicConstraints?.ca === true;
  if (isCa) out.push(Usage.ca);
  // A CA certificate counts as a leaf only where its EKU names the purpose (openssl req -x509 leaves are CA:TRUE).
  if ((!isCa && anyEku) || eku.includes("serverAuth")) out.push(Usage.server);
  if ((!isCa && anyEku) || eku.includes("clientAuth")) out.push(Usage.client);
  return out;
}
