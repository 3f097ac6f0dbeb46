/**
 * The leading cause of a diagnosis: the one mistake that explains what the peers will say, in the order
 * the peers meet them. A peer loads its own files first (a wrong key stops it before it connects); then
 * the client checks the server's Certificate; then the server checks the client's. Set-ups that work but
 * are unsafe come last, as warnings. The other findings follow, without the ones the cause already says.
 */
import type { CryptoProvider } from "../types.js";
import { buildContext } from "./mistake-context.js";
import { MistakeKind, type LeadingCause } from "./mistake-kinds.js";
import { findClientMistake } from "./mistakes-client.js";
import { findLoadMistake } from "./mistakes-load.js";
import { findServerMistake, findServerWarning } from "./mistakes-server.js";
import { applyCurlPartialChain } from "./partial-chain.js";
import type { DiagnoseInput, Diagnosis, Finding } from "./types.js";

/** Findings a leading cause of each kind already says (by finding id, on the same side or any side). */
const COVERS: Partial<Record<MistakeKind, readonly Finding["id"][]>> = {
  [MistakeKind.serverKeyMismatch]: ["key-mismatch"],
  [MistakeKind.clientKeyMismatch]: ["key-mismatch"],
  [MistakeKind.clientChainWrongOrder]: ["key-mismatch", "leaf-in-ca-file"],
  [MistakeKind.clientIntermediateWithoutLeaf]: ["key-mismatch"],
  [MistakeKind.clientWeakCrypto]: ["weak-certificate"],
  [MistakeKind.serverWeakCrypto]: ["weak-certificate"],
  [MistakeKind.serverCaAsClientCa]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.clientCaUnrelated]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.clientCaFileWithoutRoot]: ["client-ca-mismatch", "missing-intermediate", "leaf-in-ca-file"],
  [MistakeKind.serverCaFileWithoutRoot]: ["client-ca-mismatch", "missing-intermediate", "leaf-in-ca-file"],
  [MistakeKind.clientFromAnotherCa]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.clientLeafWithoutIntermediate]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.clientCaAsServerCa]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.serverCaUnrelated]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.serverChainMissingIntermediate]: ["client-ca-mismatch", "missing-intermediate"],
  [MistakeKind.serverNameMismatch]: ["missing-san"],
  [MistakeKind.clientMissingClientAuth]: ["missing-eku"],
  [MistakeKind.noClientCertificate]: ["no-client-certificate"],
  [MistakeKind.selfSignedLeafAsCa]: ["pinned-leaf"],
  [MistakeKind.selfSignedClient]: ["leaf-in-ca-file"],
};

/** The side of the connection whose certificate a kind is about (findings are filed by certificate). */
function certificateSide(kind: MistakeKind): "server" | "client" | null {
  const serverCertificate: readonly MistakeKind[] = [
    MistakeKind.serverKeyMismatch, MistakeKind.serverWeakCrypto, MistakeKind.clientCaAsServerCa, MistakeKind.serverCaUnrelated, MistakeKind.serverCaFileWithoutRoot,
    MistakeKind.serverChainMissingIntermediate, MistakeKind.serverExpired, MistakeKind.serverNameMismatch, MistakeKind.serverCertificateInvalid,
  ];
  if (serverCertificate.includes(kind)) return "server";
  if (kind === MistakeKind.p12WrongPassword) return null;
  return "client";
}

/** Finds the leading cause of `diagnosis`; null when nothing is wrong. */
export async function findLeadingCause(input: DiagnoseInput, diagnosis: Diagnosis, crypto: CryptoProvider = globalThis.crypto): Promise<LeadingCause | null> {
  const context = buildContext(input, diagnosis, crypto);
  return (
    (await findLoadMistake(context)) ??
    (await findServerMistake(context)) ??
    (await findClientMistake(context)) ??
    (await findServerWarning(context))
  );
}

/**
 * The findings that remain beside `leading`: those it does not already say, each once (the same id, side
 * and message reported twice collapses to one).
 */
export function secondaryFindings(findings: readonly Finding[], leading: LeadingCause | null): Finding[] {
  const covered = leading ? (COVERS[leading.kind] ?? []) : [];
  const side = leading ? certificateSide(leading.kind) : null;
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const finding of findings) {
    if (covered.includes(finding.id) && (side === null || finding.side === side)) continue;
    const key = `${finding.id}\u0000${finding.side}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(finding);
  }
  return out;
}

/** Adds `leading` and `secondary` to a diagnosis. */
export async function withLeadingCause(input: DiagnoseInput, diagnosis: Diagnosis, crypto: CryptoProvider = globalThis.crypto): Promise<Diagnosis> {
  const leading = await findLeadingCause(input, diagnosis, crypto);
  const out: Diagnosis = applyCurlPartialChain({ ...diagnosis, leading, secondary: secondaryFindings(diagnosis.findings, leading) }, leading);
  // The side the mistake breaks says the same cause, not the verify code's generic words.
  const side = leading && leading.severity === "error" ? certificateSide(leading.kind) : null;
  if (out.leading && side && ["rejected", "accepted-unverified", "no-certificate"].includes(out[side].verdict)) out[side] = { ...out[side], cause: out.leading.cause, fix: out.leading.fix };
  return out;
}
