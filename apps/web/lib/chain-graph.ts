/**
 * Who issued whom in a bundle, from fields the x509 decoder already computed: a certificate's parent is
 * the one whose subject equals its issuer and, when both are present, whose subject key identifier equals
 * its authority key identifier (RFC 5280 4.2.1.1: the AKI exists to pick the right key among same-named CAs).
 */
import type { CertificateInfo } from "@mtls-lab/x509";

export type ChainCertificate = Pick<CertificateInfo, "subject" | "issuer" | "subjectKeyIdentifier" | "authorityKeyIdentifier" | "selfSigned">;

export interface ChainNode {
  /** Index into the input list. */
  index: number;
  children: ChainNode[];
}

function issues(parent: ChainCertificate, child: ChainCertificate): boolean {
  if (parent.subject !== child.issuer) return false;
  if (parent.subjectKeyIdentifier && child.authorityKeyIdentifier) return parent.subjectKeyIdentifier === child.authorityKeyIdentifier;
  return true;
}

/** The forest of issuance: roots are self-signed certificates or ones whose issuer is not in the list. */
export function buildChainGraph(certificates: readonly ChainCertificate[]): ChainNode[] {
  const nodes = certificates.map((_, index): ChainNode => ({ index, children: [] }));
  const roots: ChainNode[] = [];
  // Candidates by subject: a 5,000-certificate bundle must not cost 25 million comparisons on the main thread.
  const bySubject = new Map<string, number[]>();
  certificates.forEach((cert, index) => bySubject.set(cert.subject, [...(bySubject.get(cert.subject) ?? []), index]));
  certificates.forEach((cert, index) => {
    const candidates = bySubject.get(cert.issuer) ?? [];
    const parent = cert.selfSigned ? -1 : (candidates.find((i) => i !== index && issues(certificates[i]!, cert)) ?? -1);
    if (parent < 0) roots.push(nodes[index]!);
    else nodes[parent]!.children.push(nodes[index]!);
  });
  // A cycle (two CAs cross-signing each other) leaves nodes unreachable from any root: list them as roots.
  const reached = new Set<number>();
  const walk = (n: ChainNode) => {
    if (reached.has(n.index)) return;
    reached.add(n.index);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  for (const n of nodes) if (!reached.has(n.index)) { roots.push(n); walk(n); }
  return roots;
}
