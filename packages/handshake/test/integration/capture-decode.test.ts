/**
 * Real handshakes between Node peers (and openssl s_server for alert-sending rejection), captured by
 * a TCP relay with the peers' key logs, decoded and checked against the flows.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { has, tempDir } from "@mtls-lab/peers";
import * as x509 from "@mtls-lab/x509";
import { compareWithFlow, decodeCapture, explainCapture, flows, type Capture, type DecodedHandshake, type DecodedStep, type Flow } from "../../src/index.js";
import { captureHandshake, fingerprintOf, makeCertificates, startOpensslServer, streamOf, type Pems } from "./helpers.js";

let dir: { path: string; cleanup: () => void };
let pems: Pems;

beforeAll(() => {
  dir = tempDir("mtls-lab-handshake-");
  pems = makeCertificates(dir.path);
});
afterAll(() => dir?.cleanup());

function serverOptions(version: "TLSv1.3" | "TLSv1.2") {
  return { cert: pems.server.cert, key: pems.server.key, ca: pems.clientCa, minVersion: version, maxVersion: version };
}

function clientCertificateStep(decoded: DecodedHandshake): DecodedStep {
  const step = decoded.steps.find((s) => s.name === "Certificate" && s.from === "client");
  if (!step) throw new Error("no client Certificate step");
  return step;
}

function expectFlow(flow: Flow, decoded: DecodedHandshake) {
  const comparison = compareWithFlow(flow, decoded.steps, decoded.tlsVersion);
  expect(comparison.difference).toBeUndefined();
  expect(comparison.matches).toBe(true);
}

/** Every step's range points at its bytes: plaintext messages exactly, encrypted ones at whole records. */
function expectRangesHold(capture: Capture, decoded: DecodedHandshake) {
  const streams = { client: streamOf(capture, "client"), server: streamOf(capture, "server") };
  for (const step of decoded.steps) {
    const [start, end] = step.range;
    const stream = streams[step.from];
    expect(end).toBeGreaterThan(start);
    expect(end).toBeLessThanOrEqual(stream.length);
    if (step.rangeKind === "message") {
      expect(stream.subarray(start, end).toString("hex")).toBe(step.hex);
    } else {
      // Whole records: walking the 5-byte headers from `start` lands exactly on `end`.
      let at = start;
      while (at < end) at += 5 + stream.readUInt16BE(at + 3);
      expect(at).toBe(end);
      expect([21, 22, 23]).toContain(stream[start]);
    }
  }
  // Encrypted handshake messages sharing a record follow each other in its decrypted content from offset 0.
  const byRecord = new Map<string, DecodedStep[]>();
  for (const step of decoded.steps.filter((s) => s.inRecord)) {
    const key = `${step.from}:${step.inRecord?.record[0]}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), step]);
  }
  for (const steps of byRecord.values()) {
    let offset = 0;
    for (const step of steps) {
      expect(step.inRecord?.offset).toBe(offset);
      expect(step.range[0]).toBe(step.inRecord?.record[0]);
      offset += step.hex.length / 2;
    }
  }
}

const tls13Suites = [
  ["TLS_AES_128_GCM_SHA256", "AES-128-GCM"],
  ["TLS_AES_256_GCM_SHA384", "AES-256-GCM"],
  ["TLS_CHACHA20_POLY1305_SHA256", "ChaCha20-Poly1305"],
] as const;

describe("TLS 1.3 with a client certificate", () => {
  test.each(tls13Suites)("%s: flow, client fingerprint, both Finished MACs", async (suite) => {
    const { capture, server, client } = await captureHandshake({
      server: serverOptions("TLSv1.3"),
      client: { ca: pems.serverCa, cert: pems.client.cert, key: pems.client.key, ciphers: suite },
    });
    expect(server.authorized).toBe(true);
    expect(client.data).toBe("ok\n");
    const decoded = await decodeCapture(capture);
    expect(decoded.tlsVersion).toBe("TLSv1.3");
    expect(decoded.cipherSuite).toBe(suite);
    expect(decoded.cipherSuite).toBe(server.cipher);
    expectFlow(flows["tls13-mtls"], decoded);
    const certificate = clientCertificateStep(decoded);
    expect(certificate.encrypted).toBe(true);
    expect(certificate.certificates?.[0]?.sha256).toBe(fingerprintOf(pems.client.cert));
    const entries = certificate.fields["certificate_list"] as { sha256?: string; subject?: string }[];
    expect(entries[0]?.sha256).toBe(fingerprintOf(pems.client.cert));
    // Once @mtls-lab/x509 exports decodeCertificate, the names come from it (RFC 4514, most specific first).
    if (typeof (x509 as Record<string, unknown>)["decodeCertificate"] === "function") {
      expect(certificate.certificates?.[0]?.subject).toBe("CN=demo-client,O=mTLS Lab");
      expect(certificate.certificates?.[0]?.issuer).toBe("CN=mTLS Lab Client CA,O=mTLS Lab");
      expect(entries[0]?.subject).toBe("CN=demo-client,O=mTLS Lab");
    }
    const serverCertificate = decoded.steps.find((s) => s.name === "Certificate" && s.from === "server");
    expect(serverCertificate?.certificates?.[0]?.sha256).toBe(fingerprintOf(pems.server.cert));
    // The DER inside the decrypted message is the certificate, at the bytes the step says.
    const der = certificate.certificates?.[0];
    expect(der && certificate.hex.slice(der.rangeInMessage[0] * 2, der.rangeInMessage[1] * 2)).toBe(Buffer.from(der?.der ?? []).toString("hex"));
    expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
    expect(certificate.inRecord?.offset).toBeTypeOf("number");
    const request = decoded.steps.find((s) => s.name === "CertificateRequest");
    expect(request?.fields["certificate_request_context"]).toBe("");
    const extensions = request?.fields["extensions"] as Record<string, unknown>;
    expect(extensions["certificate_authorities"]).toEqual(["CN=mTLS Lab Client CA,O=mTLS Lab"]);
    expectRangesHold(capture, decoded);
  });

  test("after a HelloRetryRequest the Finished MACs still verify (message_hash transcript)", async () => {
    // The client's first key share is P-256; a server that only takes X25519 must ask again (RFC 8446 4.1.4).
    const { capture, server } = await captureHandshake({
      server: { ...serverOptions("TLSv1.3"), ecdhCurve: "X25519" },
      client: { ca: pems.serverCa, ...pems.client, ecdhCurve: "P-256:X25519" },
    });
    expect(server.authorized).toBe(true);
    const decoded = await decodeCapture(capture);
    const names = decoded.steps.map((s) => `${s.from}:${s.name}`);
    expect(names.slice(0, 4)).toEqual(["client:ClientHello", "server:HelloRetryRequest", "server:ChangeCipherSpec", "client:ChangeCipherSpec"]);
    expect(names).toContain("server:ServerHello");
    expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
  });

  test("a client that sends a chain: leaf then intermediate, each decoded", async () => {
    const { capture, server } = await captureHandshake({ server: serverOptions("TLSv1.3"), client: { ca: pems.serverCa, ...pems.chained } });
    expect(server.authorized).toBe(true);
    const decoded = await decodeCapture(capture);
    expectFlow(flows["tls13-mtls"], decoded);
    const sent = clientCertificateStep(decoded).certificates ?? [];
    expect(sent.map((c) => c.sha256)).toEqual([fingerprintOf(pems.chained.cert), fingerprintOf(pems.clientIntermediate)]);
    expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
  });

  test("a tampered Finished fails verification instead of passing", async () => {
    const { capture } = await captureHandshake({ server: serverOptions("TLSv1.3"), client: { ca: pems.serverCa, ...pems.client } });
    // Replace the client's handshake traffic secret with another value: its records no longer decrypt.
    const keylog = capture.keylog.map((line) => (line.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET") ? line.replace(/[0-9a-f]{8}$/, "00000000") : line));
    const decoded = await decodeCapture({ ...capture, keylog });
    expect(decoded.finished.client.verified).toBe(false);
    expect(decoded.finished.server.verified).toBe(true);
    expect(decoded.notes.join(" ")).toMatch(/could not be decrypted/);
  });
});

const tls12Suites = ["ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305"] as const;

describe("TLS 1.2 with a client certificate", () => {
  test.each(tls12Suites)("%s: flow, plaintext client certificate, both Finished", async (suite) => {
    const { capture, server } = await captureHandshake({
      server: serverOptions("TLSv1.2"),
      client: { ca: pems.serverCa, cert: pems.client.cert, key: pems.client.key, ciphers: suite },
    });
    expect(server.authorized).toBe(true);
    const decoded = await decodeCapture(capture);
    expect(decoded.tlsVersion).toBe("TLSv1.2");
    expect(decoded.cipherSuite).toBe(server.cipher);
    expectFlow(flows["tls12-mtls"], decoded);
    const certificate = clientCertificateStep(decoded);
    expect(certificate.encrypted).toBe(false);
    expect(certificate.certificates?.[0]?.sha256).toBe(fingerprintOf(pems.client.cert));
    expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
    expectRangesHold(capture, decoded);
  });
});

describe("no client certificate", () => {
  test("TLS 1.3: empty Certificate, then alert 116 certificate_required", async () => {
    const { capture, server, client } = await captureHandshake({ server: serverOptions("TLSv1.3"), client: { ca: pems.serverCa } });
    expect(server.error?.code).toBe("ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE");
    expect(client.error?.code).toBe("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
    const decoded = await decodeCapture(capture);
    expectFlow(flows["tls13-no-client-cert"], decoded);
    expect(clientCertificateStep(decoded).fields["empty"]).toBe(true);
    const alert = decoded.steps.find((s) => s.name === "Alert" && s.from === "server");
    expect(alert?.fields["code"]).toBe(116);
    expect(alert?.encrypted).toBe(true);
    expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
    // The full client-auth flow does not describe this capture.
    expect(compareWithFlow(flows["tls13-mtls"], decoded.steps).matches).toBe(false);
  });

  test("TLS 1.2: empty Certificate, then plaintext alert 40 handshake_failure", async () => {
    const { capture, client } = await captureHandshake({ server: serverOptions("TLSv1.2"), client: { ca: pems.serverCa } });
    expect(client.error?.code).toBe("ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE");
    const decoded = await decodeCapture(capture);
    expectFlow(flows["tls12-no-client-cert"], decoded);
    expect(clientCertificateStep(decoded).fields["empty"]).toBe(true);
    const alert = decoded.steps.find((s) => s.name === "Alert" && s.from === "server");
    expect(alert?.fields["code"]).toBe(40);
    expect(alert?.encrypted).toBe(false);
    expect(decoded.finished.client.verified).toBe(true);
    expect(decoded.finished.server).toEqual({ verified: false, reason: "no server Finished was decoded" });
  });
});

describe("a rejected client certificate", () => {
  test.each(["TLSv1.3", "TLSv1.2"] as const)("%s, Node server: no alert, the connection closes", async (version) => {
    const { capture, server } = await captureHandshake({ server: serverOptions(version), client: { ca: pems.serverCa, ...pems.stranger } });
    expect(server.authorized).not.toBe(true);
    const decoded = await decodeCapture(capture);
    expectFlow(flows[version === "TLSv1.3" ? "tls13-rejected-client" : "tls12-rejected-client"], decoded);
    expect(clientCertificateStep(decoded).certificates?.[0]?.sha256).toBe(fingerprintOf(pems.stranger.cert));
    expect(decoded.finished.client.verified).toBe(true);
    if (version === "TLSv1.3") expect(decoded.finished.server.verified).toBe(true);
    expect(decoded.steps.some((s) => s.name === "Alert" && s.from === "server")).toBe(false);
  });

  test.runIf(has("openssl")).each([
    ["TLSv1.3", "-tls1_3"],
    ["TLSv1.2", "-tls1_2"],
  ] as const)("%s, openssl s_server: alert 48 unknown_ca", async (version, flag) => {
    const upstream = await startOpensslServer(dir.path, flag);
    try {
      const { capture, client } = await captureHandshake({ upstreamPort: upstream.port, client: { ca: pems.serverCa, ...pems.stranger } });
      expect(client.error?.code).toBe("ERR_SSL_TLSV1_ALERT_UNKNOWN_CA");
      const decoded = await decodeCapture(capture);
      expect(decoded.tlsVersion).toBe(version);
      expectFlow(flows[version === "TLSv1.3" ? "tls13-rejected-client" : "tls12-rejected-client"], decoded);
      const alert = decoded.steps.find((s) => s.name === "Alert" && s.from === "server");
      expect(alert?.fields["code"]).toBe(48);
      expect(alert?.encrypted).toBe(version === "TLSv1.3");
      expect(clientCertificateStep(decoded).certificates?.[0]?.sha256).toBe(fingerprintOf(pems.stranger.cert));
      expect(decoded.finished.client.verified).toBe(true);
    } finally {
      upstream.stop();
    }
  });
});

describe("explainCapture", () => {
  test("the CLI --json shape, from the capture's JSON text", async () => {
    const { capture } = await captureHandshake({ server: serverOptions("TLSv1.3"), client: { ca: pems.serverCa, ...pems.client } });
    const output = await explainCapture(JSON.stringify(capture));
    expect(Object.keys(output).sort()).toEqual(["finishedVerified", "steps", "tlsVersion"]);
    expect(output.tlsVersion).toBe("TLSv1.3");
    expect(output.finishedVerified).toEqual({ client: true, server: true });
    const names = output.steps.map((s) => s.name);
    expect(names.slice(0, 2)).toEqual(["ClientHello", "ServerHello"]);
    for (const step of output.steps) {
      expect(Object.keys(step).sort()).toEqual(["encrypted", "fields", "from", "name", "range"]);
      expect(["client", "server"]).toContain(step.from);
    }
    // JSON-safe: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });
});
