/**
 * The probe report as text: what was negotiated, who the server is (and whether that was verified),
 * what it asks of clients, and what became of the attempt with the user's certificate.
 */
import type { ProbeReport } from "./probe.js";

const requiredWords = { yes: "required", no: "optional (a client without one is let in)", unknown: "unknown" } as const;

/** Formats a report for the terminal. */
export function formatProbeReport(report: ProbeReport): string {
  const { target, tls, server, clientAuth, attempt, diagnosis } = report;
  const lines = [
    `probe ${target.host}:${target.port}${target.servername !== target.host ? ` (servername ${target.servername})` : ""}`,
    `TLS: ${tls.version}, ${tls.cipher}`,
    `server certificate: ${server.verified ? "verified" : "NOT VERIFIED"} against ${server.trust}${server.chainError ? `: ${server.chainError}` : ""}${server.nameError ? `; name: ${server.nameError}` : ""}`,
  ];
  server.chain.forEach((cert, depth) => lines.push(`  ${depth} ${cert.subject}  issued by ${cert.issuer}  valid until ${cert.notAfter}`));
  if (!clientAuth.requested) {
    lines.push(`client certificate: not requested (without one: ${clientAuth.withoutCertificate.summary})`);
  } else {
    lines.push(`client certificate: requested, ${requiredWords[clientAuth.required]} (without one: ${clientAuth.withoutCertificate.summary})`);
    lines.push(`  acceptable CA names: ${clientAuth.caNames.length > 0 ? clientAuth.caNames.join("; ") : "none sent"}`);
    lines.push(`  signature algorithms: ${clientAuth.signatureAlgorithms.join(", ") || "none"}`);
  }
  if (attempt) lines.push(`with ${attempt.certificate}: ${attempt.outcome.summary}`);
  if (diagnosis.leading) {
    lines.push("", `${diagnosis.leading.severity === "error" ? "cause" : "warning"} [${diagnosis.leading.kind}]: ${diagnosis.leading.cause}`, `fix: ${diagnosis.leading.fix}`);
  }
  const rest = diagnosis.findings.filter((f) => f !== diagnosis.leading?.cause);
  if (rest.length > 0) lines.push("", "findings:", ...rest.map((f) => `  - ${f}`));
  return `${lines.join("\n")}\n`;
}
