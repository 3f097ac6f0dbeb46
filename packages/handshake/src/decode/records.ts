/**
 * Splits one direction's byte stream into TLS records (RFC 8446 5.1, RFC 5246 6.2.1): a 5-byte header
 * (type, legacy version, length) then the fragment.
 */
import { HandshakeError } from "../errors.js";
import type { Peer } from "../types.js";

/** One TLS record with its position in the direction's stream. */
export interface TlsRecord {
  type: number;
  version: number;
  /** Offset of the header in the stream. */
  start: number;
  /** Offset after the fragment. */
  end: number;
  header: Uint8Array;
  fragment: Uint8Array;
  /** Index of the record in its direction. */
  index: number;
}

/** RFC 8446 5.1: a record fragment is at most 2^14 bytes plus 256 of AEAD expansion (2^14 + 2048 in TLS 1.2). */
const MAX_FRAGMENT = 16384 + 2048;
const KNOWN_TYPES = new Set([20, 21, 22, 23, 24]);

/** Concatenates the capture's chunks of one direction. */
export function joinChunks(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * Reads every record of `stream`. A stream that ends inside a record throws TRUNCATED unless
 * `allowTruncated`, in which case the complete records are returned and `cut` says where the rest began.
 */
export function splitRecords(stream: Uint8Array, from: Peer, allowTruncated: boolean): { records: TlsRecord[]; cut?: number } {
  const records: TlsRecord[] = [];
  let at = 0;
  while (at < stream.length) {
    const type = stream[at] as number;
    if (!KNOWN_TYPES.has(type)) {
      const hint = type === 0x47 || type === 0x50 || type === 0x48 ? " (looks like plain HTTP, not TLS)" : "";
      throw new HandshakeError(
        "BAD_RECORD",
        `${from} stream, byte ${at}: not a TLS record (content type 0x${type.toString(16).padStart(2, "0")})${hint}`,
      );
    }
    if (stream.length - at < 5) {
      if (allowTruncated) return { records, cut: at };
      throw new HandshakeError("TRUNCATED", `${from} stream, byte ${at}: ends inside a record header (${stream.length - at} of 5 bytes)`);
    }
    const version = ((stream[at + 1] as number) << 8) | (stream[at + 2] as number);
    const length = ((stream[at + 3] as number) << 8) | (stream[at + 4] as number);
    if ((version & 0xff00) !== 0x0300) {
      throw new HandshakeError("BAD_RECORD", `${from} stream, byte ${at}: record version 0x${version.toString(16)} is not TLS (0x03xx)`);
    }
    if (length > MAX_FRAGMENT) {
      throw new HandshakeError("BAD_RECORD", `${from} stream, byte ${at}: record length ${length} exceeds the TLS limit of ${MAX_FRAGMENT}`);
    }
    if (at + 5 + length > stream.length) {
      if (allowTruncated) return { records, cut: at };
      throw new HandshakeError(
        "TRUNCATED",
        `${from} stream, byte ${at}: record declares ${length} bytes but only ${stream.length - at - 5} follow (capture cut short?)`,
      );
    }
    records.push({
      type,
      version,
      start: at,
      end: at + 5 + length,
      header: stream.subarray(at, at + 5),
      fragment: stream.subarray(at + 5, at + 5 + length),
      index: records.length,
    });
    at += 5 + length;
  }
  return { records };
}
