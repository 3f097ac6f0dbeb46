/**
 * The failure map: every verify or diagnosis failure code to the handshake step where it happens.
 * A certificate problem is found where the peer reads that certificate: the client's certificate at the
 * client Certificate step, the server's at the server Certificate step.
 */
import type { Flow, FlowStep, StepFailure } from "../types.js";
import { flows } from "./flows.js";

/** Where a failure happens. */
export interface FailureLocation {
  code: string;
  flowId: string;
  stepId: string;
  step: FlowStep;
  failure: StepFailure;
}

export interface FailureStepOptions {
  /** Whose certificate failed; default "client" (mTLS Lab's usual question). */
  certificateOf?: "client" | "server";
  /** Default "TLSv1.3". */
  tlsVersion?: "TLSv1.3" | "TLSv1.2";
}

/** Codes that only ever concern one side, whatever `certificateOf` says. */
const SERVER_SIDE = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH", "IP_ADDRESS_MISMATCH", "SERVER_KEY_MISMATCH", "missing-san"]);
const CLIENT_SIDE = new Set(["NO_CLIENT_CERTIFICATE", "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE", "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", "no-client-certificate"]);

/** Codes a client sees that name the server's reaction rather than a certificate check. */
const ALIASES: Readonly<Record<string, string>> = {
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: "NO_CLIENT_CERTIFICATE",
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: "NO_CLIENT_CERTIFICATE",
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: "CERT_HAS_EXPIRED",
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: "INVALID_PURPOSE",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED: "CERT_REVOKED",
  ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE: "INVALID_PURPOSE",
  // @mtls-lab/x509 diagnose() finding ids; pass the finding's `side` as `certificateOf`.
  "key-mismatch": "KEY_MISMATCH",
  "key-unreadable": "KEY_MISMATCH",
  "client-ca-mismatch": "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "leaf-in-ca-file": "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "pinned-leaf": "DEPTH_ZERO_SELF_SIGNED_CERT",
  "missing-intermediate": "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "missing-eku": "INVALID_PURPOSE",
  "missing-san": "ERR_TLS_CERT_ALTNAME_INVALID",
  "no-client-certificate": "NO_CLIENT_CERTIFICATE",
};

function locate(flow: Flow, from: "client" | "server", code: string): FailureLocation | undefined {
  for (const step of flow.steps) {
    if (step.from !== from || step.postHandshake) continue;
    const failure = step.failures.find((f) => f.codes.includes(code));
    if (failure) return { code, flowId: flow.id, stepId: step.id, step, failure };
  }
  return undefined;
}

/**
 * The step where `code` (a Node/OpenSSL verify code such as CERT_HAS_EXPIRED, a Node error code such as
 * ERR_TLS_CERT_ALTNAME_INVALID, a diagnosis code such as NO_CLIENT_CERTIFICATE / KEY_MISMATCH, or an
 * @mtls-lab/x509 diagnose() finding id such as "missing-intermediate" with its side) fails,
 * in the full handshake of the chosen version. Undefined for a code no step knows.
 */
export function failureStep(code: string, options: FailureStepOptions = {}): FailureLocation | undefined {
  const flow: Flow = options.tlsVersion === "TLSv1.2" ? flows["tls12-mtls"] : flows["tls13-mtls"];
  const canonical = ALIASES[code] ?? code;
  const certificateOf = SERVER_SIDE.has(code) ? "server" : CLIENT_SIDE.has(code) ? "client" : (options.certificateOf ?? "client");
  // The client's certificate is read by the server, so the failing step is one the client sent, and vice versa.
  const found = locate(flow, certificateOf, canonical) ?? locate(flow, certificateOf === "client" ? "server" : "client", canonical);
  return found ? { ...found, code } : undefined;
}

/** Every code the failure map knows, for documentation and tests. */
export function knownFailureCodes(): string[] {
  const codes = new Set<string>(Object.keys(ALIASES));
  for (const flow of [flows["tls13-mtls"], flows["tls12-mtls"]]) {
    for (const step of flow.steps) for (const failure of step.failures) for (const c of failure.codes) codes.add(c);
  }
  return [...codes].sort();
}
