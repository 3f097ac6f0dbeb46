/**
 * A capture from the raw bytes of each direction (a pcap export, `openssl s_client -msg` dumps): the
 * order between the two directions is lost there, so it is rebuilt from the protocol. A full handshake
 * alternates in flights (RFC 8446 2, RFC 5246 7.3): client hello; server flight; client flight; server's
 * last flight (TLS 1.2). That order is all the decoder needs for the transcripts.
 */
import { toBase64 } from "@mtls-lab/x509";
import { splitRecords, type TlsRecord } from "../decode/records.js";
import type { Capture, CaptureEvent, Peer } from "../types.js";

/** Raw streams and the key log. */
export interface StreamsInput {
  client: Uint8Array;
  server: Uint8Array;
  keylog?: string[];
  /** Default: the Unix epoch (the real time is not known from raw bytes). */
  startedAt?: string;
  /**
   * TLS 1.3: where the server's first flight ends in its stream (after its Finished). Unknown before
   * decryption, so `decodeStreams` finds it and builds the capture again; without it everything the
   * server sent comes before the client's second flight.
   */
  serverFlightEnd?: number;
}

/** Index after the record that completes the first plaintext handshake message of `type`, or -1. */
function recordsThrough(records: TlsRecord[], type: number): number {
  let pending = 0; // bytes still owed to the message being read
  for (const [index, record] of records.entries()) {
    if (record.type === 20) continue;
    if (record.type !== 22) return -1;
    let at = 0;
    const fragment = record.fragment;
    if (pending > 0) {
      const used = Math.min(pending, fragment.length);
      pending -= used;
      at = used;
    }
    while (at + 4 <= fragment.length) {
      const messageType = fragment[at] as number;
      const length = ((fragment[at + 1] as number) << 16) | ((fragment[at + 2] as number) << 8) | (fragment[at + 3] as number);
      const available = fragment.length - at - 4;
      if (messageType === type) return length <= available ? index + 1 : recordsThroughRest(records, index + 1, length - available);
      if (length > available) {
        pending = length - available;
        break;
      }
      at += 4 + length;
    }
  }
  return -1;
}

function recordsThroughRest(records: TlsRecord[], from: number, owed: number): number {
  let remaining = owed;
  for (let index = from; index < records.length; index++) {
    remaining -= (records[index] as TlsRecord).fragment.length;
    if (remaining <= 0) return index + 1;
  }
  return records.length;
}

/** True when the server's first handshake message is a HelloRetryRequest (RFC 8446 4.1.3). */
function startsWithRetry(records: TlsRecord[]): boolean {
  const first = records.find((r) => r.type === 22);
  if (!first || first.fragment[0] !== 2 || first.fragment.length < 38) return false;
  const random = Array.from(first.fragment.subarray(6, 38), (b) => b.toString(16).padStart(2, "0")).join("");
  return random === "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
}

/**
 * Builds a schema v1 capture from each direction's bytes, ordering the chunks by flight. Streams that end
 * inside a record are cut at the last whole record for ordering only; the bytes are all kept.
 */
export function captureFromStreams(input: StreamsInput): Capture {
  const client = splitRecords(input.client, "client", true).records;
  const server = splitRecords(input.server, "server", true).records;
  const events: CaptureEvent[] = [];
  const positions: Record<Peer, number> = { client: 0, server: 0 };
  const bytes: Record<Peer, Uint8Array> = { client: input.client, server: input.server };
  const emit = (from: Peer, end: number) => {
    if (end <= positions[from]) return;
    events.push({ t: events.length, from, data: toBase64(bytes[from].subarray(positions[from], end)) });
    positions[from] = end;
  };
  const offsetAfter = (records: TlsRecord[], count: number) => (count <= 0 ? 0 : (records[count - 1] as TlsRecord).end);
  const firstHello = Math.max(recordsThrough(client, 1), 1);
  emit("client", offsetAfter(client, firstHello));
  if (startsWithRetry(server)) {
    // HelloRetryRequest (and its compatibility ChangeCipherSpec), then the second ClientHello.
    const retryEnd = Math.max(recordsThrough(server, 2), 1);
    emit("server", offsetAfter(server, retryEnd + (server[retryEnd]?.type === 20 ? 1 : 0)));
    const secondHello = recordsThrough(client.slice(firstHello), 1);
    if (secondHello > 0) emit("client", offsetAfter(client, firstHello + secondHello));
  }
  // TLS 1.2: the server's first flight ends with ServerHelloDone, then the client's flight, then the
  // server's ChangeCipherSpec and Finished. TLS 1.3: the server's whole flight, then the client's.
  const helloDone = recordsThrough(server, 14);
  if (helloDone > 0) {
    emit("server", offsetAfter(server, helloDone));
    emit("client", input.client.length);
    emit("server", input.server.length);
  } else {
    emit("server", input.serverFlightEnd ?? input.server.length);
    emit("client", input.client.length);
    emit("server", input.server.length);
  }
  return {
    format: "mtls-lab-capture",
    version: 1,
    startedAt: input.startedAt ?? new Date(0).toISOString(),
    client: { address: "", port: 0 },
    server: { address: "", port: 0 },
    events,
    keylog: input.keylog ?? [],
    result: {},
  };
}
