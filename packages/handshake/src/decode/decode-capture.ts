/**
 * The capture decoder: a capture (schema v1) in, the annotated steps of its handshake out, with both
 * Finished messages recomputed from the key log.
 */
import * as x509 from "@mtls-lab/x509";
import { digestHex, toHex } from "@mtls-lab/x509";
import type { Capture, DecodedCertificate, DecodedHandshake, DecodedStep } from "../types.js";
import { decodeDirection, type DirectionMessage } from "./direction.js";
import { checkFinished } from "./finished.js";
import { CIPHER_SUITES } from "./names.js";
import { eventAt, prepareCapture } from "./prepare.js";

/**
 * Reads each certificate with @mtls-lab/x509's model (parseCertificate: the same subject and issuer strings
 * inspect, verify and lint print), and fingerprints it.
 */
async function decodeCertificates(message: DirectionMessage, crypto: Crypto): Promise<DecodedCertificate[]> {
  const out: DecodedCertificate[] = [];
  for (const raw of message.certificates) {
    const item: DecodedCertificate = { sha256: await digestHex("SHA-256", raw.der, crypto), der: raw.der, rangeInMessage: [raw.start, raw.end] };
    try {
      const model = x509.parseCertificate(raw.der);
      item.subject = model.subject;
      item.issuer = model.issuer;
    } catch {
      // A certificate x509 cannot read is still shown by fingerprint and bytes.
    }
    out.push(item);
  }
  return out;
}

/** Puts each certificate's fingerprint and names into its certificate_list entry, so --json shows them too. */
function annotateCertificateList(step: DecodedStep): void {
  const list = step.fields["certificate_list"];
  if (!Array.isArray(list)) return;
  step.certificates?.forEach((certificate, index) => {
    const entry = list[index];
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return;
    entry["sha256"] = certificate.sha256;
    if (certificate.subject !== undefined) entry["subject"] = certificate.subject;
    if (certificate.issuer !== undefined) entry["issuer"] = certificate.issuer;
  });
}

/**
 * Decodes a capture: accepts the parsed JSON, its text, or an already validated `Capture`.
 * Throws `HandshakeError` (one line, with a code) for a malformed capture or malformed TLS bytes.
 */
export async function decodeCapture(input: Capture | unknown, crypto: Crypto = globalThis.crypto): Promise<DecodedHandshake> {
  const { records, keys, allowTruncated, notes, streams, tls13, suite, keylog, clientRandom, tlsVersion, suiteCode } = await prepareCapture(input, crypto);
  const split = { client: { records: records.client }, server: { records: records.server } };
  const decoded = {
    client: await decodeDirection("client", split.client.records, keys.client, allowTruncated, notes, crypto),
    server: await decodeDirection("server", split.server.records, keys.server, allowTruncated, notes, crypto),
  };
  const ordered = [...decoded.client, ...decoded.server]
    .map((message) => ({ message, event: eventAt(streams[message.from], message.orderOffset) }))
    .sort((a, b) => a.event - b.event || a.message.orderOffset - b.message.orderOffset)
    .map((entry) => entry.message);

  const finished = await checkFinished({ tls13, suite, keylog, clientRandom, messages: ordered }, crypto);
  const steps: DecodedStep[] = [];
  for (const message of ordered) {
    const step: DecodedStep = {
      name: message.name,
      from: message.from,
      encrypted: message.encrypted,
      range: message.range,
      rangeKind: message.rangeKind,
      fields: message.fields,
      hex: toHex(message.bytes),
    };
    if (message.inRecord) step.inRecord = message.inRecord;
    if (message.handshakeType === 11) {
      step.certificates = await decodeCertificates(message, crypto);
      annotateCertificateList(step);
    }
    steps.push(step);
  }
  const result: DecodedHandshake = { tlsVersion, steps, finished, notes };
  if (suiteCode !== undefined) result.cipherSuite = CIPHER_SUITES[suiteCode] ?? `0x${suiteCode.toString(16)}`;
  return result;
}
