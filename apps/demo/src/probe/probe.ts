/**
 * `mtls-lab probe`: asks a running server whether it wants a client certificate, which CAs it names,
 * whether it insists, and, with the user's certificate, what it makes of it. Two connections at most
 * (without, then with a certificate), each a handshake and one request; nothing else is sent.
 */
import { decodeCertificate, verifyChain, type CertificateInfo } from "@mtls-lab/x509";
import { probeConnection, type ConnectionOptions, type ConnectionRecord } from "./connection.js";
import { classifyAttempt, requiredFrom, type AttemptOutcome } from "./outcome.js";
import { diagnoseAttempt, type ClientFiles, type ProbeCause } from "./probe-diagnosis.js";
import { readHandshake, type CertificateRequestInfo } from "./read-handshake.js";
import type { ProbeTarget } from "./target.js";

/** Options of `runProbe`. */
export interface ProbeOptions {
  target: ProbeTarget;
  /** The CA file for the server: its name for the report and its PEM; absent: `roots`. */
  ca?: { file: string; pem: string };
  /** What verifies the server without --ca: the system's CA bundle (its path) or Node's bundled roots. */
  roots: { description: string; pem?: string };
  client?: { files: ClientFiles; credentials: NonNullable<ConnectionOptions["credentials"]> };
  tls?: "1.2" | "1.3";
  timeoutMs: number;
  method?: "GET" | "HEAD";
}

/** A server certificate as reported. */
export interface ReportedCertificate {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  subjectAltNames: string[];
}

/** The probe's report: the JSON of `probe --json` (docs/cli.md). */
export interface ProbeReport {
  target: { host: string; port: number; servername: string };
  tls: { version: string; cipher: string };
  server: {
    /** The chain verified against `trust` and the name matched: never true by default. */
    verified: boolean;
    trust: string;
    chainError: string | null;
    nameError: string | null;
    chain: ReportedCertificate[];
  };
  clientAuth: {
    requested: boolean;
    required: "yes" | "no" | "unknown";
    caNames: string[];
    signatureAlgorithms: string[];
    certificateTypes?: string[];
    withoutCertificate: AttemptOutcome;
  };
  attempt: { certificate: string; key?: string; outcome: AttemptOutcome } | null;
  diagnosis: { leading: ProbeCause | null; findings: string[] };
  notes: string[];
}

/** Why the target could not be probed: one line. */
export class ProbeTargetError extends Error {}

function describeBadTarget(record: ConnectionRecord, options: ProbeOptions): string | null {
  const where = `${options.target.host}:${options.target.port}`;
  const seconds = options.timeoutMs / 1000;
  if (record.error?.phase === "tcp") {
    if (record.error.code === "ECONNREFUSED") return `${where} refused the connection (nothing listens there)`;
    if (record.error.code === "ENOTFOUND" || record.error.code === "EAI_AGAIN") return `${options.target.host}: the name does not resolve`;
    return `${where}: could not connect (${record.error.code}: ${record.error.message})`;
  }
  if (record.server.length > 0 && record.server[0] !== 0x15 && record.server[0] !== 0x16) {
    const text = record.server.subarray(0, 8).toString("latin1");
    return /^HTTP\//.test(text) ? `${where} is not TLS: it answered the ClientHello in plain HTTP ("${text.trim()}...")` : `${where} is not TLS: its first byte is 0x${record.server[0]!.toString(16).padStart(2, "0")}, not a TLS record`;
  }
  if (record.timedOut && record.server.length === 0) return `${where} accepted the connection but sent nothing in ${seconds} s (--timeout to wait longer)`;
  if (!record.handshake && record.server.length === 0 && record.error) return `${where} closed the connection before any TLS answer (${record.error.code})`;
  return null;
}

async function describeChain(chain: Buffer[]): Promise<ReportedCertificate[]> {
  const out: ReportedCertificate[] = [];
  for (const der of chain) {
    try {
      const info: CertificateInfo = await decodeCertificate(new Uint8Array(der));
      out.push({
        subject: info.subject,
        issuer: info.issuer,
        notBefore: info.notBefore,
        notAfter: info.notAfter,
        sha256: info.fingerprints.sha256,
        subjectAltNames: info.subjectAltNames.map((n) => `${n.type}:${n.value}`),
      });
    } catch (error) {
      out.push({ subject: `(undecodable: ${error instanceof Error ? error.message : String(error)})`, issuer: "", notBefore: "", notAfter: "", sha256: "", subjectAltNames: [] });
    }
  }
  return out;
}

