/**
 * Every record of a capture as a tree of labelled byte ranges covering each byte once: record header,
 * then either the plaintext messages or the ciphertext and AEAD tag, with the decrypted content annotated
 * beside it (RFC 8446 5.1-5.4, RFC 5246 6.2).
 */
import { digestHex, toHex } from "@mtls-lab/x509";
import { sequenceBytes, xorNonce } from "../crypto/aead.js";
import { concat } from "../crypto/primitives.js";
import { openTls12Record } from "../crypto/tls12.js";
import { openTls13Record, type TrafficKeys } from "../crypto/tls13.js";
import { KeylogLabel } from "../crypto/keylog.js";
import { parseHandshakeMessage } from "../decode/messages.js";
import type { PreparedCapture } from "../decode/prepare.js";
import type { TlsRecord } from "../decode/records.js";
import { describeCode, lookup } from "../registries/lookup.js";
import type { AnnotatedRecord, ByteNode, Peer, RecordKeys } from "../types.js";
import { explanation } from "./explanations.js";
import { messageTree } from "./message-tree.js";
import { placeIn, type Piece } from "./place.js";

/** A handshake message as reassembled, with where its bytes sit. */
export interface AnnotatedMessage {
  from: Peer;
  name: string;
  type: number;
  bytes: Uint8Array;
  /** Index in this direction's records of the record holding its first byte. */
  record: number;
}

const REJECTION_ALERTS = new Set([40, 42, 43, 44, 45, 46, 48, 49, 116]);

function node(key: string, range: [number, number], extra: Partial<ByteNode> = {}, children?: ByteNode[]): ByteNode {
  const known = explanation(key);
  const out: ByteNode = { key, label: known.label, explain: known.explain, range, ...extra };
  if (known.mtls) out.mtls = true;
  if (children && children.length > 0) out.children = children;
  return out;
}

function headerNode(record: TlsRecord): ByteNode {
  const length = record.end - record.start - 5;
  return node("record.header", [0, 5], {}, [
    node("record.content_type", [0, 1], { value: describeCode("contentType", record.type) }),
    node("record.legacy_version", [1, 3], { value: describeCode("version", record.version) }),
    node("record.length", [3, 5], { value: String(length) }),
  ]);
}

/** Nodes of non-handshake content at `offset` in its space. */
function contentNodes(type: number, content: Uint8Array, offset: number, from: Peer): ByteNode[] {
  const range = (a: number, b: number): [number, number] => [offset + a, offset + b];
  if (content.length === 0) return [];
  if (type === 21 && content.length === 2) {
    const description = content[1] as number;
    const mtls = from === "server" && REJECTION_ALERTS.has(description) ? { mtls: true as const } : {};
    return [
      node("alert", range(0, 2), { label: `Alert: ${lookup("alert", description).name}`, ...mtls }, [
        node("alert.level", range(0, 1), { value: content[0] === 2 ? "fatal (2)" : content[0] === 1 ? "warning (1)" : String(content[0]) }),
        node("alert.description", range(1, 2), { value: `${lookup("alert", description).name} (${description})`, ...mtls }),
      ]),
    ];
  }
  if (type === 20) return [node("change_cipher_spec", range(0, content.length), { value: toHex(content) })];
  if (type === 23) return [node("application_data", range(0, content.length), { value: `${content.length} bytes` })];
  return [node("body", range(0, content.length))];
}

interface Opened {
  type: number;
  content: Uint8Array;
  plaintext: Uint8Array;
  keys: RecordKeys;
}

/** Annotates both directions; also returns the reassembled handshake messages for the proof. */
export async function annotateRecords(prepared: PreparedCapture, crypto: Crypto): Promise<{ records: AnnotatedRecord[]; messages: AnnotatedMessage[] }> {
  const records: AnnotatedRecord[] = [];
  const messages: AnnotatedMessage[] = [];
  for (const from of ["client", "server"] as const) {
    const out = await annotateDirection(prepared, from, crypto);
    records.push(...out.records);
    messages.push(...out.messages);
  }
  return { records, messages };
}

