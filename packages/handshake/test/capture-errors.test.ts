/**
 * Malformed and truncated captures: one clear line with a code, never a crash or a hang.
 * The fixture is the shipped sample (a real TLS 1.3 handshake made by scripts/make-sample.mjs).
 */
import { readFileSync } from "node:fs";
import { annotateCapture } from "../src/annotate/index.js";
import { expectFullCoverage } from "./annotation-checks.js";
import { describe, expect, test } from "vitest";
import { decodeCapture, HandshakeError, parseCapture, type Capture } from "../src/index.js";

const sampleText = readFileSync(new URL("../samples/tls13-mtls.json", import.meta.url), "utf8");
const sample = (): Capture => JSON.parse(sampleText) as Capture;

async function errorOf(run: () => unknown): Promise<HandshakeError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(HandshakeError);
    const typed = error as HandshakeError;
    expect(typed.message).not.toContain("\n");
    return typed;
  }
  throw new Error("expected a HandshakeError, got a result");
}

function withServerBytes(capture: Capture, bytes: Uint8Array): Capture {
  const events = capture.events.filter((e) => e.from === "client");
  return { ...capture, events: [...events, { t: 1, from: "server", data: Buffer.from(bytes).toString("base64") }] };
}

function serverStream(capture: Capture): Buffer {
  return Buffer.concat(capture.events.filter((e) => e.from === "server").map((e) => Buffer.from(e.data, "base64")));
}

describe("parseCapture", () => {
  test("accepts the sample and returns schema v1", () => {
    const capture = parseCapture(sampleText);
    expect(capture.format).toBe("mtls-lab-capture");
    expect(capture.events.length).toBeGreaterThan(2);
  });

  test("tolerates empty chunks, key log comments and a missing result", () => {
    const { result: _result, ...rest } = sample();
    const capture = parseCapture({ ...rest, events: [{ t: 0, from: "client", data: "" }, ...rest.events], keylog: ["# SSL/TLS secrets log", "", ...rest.keylog] });
    expect(capture.events[0]?.data).toBe("");
    expect(capture.keylog).toEqual(rest.keylog);
    expect(capture.result).toEqual({});
  });

  test.each([
    ["text cut short", () => parseCapture(sampleText.slice(0, 200)), /capture: not JSON/],
    ["not an object", () => parseCapture([1, 2]), /capture: expected a JSON object, got an array/],
    ["wrong format", () => parseCapture({ ...sample(), format: "pcap" }), /capture\.format: expected "mtls-lab-capture", got "pcap"/],
    ["unknown version", () => parseCapture({ ...sample(), version: 2 }), /capture\.version: this reader knows version 1, got 2/],
    ["bad time", () => parseCapture({ ...sample(), startedAt: "yesterday" }), /capture\.startedAt: expected an ISO 8601 time/],
    ["bad port", () => parseCapture({ ...sample(), server: { address: "127.0.0.1", port: 70000 } }), /capture\.server\.port: expected a port number/],
    ["events not a list", () => parseCapture({ ...sample(), events: {} }), /capture\.events: expected an array, got an object/],
    ["bad direction", () => parseCapture({ ...sample(), events: [{ t: 0, from: "proxy", data: "AA==" }] }), /capture\.events\[0\]\.from: expected "client" or "server", got "proxy"/],
    ["bad base64", () => parseCapture({ ...sample(), events: [{ t: 0, from: "client", data: "not base64!" }] }), /capture\.events\[0\]\.data: expected base64 bytes/],
    ["bad key log line", () => parseCapture({ ...sample(), keylog: ["CLIENT_RANDOM zz"] }), /capture\.keylog\[0\]: expected "LABEL <client_random hex> <secret hex>"/],
    ["bad truncated flag", () => parseCapture({ ...sample(), truncated: "yes" }), /capture\.truncated: expected true or no field/],
  ])("%s", async (_name, run, message) => {
    const error = await errorOf(run);
    expect(error.code).toBe("BAD_CAPTURE");
    expect(error.message).toMatch(message);
  });
});

