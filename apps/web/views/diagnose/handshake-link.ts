/**
 * Where a diagnosis fails in the Handshake view: a flow and a step of packages/handshake, as the link
 * /handshake/?flow=...&step=... . The step comes from the package's failure map, the flow from the verdict.
 */
import { failureStep } from "@mtls-lab/handshake";
import type { SideDiagnosis } from "@mtls-lab/x509";
import type { ServerChoice } from "./diagnose-settings";

export interface HandshakeTarget {
  flow: string;
  step: string;
}

/** The code a side's failure is known by: the verify result's last error (what Node and nginx report). */
function failureCode(side: SideDiagnosis): string | null {
  return side.verify?.lastError ?? side.verify?.firstError ?? null;
}

/** The walkthrough flow and step that show what happened to `side`. */
export function handshakeTarget(side: SideDiagnosis, server: ServerChoice, tls: "1.2" | "1.3"): HandshakeTarget {
  const v = tls === "1.2" ? "tls12" : "tls13";
  const full = `${v}-mtls`;
  const tlsVersion = tls === "1.2" ? "TLSv1.2" : "TLSv1.3";
  if (side.side === "server") {
    const code = failureCode(side);
    const found = code ? failureStep(code, { certificateOf: "server", tlsVersion }) : undefined;
    return { flow: full, step: found?.stepId ?? "server-certificate" };
  }
  const nginx = server !== "node";
  switch (side.verdict) {
    case "no-certificate":
      if (nginx) return { flow: `nginx-${tls === "1.2" ? "tls12-" : ""}${server === "nginx-on" ? "on-no-client-cert" : "optional"}`, step: "client-certificate-empty" };
      return { flow: `${v}-no-client-cert`, step: "client-certificate-empty" };
    case "accepted-unverified":
      return { flow: `nginx-${tls === "1.2" ? "tls12-" : ""}optional-no-ca`, step: "client-certificate" };
    case "rejected": {
      const code = failureCode(side);
      const found = code ? failureStep(code, { certificateOf: "client", tlsVersion }) : undefined;
      return { flow: `${v}-rejected-client`, step: found?.stepId ?? "client-certificate" };
    }
    default:
      return { flow: full, step: "client-certificate" };
  }
}

/** The route of a target, relative to the base path (next/link adds it). */
export function handshakeHref(target: HandshakeTarget): string {
  const params = new URLSearchParams({ flow: target.flow, step: target.step });
  return `/handshake/?${params.toString()}`;
}
