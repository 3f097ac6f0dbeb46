/**
 * Explanations of Node's verify codes for the demo server and the request client, from packages/x509's
 * `explainVerifyError` (one table for the CLI, the server and the workbench's Problems panel).
 */
// The explanations' own entry (a table, no imports), not the library's: the demo server and `request` then
// start without asn1js, pkijs and @peculiar/x509 (measured: 270 ms of start-up and 12 MB of heap).
import { explainVerifyError } from "@mtls-lab/x509/explain";

/** What the lab says about one verify code. */
export interface Explanation {
  title: string;
  explanation: string;
  fix: string;
  /** Learn chapter slug, when one explains it. */
  learn?: string;
}

/** Facts about the connection that change the explanation. */
export interface ExplainContext {
  /** False when the peer sent no certificate at all (Node then reports UNABLE_TO_GET_ISSUER_CERT). */
  peerSentCertificate?: boolean;
  /** Whose certificate was checked: the demo server checks the client's, the request client the server's. */
  side?: "client" | "server";
}

/** Explains one Node verify code; "no certificate sent" when the client sent none. */
export function explainCode(code: string, context: ExplainContext = {}): Explanation {
  const { title, explanation, fix, learn } = explainVerifyError(code, context);
  return { title, explanation, fix, ...(learn ? { learn } : {}) };
}