async function annotateDirection(prepared: PreparedCapture, from: Peer, crypto: Crypto) {
  const keys = prepared.keys[from];
  const suite = prepared.suite;
  const labels = from === "client" ? [KeylogLabel.clientHandshake, KeylogLabel.clientTraffic0] : [KeylogLabel.serverHandshake, KeylogLabel.serverTraffic0];
  const list = prepared.records[from];
  const opened: (Opened | null)[] = [];
  const content: ByteNode[][] = list.map(() => []);
  const messages: AnnotatedMessage[] = [];
  let keyIndex = 0;
  let sequence = 0;
  let tls12Encrypted = false;
  let buffer: Uint8Array = new Uint8Array(0);
  const encryptedRecords = new Set<number>();
  let segments: Piece[] = [];

  const flush = async () => {
    while (buffer.length >= 4) {
      const length = ((buffer[1] as number) << 16) | ((buffer[2] as number) << 8) | (buffer[3] as number);
      if (buffer.length < 4 + length) return;
      const bytes = buffer.slice(0, 4 + length);
      const type = bytes[0] as number;
      const pieces = segments.filter((s) => s.msgStart < 4 + length);
      const name = lookup("handshakeType", type).name;
      const where = `${from} ${name} (record ${pieces[0]?.record ?? 0})`;
      let hashes: string[] = [];
      let parsedName = name;
      try {
        const parsed = parseHandshakeMessage(type, bytes.subarray(4), prepared.tls13, where);
        parsedName = parsed.name;
        hashes = await Promise.all(parsed.certificates.map((c) => digestHex("SHA-256", c.der, crypto)));
      } catch {
        // The tree below still covers the bytes; the decoder reports the malformed message.
      }
      const mtls = parsedName === "CertificateRequest" || (from === "client" && (type === 11 || type === 15));
      const tree = messageTree(bytes, { tls13: prepared.tls13, mtls, certificateHashes: hashes }, where);
      if (parsedName !== tree.label && type === 2) tree.label = parsedName;
      for (const piece of pieces) {
        const placed = placeIn(tree, piece, pieces);
        if (placed) content[piece.record]?.push(placed);
      }
      messages.push({ from, name: parsedName, type, bytes, record: pieces[0]?.record ?? 0 });
      buffer = buffer.slice(4 + length);
      segments = segments
        .map((s) => ({ ...s, msgStart: s.msgStart - (4 + length), msgEnd: s.msgEnd - (4 + length) }))
        .filter((s) => s.msgEnd > 0)
        .map((s) => (s.msgStart < 0 ? { ...s, spaceStart: s.spaceStart - s.msgStart, msgStart: 0 } : s));
    }
  };

  for (const [index, record] of list.entries()) {
    let type = record.type;
    let data: Uint8Array | null = record.fragment;
    let open: Opened | null = null;
    let encrypted = false;
    if (type === 20 && !prepared.tls13) {
      tls12Encrypted = true;
      sequence = 0;
    } else if (prepared.tls13 && type === 23) {
      encrypted = true;
      data = null;
      for (let i = keyIndex; suite && i < keys.tls13Keys.length && data === null; i++) {
        const seq = i === keyIndex ? sequence : 0;
        const trafficKeys = keys.tls13Keys[i] as TrafficKeys;
        const result = await openTls13Record(suite, trafficKeys, seq, record.header, record.fragment, crypto);
        if (!result) continue;
        if (i !== keyIndex) keyIndex = i;
        sequence = seq + 1;
        type = result.type;
        data = result.content;
        const plaintext = new Uint8Array(record.fragment.length - 16);
        plaintext.set(result.content);
        plaintext[result.content.length] = result.type;
        const recordKeys = { secret: labels[i] as string, key: toHex(trafficKeys.key), iv: toHex(trafficKeys.iv), sequence: seq, nonce: toHex(xorNonce(trafficKeys.iv, seq)), aad: toHex(record.header) };
        open = { type, content: result.content, plaintext, keys: recordKeys };
      }
    } else if (!prepared.tls13 && tls12Encrypted && type !== 20) {
      encrypted = true;
      data = suite && keys.tls12Keys ? await openTls12Record(suite, keys.tls12Keys, sequence, record.header, record.fragment, crypto) : null;
      if (data && suite && keys.tls12Keys) {
        const gcm = suite.aead !== "CHACHA20-POLY1305";
        const nonce = gcm ? concat(keys.tls12Keys.iv, record.fragment.subarray(0, 8)) : xorNonce(keys.tls12Keys.iv, sequence);
        const aad = concat(sequenceBytes(sequence), record.header.subarray(0, 3), new Uint8Array([data.length >> 8, data.length & 0xff]));
        open = { type, content: data, plaintext: data, keys: { secret: "key_block", key: toHex(keys.tls12Keys.key), iv: toHex(keys.tls12Keys.iv), sequence, nonce: toHex(nonce), aad: toHex(aad) } };
      }
      sequence++;
    }
    opened.push(open);
    if (encrypted) encryptedRecords.add(index);
    if (data === null) continue;
    // Plaintext records: content offsets are wire offsets (after the 5-byte header); opened ones: plaintext offsets.
    const base = encrypted ? 0 : 5;
    if (type === 22) {
      segments.push({ record: index, msgStart: buffer.length, msgEnd: buffer.length + data.length, spaceStart: base });
      buffer = concat(buffer, data);
      await flush();
    } else content[index]?.push(...contentNodes(type, data, base, from));
  }
  // Bytes of a message the capture does not complete.
  for (const piece of segments) {
    const length = piece.msgEnd - piece.msgStart;
    content[piece.record]?.push(node("handshake.fragment", [piece.spaceStart, piece.spaceStart + length], { value: `${length} bytes` }));
  }

  const records: AnnotatedRecord[] = list.map((record, index) => buildRecord(record, index, from, encryptedRecords.has(index), opened[index] ?? null, content[index] ?? [], prepared));
  return { records, messages };
}

