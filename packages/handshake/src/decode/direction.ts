/**
 * One direction of a connection: records in, messages out. Decrypts what the keys allow (TLS 1.3
 * handshake and traffic keys, TLS 1.2 keys after ChangeCipherSpec) and reassembles handshake messages,
 * which may share a record or span several (RFC 8446 5.1).
 */
import { HandshakeError } from "../errors.js";
import type { Fields, Peer } from "../types.js";
import { openTls12Record } from "../crypto/tls12.js";
import { openTls13Record, type TrafficKeys } from "../crypto/tls13.js";
import type { SuiteInfo } from "../crypto/suites.js";
import { HANDSHAKE_TYPES } from "./names.js";
import { parseAlert, parseHandshakeMessage, type RawCertificate } from "./messages.js";
import type { TlsRecord } from "./records.js";

/** A message (or record-level item) of one direction, before the two directions are merged. */
export interface DirectionMessage {
  from: Peer;
  name: string;
  /** Handshake messages: type, and header + body bytes (the transcript input). */
  handshakeType?: number;
  bytes: Uint8Array;
  encrypted: boolean;
  range: [number, number];
  rangeKind: "message" | "record";
  fields: Fields;
  certificates: RawCertificate[];
  /** Encrypted messages: where the message starts inside its first record's decrypted content. */
  inRecord?: { record: [number, number]; offset: number };
  /** Offset in the direction's stream used to order the two directions by capture event. */
  orderOffset: number;
}

/** How to read a direction's records. */
export interface DirectionKeys {
  tls13: boolean;
  suite?: SuiteInfo;
  /** TLS 1.3: handshake traffic keys then application traffic keys, as far as known. */
  tls13Keys: TrafficKeys[];
  /** TLS 1.2: write keys of this direction, used after its ChangeCipherSpec. */
  tls12Keys?: { key: Uint8Array; iv: Uint8Array };
}

interface Piece {
  bufferStart: number;
  length: number;
  /** Stream offset of the first byte for plaintext pieces. */
  streamStart: number;
  record: TlsRecord;
  encrypted: boolean;
}

/** Drops `count` bytes from the front of the reassembly buffer's piece map. */
function consume(pieces: Piece[], count: number): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const start = piece.bufferStart - count;
    if (start + piece.length <= 0) continue;
    if (start < 0) out.push({ ...piece, bufferStart: 0, streamStart: piece.streamStart - start, length: piece.length + start });
    else out.push({ ...piece, bufferStart: start });
  }
  return out;
}

