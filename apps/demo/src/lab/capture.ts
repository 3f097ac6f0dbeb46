/**
 * Handshake captures (schema v1, docs/capture-schema.md): every byte of one TLS connection in both directions with
 * timestamps, plus its NSS key log lines, as one JSON file per connection.
 *
 * Why a JS stream: a net.Socket handed to tls is read by OpenSSL in C++ and the bytes never reach JS.
 * Wrapping the socket in a Duplex makes tls use a JS stream (JSStreamSocket), so every record passes here.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { Socket } from "node:net";
import { join } from "node:path";
import { Duplex } from "node:stream";
import type { Capture } from "@mtls-lab/handshake";

/** Limits of a capture directory. */
export interface CaptureOptions {
  dir: string;
  /** Files this server writes at most; later connections are served but not recorded. Default 1000. */
  maxFiles?: number;
  /** Bytes of TLS data kept per connection; the rest is dropped and the file says "truncated": true. Default 1 MiB. */
  maxBytes?: number;
  /**
   * Bytes of TLS data held for all open connections together; past it, new chunks are dropped (the files say
   * "truncated": true). Default 16 MiB: 1,024 slow uploads could otherwise pin 1 GiB (measured: 300 held 460 MB).
   */
  maxTotalBytes?: number;
  /** Called once, with one line, when a file cannot be written; capture is switched off after it. */
  onError?: (message: string) => void;
}

/** What a record asks of its writer: room in the shared byte budget, and the client random it found. */
export interface RecordOwner {
  /** Takes `bytes` from the shared budget; false when the budget cannot give them. */
  reserve(bytes: number): boolean;
  onClientRandom(random: string, record: ConnectionRecord): void;
}

/** The capture file, schema v1: the type packages/handshake's parseCapture validates, so the two cannot drift. */
export type CaptureFile = Capture;

/** The state of one recorded connection, dropped when the connection closes. */
export class ConnectionRecord {
  readonly file: CaptureFile;
  private readonly started = performance.now();
  /** Bytes of TLS data held in `file.events` (before base64). */
  bytes = 0;
  private clientHead = Buffer.alloc(0);

  constructor(
    socket: Socket,
    private readonly maxBytes: number,
    private readonly owner: RecordOwner,
  ) {
    this.file = {
      format: "mtls-lab-capture",
      version: 1,
      startedAt: new Date().toISOString(),
      client: { address: socket.remoteAddress ?? "", port: socket.remotePort ?? 0 },
      server: { address: socket.localAddress ?? "", port: socket.localPort ?? 0 },
      events: [],
      keylog: [],
      result: {},
    };
  }

  /**
   * Appends a chunk unless the byte budget is spent. Once one chunk is dropped nothing after it is kept
   * either: a later chunk after a gap would make the stream undecodable instead of merely cut short.
   */
  add(from: "client" | "server", chunk: Buffer): void {
    if (from === "client" && this.clientHead.length < 43) this.readClientRandom(chunk);
    if (this.file.truncated) return;
    if (this.bytes + chunk.length > this.maxBytes || !this.owner.reserve(chunk.length)) {
      this.file.truncated = true;
      return;
    }
    this.bytes += chunk.length;
    this.file.events.push({ t: Math.round((performance.now() - this.started) * 1000) / 1000, from, data: chunk.toString("base64") });
  }

  /**
   * The client random names the connection in key log lines. It sits at bytes 11..43 of the first record:
   * record header (5), handshake header (4), legacy_version (2), then random (32) (RFC 8446 4.1.2).
   */
  private readClientRandom(chunk: Buffer): void {
    this.clientHead = Buffer.concat([this.clientHead, chunk]).subarray(0, 43);
    if (this.clientHead.length === 43 && this.clientHead[0] === 0x16 && this.clientHead[5] === 0x01) {
      this.owner.onClientRandom(this.clientHead.subarray(11, 43).toString("hex"), this);
    }
  }
}

/** A Duplex over a net.Socket that reports every chunk in both directions. */
export class RecordingStream extends Duplex {
  constructor(
    private readonly socket: Socket,
    private readonly record: ConnectionRecord,
  ) {
    super();
    socket.on("data", (chunk: Buffer) => {
      record.add("client", chunk);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    socket.on("close", () => this.destroy());
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.record.add("server", chunk);
    if (this.socket.destroyed) return callback();
    this.socket.write(chunk, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

/**
 * Writes capture files into one directory, atomically (temp file + rename), at most `maxFiles`. A file that
 * cannot be written (directory deleted, disk full) is reported once and switches capture off; the server
 * keeps serving.
 */
export class CaptureWriter {
  readonly dir: string;
  readonly maxBytes: number;
  private readonly maxFiles: number;
  private readonly maxTotalBytes: number;
  private readonly onError: ((message: string) => void) | undefined;
  private written = 0;
  private reserved = 0;
  /** Bytes held by open records together. */
  private held = 0;
  private failed = false;
  /** Open connections by client random (hex), for the key log lines; entries leave on close. */
  private readonly byRandom = new Map<string, ConnectionRecord>();

  constructor(options: CaptureOptions) {
    this.dir = options.dir;
    this.maxFiles = options.maxFiles ?? 1000;
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.maxTotalBytes = options.maxTotalBytes ?? 16 * 1024 * 1024;
    this.onError = options.onError;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    // Files left from an earlier run count against the bound too: the directory never grows past maxFiles.
    this.written = readdirSync(this.dir).filter((name) => name.endsWith(".json")).length;
  }

  /** A record for a new connection, or undefined once the file budget is spent. */
  open(socket: Socket): ConnectionRecord | undefined {
    if (this.failed || this.written + this.reserved >= this.maxFiles) return undefined;
    this.reserved += 1;
    return new ConnectionRecord(socket, this.maxBytes, {
      reserve: (bytes) => {
        if (this.held + bytes > this.maxTotalBytes) return false;
        this.held += bytes;
        return true;
      },
      onClientRandom: (random, record) => this.byRandom.set(random, record),
    });
  }

  /** Bytes held by open connections' records right now. */
  heldBytes(): number {
    return this.held;
  }

  /** Routes one 'keylog' line (NSS format: LABEL <client_random hex> <secret hex>) to its connection. */
  addKeylog(line: Buffer): ConnectionRecord | undefined {
    const text = line.toString("latin1").trim();
    const random = text.split(" ")[1]?.toLowerCase();
    const record = random ? this.byRandom.get(random) : undefined;
    record?.file.keylog.push(text);
    return record;
  }

  /** Writes the file of a closed connection and forgets it (its bytes leave the shared budget). */
  close(record: ConnectionRecord): void {
    this.reserved -= 1;
    this.held -= record.bytes;
    for (const [random, r] of this.byRandom) if (r === record) this.byRandom.delete(random);
    if (this.failed || record.file.events.length === 0) return; // nothing arrived: a port probe, not TLS
    const name = `${record.file.startedAt.replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}.json`;
    const temp = join(this.dir, `.${name}.tmp`);
    try {
      // 0600: the key log lines decrypt the recorded traffic.
      writeFileSync(temp, JSON.stringify(record.file, null, 1), { mode: 0o600 });
      renameSync(temp, join(this.dir, name));
      this.written += 1;
    } catch (error) {
      this.failed = true;
      rmSync(temp, { force: true });
      const code = (error as NodeJS.ErrnoException).code;
      this.onError?.(`cannot write ${join(this.dir, name)} (${code ?? (error as Error).message}); capture is off from now on, serving goes on`);
    }
  }
}
