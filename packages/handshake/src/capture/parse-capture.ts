/**
 * Validation of the capture file, schema v1 (docs/capture-schema.md). Every problem is one line that
 * names the field ("capture.events[3].from: expected "client" or "server", got "proxy"").
 */
import { fromBase64 } from "@mtls-lab/x509";
import { HandshakeError } from "../errors.js";
import type { Capture, CaptureEvent } from "../types.js";

function fail(path: string, what: string): never {
  throw new HandshakeError("BAD_CAPTURE", `capture${path}: ${what}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return typeof value === "object" ? "an object" : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function readEndpoint(value: unknown, path: string): { address: string; port: number } {
  if (!isRecord(value)) fail(path, `expected an object { address, port }, got ${describe(value)}`);
  if (typeof value.address !== "string") fail(`${path}.address`, `expected a string, got ${describe(value.address)}`);
  const port = value.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`${path}.port`, `expected a port number 0-65535, got ${describe(port)}`);
  }
  return { address: value.address, port };
}

function readEvent(value: unknown, index: number): CaptureEvent {
  const path = `.events[${index}]`;
  if (!isRecord(value)) fail(path, `expected an object { t, from, data }, got ${describe(value)}`);
  if (typeof value.t !== "number" || !Number.isFinite(value.t) || value.t < 0) {
    fail(`${path}.t`, `expected milliseconds since startedAt (a number >= 0), got ${describe(value.t)}`);
  }
  if (value.from !== "client" && value.from !== "server") {
    fail(`${path}.from`, `expected "client" or "server", got ${describe(value.from)}`);
  }
  // An empty chunk is allowed (some recorders log zero-length reads).
  if (typeof value.data !== "string" || (value.data !== "" && fromBase64(value.data) === null)) {
    fail(`${path}.data`, `expected base64 bytes, got ${describe(value.data)}`);
  }
  return { t: value.t, from: value.from, data: value.data };
}

const KEYLOG_LINE = /^[A-Z0-9_]+ [0-9a-fA-F]+ [0-9a-fA-F]+$/;

/**
 * Parses and validates a capture (the parsed JSON, or its text). Throws `HandshakeError` with code
 * BAD_CAPTURE on the first problem. Unknown extra fields are ignored so later minor additions stay readable.
 */
export function parseCapture(json: unknown): Capture {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : "unreadable";
      throw new HandshakeError("BAD_CAPTURE", `capture: not JSON (${reason}); was the file cut short?`);
    }
  }
  if (!isRecord(value)) fail("", `expected a JSON object, got ${describe(value)}`);
  if (value.format !== "mtls-lab-capture") fail(".format", `expected "mtls-lab-capture", got ${describe(value.format)}`);
  if (value.version !== 1) fail(".version", `this reader knows version 1, got ${describe(value.version)}`);
  if (typeof value.startedAt !== "string" || Number.isNaN(Date.parse(value.startedAt))) {
    fail(".startedAt", `expected an ISO 8601 time, got ${describe(value.startedAt)}`);
  }
  const client = readEndpoint(value.client, ".client");
  const server = readEndpoint(value.server, ".server");
  if (!Array.isArray(value.events)) fail(".events", `expected an array, got ${describe(value.events)}`);
  const events = value.events.map((event, index) => readEvent(event, index));
  const keylogValue = value.keylog ?? [];
  if (!Array.isArray(keylogValue)) fail(".keylog", `expected an array of key log lines, got ${describe(keylogValue)}`);
  const keylog: string[] = [];
  keylogValue.forEach((line, index) => {
    // SSLKEYLOGFILE allows comment lines ("# ...") and blank lines; they carry no secret.
    if (typeof line === "string" && (line.trim() === "" || line.trim().startsWith("#"))) return;
    if (typeof line !== "string" || !KEYLOG_LINE.test(line.trim())) {
      fail(`.keylog[${index}]`, `expected "LABEL <client_random hex> <secret hex>", got ${describe(line)}`);
    }
    keylog.push(line.trim());
  });
  const result = value.result ?? {};
  if (!isRecord(result)) fail(".result", `expected an object, got ${describe(result)}`);
  const out: Capture["result"] = {};
  for (const key of ["tlsVersion", "cipher", "authorizationError"] as const) {
    const field = result[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== "string") fail(`.result.${key}`, `expected a string, got ${describe(field)}`);
    out[key] = field;
  }
  if (result.authorized !== undefined) {
    if (typeof result.authorized !== "boolean") fail(".result.authorized", `expected a boolean, got ${describe(result.authorized)}`);
    out.authorized = result.authorized;
  }
  if (value.truncated !== undefined && value.truncated !== true) {
    fail(".truncated", `expected true or no field, got ${describe(value.truncated)}`);
  }
  const capture: Capture = {
    format: "mtls-lab-capture",
    version: 1,
    startedAt: value.startedAt,
    client,
    server,
    events,
    keylog,
    result: out,
  };
  if (value.truncated === true) capture.truncated = true;
  return capture;
}