/** Probes the target; throws ProbeTargetError for targets that are not a TLS server answering in time. */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const ca = options.ca ? [options.ca.pem] : options.roots.pem ? [options.roots.pem] : undefined;
  const base = { target: options.target, tls: options.tls, timeoutMs: options.timeoutMs, method: options.method ?? "GET", ...(ca ? { ca } : {}) } as const;
  const first = await probeConnection(base);
  const bad = describeBadTarget(first, options);
  if (bad) throw new ProbeTargetError(bad);
  const firstReading = await readHandshake(first);
  const withoutCertificate = classifyAttempt(first, firstReading);
  const request: CertificateRequestInfo | null = firstReading.certificateRequest;
  const notes = [...firstReading.notes];

  let attempt: ProbeReport["attempt"] = null;
  let diagnosis: ProbeReport["diagnosis"] = { leading: null, findings: [] };
  let handshake = first.handshake;
  if (options.client) {
    const second = await probeConnection({ ...base, credentials: options.client.credentials });
    const secondReading = await readHandshake(second);
    const outcome = classifyAttempt(second, secondReading);
    attempt = { certificate: options.client.files.certificate, ...(options.client.files.key ? { key: options.client.files.key } : {}), outcome };
    handshake ??= second.handshake;
    diagnosis = diagnoseAttempt(options.client.files, outcome, request ?? secondReading.certificateRequest, handshake?.version ?? "");
  }

  const trust = options.ca ? `--ca ${options.ca.file}` : options.roots.description;
  let server: ProbeReport["server"];
  if (handshake) {
    // The chain as sent (decoded from the wire): Node's peer certificate links only what it could verify.
    const sent = firstReading.server.chain.length > 0 ? firstReading.server.chain.map((der) => Buffer.from(der)) : handshake.chain;
    server = { verified: handshake.authorized && handshake.nameError === null, trust, chainError: handshake.authorizationError, nameError: handshake.nameError, chain: await describeChain(sent) };
  } else {
    // The handshake failed (TLS 1.2 with a required certificate): the chain was plaintext, verify it here.
    const chain = firstReading.server.chain;
    server = { verified: false, trust, chainError: "the handshake did not complete", nameError: null, chain: await describeChain(chain.map((der) => Buffer.from(der))) };
    const anchors = ca?.join("\n");
    if (chain.length > 0 && anchors) {
      try {
        const result = await verifyChain({ leaf: chain[0]!, intermediates: chain.slice(1), trustAnchors: anchors, purpose: "server", host: options.target.servername, securityLevel: 1 });
        const nameError = result.errors.find((e) => e.code === "ERR_TLS_CERT_ALTNAME_INVALID");
        server = { ...server, verified: result.valid, chainError: result.errors.find((e) => e !== nameError)?.code ?? null, nameError: nameError?.message ?? null };
      } catch (error) {
        server.chainError = error instanceof Error ? error.message : String(error);
      }
    }
  }
  if (!server.verified) {
    diagnosis.findings.unshift(`The server is NOT verified (${[server.chainError, server.nameError].filter(Boolean).join("; ")}): what it says was read without trusting it.${options.ca ? "" : " Give the CA that issued its certificate with --ca."}`);
  }
  return {
    target: { host: options.target.host, port: options.target.port, servername: options.target.servername },
    tls: { version: handshake?.version ?? firstReading.server.version, cipher: handshake?.cipher ?? firstReading.server.cipher ?? "unknown" },
    server,
    clientAuth: {
      requested: request !== null,
      required: requiredFrom(request !== null, withoutCertificate),
      caNames: request?.caNames ?? [],
      signatureAlgorithms: request?.signatureAlgorithms ?? [],
      ...(request?.certificateTypes ? { certificateTypes: request.certificateTypes } : {}),
      withoutCertificate,
    },
    attempt,
    diagnosis,
    notes,
  };
}