describe("decodeCapture on bad bytes", () => {
  test("plain HTTP instead of TLS", async () => {
    const capture = { ...sample(), events: [{ t: 0, from: "client" as const, data: Buffer.from("GET / HTTP/1.1\r\n\r\n").toString("base64") }] };
    const error = await errorOf(() => decodeCapture(capture));
    expect(error.code).toBe("BAD_RECORD");
    expect(error.message).toBe("client stream, byte 0: not a TLS record (content type 0x47) (looks like plain HTTP, not TLS)");
  });

  test("a stream cut inside a record is TRUNCATED unless the capture says it was truncated", async () => {
    const capture = sample();
    const server = serverStream(capture);
    const cut = withServerBytes(capture, server.subarray(0, 300));
    const error = await errorOf(() => decodeCapture(cut));
    expect(error.code).toBe("TRUNCATED");
    expect(error.message).toMatch(/^server stream, byte \d+: record declares \d+ bytes but only \d+ follow/);

    const decoded = await decodeCapture({ ...cut, truncated: true });
    expect(decoded.steps.map((s) => s.name)).toContain("ServerHello");
    expect(decoded.notes.join(" ")).toMatch(/server stream: capture truncated at byte \d+/);
    expect(decoded.finished.server.verified).toBe(false);
  });

  test("a malformed ClientHello names the message and the byte", async () => {
    // A handshake record holding a ClientHello of 4 bytes: too short for its 32-byte random.
    const record = Uint8Array.from([0x16, 0x03, 0x01, 0x00, 0x08, 0x01, 0x00, 0x00, 0x04, 0x03, 0x03, 0x00, 0x00]);
    const capture = { ...sample(), events: [{ t: 0, from: "client" as const, data: Buffer.from(record).toString("base64") }] };
    const error = await errorOf(() => decodeCapture(capture));
    expect(error.code).toBe("BAD_RECORD");
    expect(error.message).toMatch(/ClientHello.*byte 2: random needs 32 bytes, only 2 left/);
  });

  test("an oversized record length", async () => {
    const error = await errorOf(() => decodeCapture(withServerBytes(sample(), Uint8Array.from([0x16, 0x03, 0x03, 0xff, 0xff]))));
    expect(error.message).toBe("server stream, byte 0: record length 65535 exceeds the TLS limit of 18432");
  });

  test("without a key log the encrypted part stays opaque, with a note, not an error", async () => {
    const decoded = await decodeCapture({ ...sample(), keylog: [] });
    expect(decoded.steps.some((s) => s.name === "EncryptedRecord")).toBe(true);
    expect(decoded.finished.client).toEqual({ verified: false, reason: "no client Finished was decoded" });
    expect(decoded.notes.join(" ")).toMatch(/no TLS 1.3 secrets/);
  });

  test("200 corrupted variants of a real capture: a result or a HandshakeError, never anything else", async () => {
    const base = sample();
    const streams = { client: Buffer.concat(base.events.filter((e) => e.from === "client").map((e) => Buffer.from(e.data, "base64"))), server: serverStream(base) };
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let errors = 0;
    for (let i = 0; i < 200; i++) {
      const from = i % 2 === 0 ? "client" : "server";
      const bytes = Buffer.from(streams[from]);
      const mode = random(3);
      const at = random(bytes.length);
      let mutated: Buffer;
      if (mode === 0) mutated = bytes.subarray(0, at);
      else if (mode === 1) {
        bytes[at] = (bytes[at] as number) ^ (1 + random(255));
        mutated = bytes;
      } else mutated = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + random(8))]);
      const events = [
        { t: 0, from: "client" as const, data: (from === "client" ? mutated : streams.client).toString("base64") },
        { t: 1, from: "server" as const, data: (from === "server" ? mutated : streams.server).toString("base64") },
      ];
      try {
        const decoded = await decodeCapture({ ...base, events, truncated: i % 4 === 0 ? true : undefined });
        expect(Array.isArray(decoded.steps)).toBe(true);
      } catch (error) {
        if (!(error instanceof HandshakeError)) throw new Error(`variant ${i} (${from}, mode ${mode}, byte ${at}) threw ${String(error)}`);
        expect(error.message).not.toContain("\n");
        errors++;
      }
    }
    // Most corruptions must be reported; some (inside encrypted records) only fail decryption.
    expect(errors).toBeGreaterThan(20);
  });

  test.each(["tls13-mtls.json", "tls12-mtls.json"])("annotating 60 corrupted variants of %s: a full-coverage annotation or a HandshakeError", async (file) => {
    const base = JSON.parse(readFileSync(new URL(`../samples/${file}`, import.meta.url), "utf8")) as Capture;
    const streams = { client: Buffer.concat(base.events.filter((e) => e.from === "client").map((e) => Buffer.from(e.data, "base64"))), server: serverStream(base) };
    let seed = 777;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let annotated = 0;
    for (let i = 0; i < 60; i++) {
      const from = i % 2 === 0 ? "client" : "server";
      const bytes = Buffer.from(streams[from]);
      const at = random(bytes.length);
      bytes[at] = (bytes[at] as number) ^ (1 + random(255));
      const events = [
        { t: 0, from: "client" as const, data: (from === "client" ? bytes : streams.client).toString("base64") },
        { t: 1, from: "server" as const, data: (from === "server" ? bytes : streams.server).toString("base64") },
      ];
      try {
        expectFullCoverage(await annotateCapture({ ...base, events }));
        annotated++;
      } catch (error) {
        if (!(error instanceof HandshakeError)) throw new Error(`variant ${i} (${from}, byte ${at}) threw ${String(error)}`);
        expect(error.message).not.toContain("\n");
      }
    }
    // A flipped byte inside a field's value keeps the structure: most variants still annotate.
    expect(annotated).toBeGreaterThan(12);
  });
});
