/**
 * What client and server print at the end of a flow: read from the flow data (the failing step's
 * measured strings), never restated here. The code names which failure of the step the flow shows.
 */
import type { Flow, StepFailure } from "@mtls-lab/handshake";

/** The failure each failure flow shows, by a code of packages/handshake's failure map. */
const FLOW_FAILURE: Readonly<Record<string, { stepId: string; code: string }>> = {
  "tls13-no-client-cert": { stepId: "client-certificate", code: "NO_CLIENT_CERTIFICATE" },
  "tls12-no-client-cert": { stepId: "client-certificate", code: "NO_CLIENT_CERTIFICATE" },
  "tls13-rejected-client": { stepId: "client-certificate", code: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" },
  "tls12-rejected-client": { stepId: "client-certificate", code: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY" },
};

export interface FlowOutcome {
  /** A success flow (the full handshakes and post-handshake auth) or a failure / nginx variant. */
  failure: boolean;
  /** The failure as the step data describes it, when the flow has one. */
  stepFailure?: StepFailure;
  /** The last message: the alert or the HTTP answer. */
  ending?: string;
}

/** The outcome of `flow` for the "what client and server print" box. */
export function outcomeOf(flow: Flow, fullFlow: Flow): FlowOutcome {
  const success = flow.id === "tls13-mtls" || flow.id === "tls12-mtls" || flow.id === "tls13-post-handshake-auth";
  if (success) return { failure: false };
  const last = flow.steps[flow.steps.length - 1];
  const ending = last && (last.name === "Alert" || last.application) ? `${last.name}: ${last.summary}` : undefined;
  const which = FLOW_FAILURE[flow.id];
  // Failures are described on the full handshake's steps; the failure flows reuse those steps.
  const step = which ? fullFlow.steps.find((s) => s.id === which.stepId) : undefined;
  const stepFailure = which ? step?.failures.find((f) => f.codes.includes(which.code)) : undefined;
  return { failure: true, stepFailure, ending };
}
