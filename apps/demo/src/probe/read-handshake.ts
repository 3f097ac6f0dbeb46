/**
 * Reads a recorded probe connection with packages/handshake's capture decoder (the one the site uses):
 * the server's CertificateRequest (RFC 8446 4.3.2, encrypted; RFC 5246 7.4.4, plaintext) and the alerts
 * each side sent (RFC 8446 6), decrypted with the connection's key log where they were encrypted.
 */
import { decodeStreams, type DecodedStep, type FieldValue, type Fields } from "@mtls-lab/handshake";
import type { ConnectionRecord } from "./connection.js";

/** What the server's CertificateRequest said. */
export interface CertificateRequestInfo {
  /** certificate_authorities: the CA names the server accepts (empty: it names none). */
  caNames: string[];
  /** signature_algorithms (1.3) / supported_signature_algorithms (1.2). */
  signatureAlgorithms: string[];
  /** TLS 1.2 only: certificate_types. */
  certificateTypes?: string[];
}

/** An alert on the wire. */
export interface AlertInfo {
  code: number;
  name: string;
  from: "client" | "server";
}

/** What the decoder found in one connection. */
export interface HandshakeReading {
  certificateRequest: CertificateRequestInfo | null;
  alerts: AlertInfo[];
  /** What the decoder read of the server's side: version, cipher suite and certificate chain (DER, leaf first). */
  server: { version: string; cipher: string | null; chain: Uint8Array[] };
  /** The decoder's notes and, when it failed, its one-line reason. */
  notes: string[];
}

function strings(value: FieldValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** "ecdsa_secp256r1_sha256 (0x0403)" -> "ecdsa_secp256r1_sha256"; an unnamed one keeps its number ("0x0302"). */
function schemeNames(value: FieldValue | undefined): string[] {
  return strings(value).map((name) => (/^unknown \((0x[0-9a-f]+)\)$/i.exec(name)?.[1] ?? name.replace(/ \(0x[0-9a-f]+\)$/i, "")));
}

function requestInfo(step: DecodedStep): CertificateRequestInfo {
  const fields = step.fields;
  const extensions = (fields["extensions"] ?? {}) as Fields;
  if (fields["certificate_request_context"] !== undefined) {
    return { caNames: strings(extensions["certificate_authorities"]), signatureAlgorithms: schemeNames(extensions["signature_algorithms"]) };
  }
  return {
    caNames: strings(fields["certificate_authorities"]),
    signatureAlgorithms: schemeNames(fields["supported_signature_algorithms"]),
    certificateTypes: strings(fields["certificate_types"]),
  };
}

/** Decodes a recorded connection; a stream the decoder cannot read gives a note, not an error. */
export async function readHandshake(record: ConnectionRecord): Promise<HandshakeReading> {
  const none = { version: "unknown", cipher: null, chain: [] };
  if (record.client.length === 0 || record.server.length === 0) return { certificateRequest: null, alerts: [], server: none, notes: ["nothing to decode"] };
  try {
    const decoded = await decodeStreams({ client: new Uint8Array(record.client), server: new Uint8Array(record.server), keylog: record.keylog });
    const request = decoded.steps.find((step) => step.from === "server" && step.name === "CertificateRequest");
    const alerts = decoded.steps
      .filter((step) => step.name === "Alert" && typeof step.fields["code"] === "number")
      .map((step) => ({ code: step.fields["code"] as number, name: String(step.fields["description"]).replace(/ \(\d+\)$/, ""), from: step.from }));
    const certificate = decoded.steps.find((step) => step.from === "server" && step.name === "Certificate");
    const server = { version: decoded.tlsVersion, cipher: decoded.cipherSuite ?? null, chain: (certificate?.certificates ?? []).map((c) => c.der) };
    return { certificateRequest: request ? requestInfo(request) : null, alerts, server, notes: decoded.notes };
  } catch (error) {
    return { certificateRequest: null, alerts: [], server: none, notes: [`the handshake could not be decoded: ${error instanceof Error ? error.message : String(error)}`] };
  }
}