/** Decodes a direction's records into messages; `notes` collects what could not be decrypted. */
export async function decodeDirection(
  from: Peer,
  records: TlsRecord[],
  keys: DirectionKeys,
  allowTruncated: boolean,
  notes: string[],
  crypto: Crypto,
): Promise<DirectionMessage[]> {
  const out: DirectionMessage[] = [];
  let buffer = new Uint8Array(0);
  let pieces: Piece[] = [];
  let keyIndex = 0;
  let sequence = 0;
  let tls12Encrypted = false;
  let undecryptable = 0;

  const push = (message: Omit<DirectionMessage, "from" | "certificates"> & { certificates?: RawCertificate[] }) =>
    out.push({ from, certificates: [], ...message });

  const takeMessages = () => {
    while (buffer.length >= 4) {
      const type = buffer[0] as number;
      const length = ((buffer[1] as number) << 16) | ((buffer[2] as number) << 8) | (buffer[3] as number);
      if (buffer.length < 4 + length) return;
      const bytes = buffer.slice(0, 4 + length);
      const used = pieces.filter((p) => p.bufferStart < 4 + length);
      const first = used[0] as Piece;
      const last = used[used.length - 1] as Piece;
      const encrypted = used.some((p) => p.encrypted);
      const range: [number, number] = encrypted
        ? [first.record.start, last.record.end]
        : [first.streamStart, last.streamStart + (4 + length - last.bufferStart)];
      const name = HANDSHAKE_TYPES[type] ?? `handshake type ${type}`;
      const where = `${from} ${name} (stream byte ${range[0]})`;
      const parsed = parseHandshakeMessage(type, bytes.subarray(4), keys.tls13, where);
      const message: Omit<DirectionMessage, "from"> = { name: parsed.name, handshakeType: type, bytes, encrypted, range, rangeKind: encrypted ? "record" : "message", fields: parsed.fields, certificates: parsed.certificates, orderOffset: first.record.start };
      // streamStart advances through the content as messages are consumed, for encrypted pieces too.
      if (encrypted) message.inRecord = { record: [first.record.start, first.record.end], offset: first.streamStart - first.record.start - 5 };
      push(message);
      buffer = buffer.slice(4 + length);
      pieces = consume(pieces, 4 + length);
    }
  };

  for (const record of records) {
    let type = record.type;
    let content: Uint8Array | null = record.fragment;
    let encrypted = false;
    if (type === 20) {
      // RFC 5246 7.1: from here this peer encrypts. RFC 8446 D.4: in 1.3 it is only a compatibility record.
      push({ name: "ChangeCipherSpec", bytes: record.fragment, encrypted: false, range: [record.start + 5, record.end], rangeKind: "message", fields: keys.tls13 ? { middlebox_compatibility: true } : { value: record.fragment[0] ?? -1 }, orderOffset: record.start });
      if (!keys.tls13) {
        tls12Encrypted = true;
        sequence = 0;
      }
      continue;
    }
    if (keys.tls13 && type === 23) {
      encrypted = true;
      content = null;
      for (let i = keyIndex; i < keys.tls13Keys.length && content === null && keys.suite; i++) {
        const seq = i === keyIndex ? sequence : 0;
        const opened = await openTls13Record(keys.suite, keys.tls13Keys[i] as TrafficKeys, seq, record.header, record.fragment, crypto);
        if (opened) {
          if (i !== keyIndex) {
            keyIndex = i;
            sequence = 0;
          }
          sequence++;
          type = opened.type;
          content = opened.content;
        }
      }
    } else if (!keys.tls13 && tls12Encrypted) {
      encrypted = true;
      content = keys.suite && keys.tls12Keys ? await openTls12Record(keys.suite, keys.tls12Keys, sequence, record.header, record.fragment, crypto) : null;
      sequence++;
    }
    if (content === null) {
      undecryptable++;
      push({ name: "EncryptedRecord", bytes: record.fragment, encrypted: true, range: [record.start, record.end], rangeKind: "record", fields: { length: record.fragment.length, content_type: record.type }, orderOffset: record.start });
      continue;
    }
    if (type === 22) {
      pieces.push({ bufferStart: buffer.length, length: content.length, streamStart: record.start + 5, record, encrypted });
      const grown = new Uint8Array(buffer.length + content.length);
      grown.set(buffer);
      grown.set(content, buffer.length);
      buffer = grown;
      takeMessages();
    } else if (type === 21) {
      push({ name: "Alert", bytes: content, encrypted, range: encrypted ? [record.start, record.end] : [record.start + 5, record.end], rangeKind: encrypted ? "record" : "message", fields: parseAlert(content, `${from} alert (stream byte ${record.start})`), orderOffset: record.start });
    } else if (type === 23) {
      push({ name: "ApplicationData", bytes: new Uint8Array(0), encrypted: true, range: [record.start, record.end], rangeKind: "record", fields: { length: content.length }, orderOffset: record.start });
    } else {
      throw new HandshakeError("BAD_RECORD", `${from} stream, byte ${record.start}: unexpected content type ${type} inside a record`);
    }
  }
  if (undecryptable > 0) notes.push(`${from}: ${undecryptable} encrypted record(s) could not be decrypted (no matching key log line or unsupported cipher)`);
  if (buffer.length > 0) {
    const message = `${from} stream: ends inside a handshake message (${buffer.length} bytes of an incomplete ${HANDSHAKE_TYPES[buffer[0] as number] ?? "message"})`;
    if (!allowTruncated) throw new HandshakeError("TRUNCATED", message);
    notes.push(message);
  }
  return out;
}
