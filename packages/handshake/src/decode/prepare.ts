/**
 * What decoding and annotating a capture both start from: the two byte streams split into records, the
 * hellos, the negotiated version and suite, and the traffic keys the key log gives (RFC 8446 7.3, RFC 5246 6.3).
 */
import { fromBase64 } from "@mtls-lab/x509";
import { parseCapture } from "../capture/parse-capture.js";
import { indexKeylog, findSecret, KeylogLabel, type Keylog } from "../crypto/keylog.js";
import { suiteInfo, type SuiteInfo } from "../crypto/suites.js";
import { deriveTls12Keys } from "../crypto/tls12.js";
import { deriveTrafficKeys, type TrafficKeys } from "../crypto/tls13.js";
import type { Capture, Peer } from "../types.js";
import type { DirectionKeys } from "./direction.js";
import { parseHandshakeMessage, type ParsedMessage } from "./messages.js";
import { joinChunks, splitRecords, type TlsRecord } from "./records.js";

/** One direction's bytes and where each capture chunk starts. */
export interface Stream {
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

/** The capture event index a stream offset came from. */
export function eventAt(stream: Stream, offset: number): number {
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

/** Everything decodeCapture and annotateCapture share. */
export interface PreparedCapture {
  capture: Capture;
  allowTruncated: boolean;
  notes: string[];
  streams: Record<Peer, Stream>;
  records: Record<Peer, TlsRecord[]>;
  clientHello?: ParsedMessage;
  serverHello?: ParsedMessage;
  tls13: boolean;
  tlsVersion: string;
  suiteCode?: number;
  suite?: SuiteInfo;
  keylog: Keylog;
  clientRandom?: string;
  keys: Record<Peer, DirectionKeys>;
}

/** Validates the capture, splits records, finds the hellos and derives the keys the key log allows. */
export async function prepareCapture(input: Capture | unknown, crypto: Crypto): Promise<PreparedCapture> {
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

  const prepared: PreparedCapture = { capture, allowTruncated, notes, streams, records: { client: split.client.records, server: split.server.records }, tls13, tlsVersion, suite, keylog, keys };
  if (clientHello) prepared.clientHello = clientHello;
  if (serverHello) prepared.serverHello = serverHello;
  if (suiteCode !== undefined) prepared.suiteCode = suiteCode;
  if (clientRandom) prepared.clientRandom = clientRandom;
  return prepared;
}