function buildRecord(record: TlsRecord, index: number, from: Peer, encrypted: boolean, open: Opened | null, nodes: ByteNode[], prepared: PreparedCapture): AnnotatedRecord {
  const length = record.end - record.start;
  nodes.sort((a, b) => a.range[0] - b.range[0]);
  const carries = nodes.map((n) => (n.part ? `${n.label} (part ${n.part})` : n.label));
  let body: ByteNode[];
  if (!encrypted) body = nodes;
  else if (length - 5 < 16) body = [node("record.encrypted", [5, length])];
  else if (!prepared.tls13 && prepared.suite?.aead !== "CHACHA20-POLY1305" && length - 5 >= 24) {
    body = [node("record.explicit_nonce", [5, 13], { value: toHex(record.fragment.subarray(0, 8)) }), node("record.ciphertext", [13, length - 16]), node("record.tag", [length - 16, length])];
  } else body = [node(prepared.tls13 ? "record.encrypted" : "record.ciphertext", [5, length - 16]), node("record.tag", [length - 16, length])].filter((n) => n.range[1] > n.range[0]);
  const label = open ? `record ${index + 1}: ${carries.join(", ") || "empty"} (encrypted)` : `record ${index + 1}: ${carries.join(", ") || lookup("contentType", record.type).name}`;
  const tree = node("record", [0, length], { label, mtls: nodes.some((n) => n.mtls) || undefined }, [headerNode(record), ...body]);
  if (tree.mtls === undefined) delete tree.mtls;
  const out: AnnotatedRecord = { from, index, streamRange: [record.start, record.end], hex: toHex(record.header) + toHex(record.fragment), tree, carries };
  if (open) {
    const plain = open.plaintext;
    const inner: ByteNode[] = [...nodes];
    if (prepared.tls13) {
      const at = open.content.length;
      inner.push(node("plaintext.content_type", [at, at + 1], { value: describeCode("contentType", open.type) }));
      if (plain.length > at + 1) inner.push(node("plaintext.padding", [at + 1, plain.length], { value: `${plain.length - at - 1} zero bytes` }));
    }
    out.plaintext = { hex: toHex(plain), tree: node("plaintext", [0, plain.length], { mtls: nodes.some((n) => n.mtls) || undefined }, inner), keys: open.keys };
    if (out.plaintext.tree.mtls === undefined) delete out.plaintext.tree.mtls;
  }
  return out;
}
