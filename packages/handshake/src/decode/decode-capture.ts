/**
 * The capture decoder: a capture (schema v1) in, the annotated steps of its handshake out, with both
 * Finished messages recomputed from the key log.
 */
import * as x509 from "@mtls-lab/x509";
import { digestHex, fromBase64, toHex } from "@mtls-lab/x509";
import { parseCapture } from "../capture/parse-capture.js";
import { indexKeylog, findSecret, KeylogLabel } from "../crypto/keylog.js";
import { suiteInfo } from "../crypto/suites.js";
import { deriveTls12Keys } from "../crypto/tls12.js";
import { deriveTrafficKeys, type TrafficKeys } from "../crypto/tls13.js";
import type { Capture, DecodedCertificate, DecodedHandshake, DecodedStep, Peer } from "../types.js";
import { decodeDirection, type DirectionKeys, type DirectionMessage } from "./direction.js";
import { checkFinished } from "./finished.js";
import { parseHandshakeMessage } from "./messages.js";
import { CIPHER_SUITES } from "./names.js";
import { joinChunks, splitRecords, type TlsRecord } from "./records.js";

interface Stream {
  bytes: Uint8Array;
  /** Stream offset where each chunk starts, with its capture event index. */
  chunks: { start: number; event: number }[];
}

function buildStreams(capture: Capture): Record<Peer, Stream> {
  const parts: Record<Peer, Uint8Array[]> = { client: [], server: [] };
  const chunks: Record<Peer, { start: number; event: number }[]> = { client: [], server: [] };
  const sizes: Record<Peer, number> = { client: 0, server: 0 };
  capture.events.forEach((event, index) => {
    const data = fromBase64(event.data) ?? new Uint8Array(0);
    parts[event.from].push(data);
    chunks[event.from].push({ start: sizes[event.from], event: index });
    sizes[event.from] += data.length;
  });
  return {
    client: { bytes: joinChunks(parts.client), chunks: chunks.client },
    server: { bytes: joinChunks(parts.server), chunks: chunks.server },
  };
}

function eventAt(stream: Stream, offset: number): number {
  let event = 0;
  for (const chunk of stream.chunks) {
    if (chunk.start > offset) break;
    event = chunk.event;
  }
  return event;
}

/** The first plaintext handshake message of a given type at the start of a stream (before encryption starts). */
function findHello(records: TlsRecord[], wanted: "ClientHello" | "ServerHello") {
  let buffer: number[] = [];
  for (const record of records) {
    if (record.type === 20 || record.type === 21) continue;
    if (record.type !== 22) break;
    buffer = buffer.concat(Array.from(record.fragment));
    while (buffer.length >= 4) {
      const length = ((buffer[1] as number) << 16) | ((buffer[2] as number) << 8) | (buffer[3] as number);
      if (buffer.length < 4 + length) break;
      const message = Uint8Array.from(buffer.slice(0, 4 + length));
      buffer = buffer.slice(4 + length);
      if (message[0] !== (wanted === "ClientHello" ? 1 : 2)) continue;
      const parsed = parseHandshakeMessage(message[0] as number, message.subarray(4), false, wanted);
      if (parsed.name === wanted) return parsed;
    }
  }
  return undefined;
}

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
  const capture = parseCapture(input);
  const allowTruncated = capture.truncated === true;
  const notes: string[] = [];
  const streams = buildStreams(capture);
  const split = {
    client: splitRecords(streams.client.bytes, "client", allowTruncated),
    server: splitRecords(streams.server.bytes, "server", allowTruncated),
  };
  for (const peer of ["client", "server"] as const) {
    const cut = split[peer].cut;
    if (cut !== undefined) notes.push(`${peer} stream: capture truncated at byte ${cut}; the rest is not decoded`);
  }
  const clientHello = findHello(split.client.records, "ClientHello");
  const serverHello = findHello(split.server.records, "ServerHello");
  const tls13 = serverHello?.selectedVersion === 0x0304;
  const tlsVersion = serverHello ? (tls13 ? "TLSv1.3" : serverHello.selectedVersion === 0x0303 ? "TLSv1.2" : "unknown") : "unknown";
  const suiteCode = serverHello?.cipherSuite;
  const suite = suiteCode === undefined ? undefined : suiteInfo(suiteCode);
  if (suiteCode !== undefined && !suite) notes.push(`cipher suite 0x${suiteCode.toString(16)} is not one this decoder can decrypt`);
  if (!serverHello) notes.push("no ServerHello in the capture: the server did not answer the ClientHello");

  const keylog = indexKeylog(capture.keylog);
  const clientRandom = clientHello?.random;
  const keys: Record<Peer, DirectionKeys> = { client: { tls13, suite, tls13Keys: [] }, server: { tls13, suite, tls13Keys: [] } };
  if (suite && clientRandom) {
    if (tls13) {
      const labels = {
        client: [KeylogLabel.clientHandshake, KeylogLabel.clientTraffic0],
        server: [KeylogLabel.serverHandshake, KeylogLabel.serverTraffic0],
      } as const;
      for (const peer of ["client", "server"] as const) {
        for (const label of labels[peer]) {
          const secret = findSecret(keylog, label, clientRandom);
          if (!secret) break;
          keys[peer].tls13Keys.push((await deriveTrafficKeys(suite, secret, crypto)) as TrafficKeys);
        }
      }
      if (keys.server.tls13Keys.length === 0) notes.push("the key log has no TLS 1.3 secrets for this ClientHello: encrypted messages stay opaque");
    } else if (serverHello?.random) {
      const master = findSecret(keylog, KeylogLabel.masterSecret, clientRandom);
      if (master) {
        const derived = await deriveTls12Keys(suite, master, clientRandom, serverHello.random, crypto);
        keys.client.tls12Keys = derived.client;
        keys.server.tls12Keys = derived.server;
      } else notes.push("the key log has no CLIENT_RANDOM line for this ClientHello: Finished stays opaque");
    }
  }

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
