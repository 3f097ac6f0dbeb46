/**
 * A bounds-checked big-endian reader for TLS structures (RFC 8446 3: vectors with 1-3 byte length
 * prefixes). Every overrun is one HandshakeError line naming the structure and the byte offset.
 */
import { HandshakeError } from "../errors.js";

/** Reads a TLS structure; `where` names it in errors ("server Certificate"). */
export class Reader {
  private pos = 0;

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

  private need(count: number, what: string): void {
    if (count > this.remaining) {
      throw new HandshakeError(
        "BAD_RECORD",
        `${this.where}, byte ${this.pos}: ${what} needs ${count} bytes, only ${this.remaining} left`,
      );
    }
  }

  u8(what = "a byte"): number {
    this.need(1, what);
    return this.bytes[this.pos++] as number;
  }

  u16(what = "a 16-bit number"): number {
    this.need(2, what);
    const value = ((this.bytes[this.pos] as number) << 8) | (this.bytes[this.pos + 1] as number);
    this.pos += 2;
    return value;
  }

  u24(what = "a 24-bit length"): number {
    this.need(3, what);
    const b = this.bytes;
    const value = ((b[this.pos] as number) << 16) | ((b[this.pos + 1] as number) << 8) | (b[this.pos + 2] as number);
    this.pos += 3;
    return value;
  }

  u32(what = "a 32-bit number"): number {
    const high = this.u16(what);
    return high * 65536 + this.u16(what);
  }

  take(count: number, what = "a field"): Uint8Array {
    this.need(count, what);
    const out = this.bytes.subarray(this.pos, this.pos + count);
    this.pos += count;
    return out;
  }

  /** A vector with a 1, 2 or 3 byte length prefix. */
  vector(lengthBytes: 1 | 2 | 3, what: string): Uint8Array {
    const length = lengthBytes === 1 ? this.u8(`${what} length`) : lengthBytes === 2 ? this.u16(`${what} length`) : this.u24(`${what} length`);
    return this.take(length, what);
  }

  rest(): Uint8Array {
    return this.take(this.remaining);
  }
}
