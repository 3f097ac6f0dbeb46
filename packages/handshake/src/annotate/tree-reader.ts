/**
 * Reads a TLS structure while recording a labelled byte range for every field it reads, so the result
 * covers the bytes exactly once (RFC 8446 3: fixed fields and vectors with 1-3 byte length prefixes).
 */
import { HandshakeError } from "../errors.js";
import type { ByteNode } from "../types.js";
import { explanation } from "./explanations.js";

/** Options of a node as it is made. */
export interface NodeOptions {
  label?: string;
  value?: string;
  mtls?: boolean;
  certificate?: { index: number; sha256: string };
}

function makeNode(key: string, start: number, end: number, options: NodeOptions, children?: ByteNode[]): ByteNode {
  const known = explanation(key);
  const node: ByteNode = { key, label: options.label ?? known.label, explain: known.explain, range: [start, end] };
  if (options.value !== undefined) node.value = options.value;
  if (options.mtls || known.mtls) node.mtls = true;
  if (options.certificate) node.certificate = options.certificate;
  if (children && children.length > 0) node.children = children;
  return node;
}

/** A cursor over `bytes` that appends one node per field to the group being read. */
export class TreeReader {
  private pos = 0;
  private readonly stack: ByteNode[][] = [[]];

  constructor(
    readonly bytes: Uint8Array,
    private readonly where: string,
  ) {}

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** The nodes read at the top level. */
  get nodes(): ByteNode[] {
    return this.stack[0] as ByteNode[];
  }

  private need(count: number, what: string): void {
    if (count > this.remaining) throw new HandshakeError("BAD_RECORD", `${this.where}, byte ${this.pos}: ${what} needs ${count} bytes, only ${this.remaining} left`);
  }

  private push(node: ByteNode): void {
    (this.stack[this.stack.length - 1] as ByteNode[]).push(node);
  }

  /** A leaf of `length` bytes; `value` may format the bytes. Zero-length leaves are not recorded. */
  leaf(key: string, length: number, options: NodeOptions | ((bytes: Uint8Array) => NodeOptions) = {}): Uint8Array {
    this.need(length, key);
    const bytes = this.bytes.subarray(this.pos, this.pos + length);
    if (length > 0) this.push(makeNode(key, this.pos, this.pos + length, typeof options === "function" ? options(bytes) : options));
    this.pos += length;
    return bytes;
  }

  /** A big-endian number of 1 to 4 bytes as a leaf. */
  number(key: string, size: 1 | 2 | 3 | 4, format?: (value: number) => string, options: NodeOptions = {}): number {
    const bytes = this.leaf(key, size, (b) => ({ ...options, value: format ? format(readNumber(b)) : (options.value ?? String(readNumber(b))) }));
    return readNumber(bytes);
  }

  /** A group node around whatever `read` reads. Empty groups are dropped. */
  group<T>(key: string, options: NodeOptions | (() => NodeOptions), read: () => T): T {
    const start = this.pos;
    this.stack.push([]);
    let result: T;
    try {
      result = read();
    } finally {
      const children = this.stack.pop() as ByteNode[];
      if (this.pos > start) {
        const resolved = typeof options === "function" ? options() : options;
        // A group with a single child of the same range is that child, relabelled.
        this.push(makeNode(key, start, this.pos, resolved, children));
      }
    }
    return result;
  }

  /**
   * A vector: the length prefix, then the body. `body` reads the elements (and must end at the body's end);
   * without it the body is one leaf.
   */
  vector(key: string, lengthBytes: 1 | 2 | 3, options: NodeOptions = {}, body?: (end: number) => void): Uint8Array {
    return this.group(key, options, () => {
      const length = this.number(`${key}.length`, lengthBytes, undefined, { label: `${options.label ?? explanation(key).label} length` });
      this.need(length, key);
      const start = this.pos;
      const end = start + length;
      if (body && length > 0) {
        body(end);
        if (this.pos !== end) throw new HandshakeError("BAD_RECORD", `${this.where}, byte ${this.pos}: ${key} ends at byte ${end}`);
      } else this.leaf(`${key}.body`, length, { label: `${options.label ?? explanation(key).label} body`, mtls: options.mtls });
      return this.bytes.subarray(start, end);
    });
  }

  /** Appends a node read elsewhere over the same bytes and moves past it. */
  adopt(node: ByteNode): void {
    this.push(node);
    this.pos = node.range[1];
  }

  /** Reads elements until `end`. */
  until(end: number, read: () => void): void {
    while (this.pos < end) read();
  }
}

function readNumber(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}
