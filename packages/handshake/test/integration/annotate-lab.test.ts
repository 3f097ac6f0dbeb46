/**
 * Fresh captures of the lab, annotated and proven: Node and nginx servers, TLS 1.2 and 1.3, accepted and
 * rejected clients, ECDSA, RSA and Ed25519 client keys. Every byte of every record is covered once; both
 * signatures (CertificateVerify, or ServerKeyExchange for a TLS 1.2 server) and both Finished MACs
 * verify; one flipped bit in the client's CertificateVerify is reported as not verified; the openssl
 * lines of the proof reproduce it.
 */
import { createCipheriv } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, has, run, startNginx, tempDir } from "@mtls-lab/peers";
import { annotateCapture, type AnnotatedHandshake, type ByteNode } from "../../src/annotate/index.js";
import { decodeCapture, type Capture } from "../../src/index.js";
import { expectFullCoverage, expectNoUnknown } from "../annotation-checks.js";
import { captureHandshake, fingerprintOf, makeCertificates, type Pems } from "./helpers.js";

let dir: { path: string; cleanup: () => void };
let pems: Pems;

beforeAll(() => {
  dir = tempDir("mtls-lab-annotate-");
  pems = makeCertificates(dir.path);
});
afterAll(() => dir?.cleanup());

type Version = "TLSv1.3" | "TLSv1.2";
const versions: Version[] = ["TLSv1.3", "TLSv1.2"];
const clientKeys = ["client", "clientRsa", "clientEd25519"] as const;
const expectedScheme = { client: /^ecdsa_secp256r1_sha256/, clientRsa: /^rsa_pss_rsae_sha256/, clientEd25519: /^ed25519/ } as const;

function nodeServer(version: Version) {
  return { cert: pems.server.cert, key: pems.server.key, ca: pems.clientCa, minVersion: version, maxVersion: version };
}

function expectProven(annotated: AnnotatedHandshake, clientCertificate: string) {
  expectFullCoverage(annotated);
  expectNoUnknown(annotated);
  expect(annotated.certificateVerifyVerified).toEqual({ client: true, server: true });
  expect(annotated.proof.signatures.client?.certificateSha256).toBe(fingerprintOf(clientCertificate));
  expect(annotated.proof.signatures.server?.certificateSha256).toBe(fingerprintOf(pems.server.cert));
  expect(annotated.finishedVerified.client).toBe(true);
}

/** The client Certificate's DER leaves are the certificates sent, marked for Inspect. */
function certificateLeaves(annotated: AnnotatedHandshake): ByteNode[] {
  const out: ByteNode[] = [];
  const walk = (n: ByteNode) => (n.certificate ? out.push(n) : n.children?.forEach(walk));
  for (const record of annotated.records.filter((r) => r.from === "client")) walk(record.plaintext?.tree ?? record.tree);
  return out;
}

describe("Node server", () => {
  for (const version of versions) {
    test.each(clientKeys)(`${version}, %s key: covered, both signatures and both Finished verified`, async (name) => {
      const { capture, server } = await captureHandshake({ server: nodeServer(version), client: { ca: pems.serverCa, ...pems[name] } });
      expect(server.authorized).toBe(true);
      const annotated = await annotateCapture(capture);
      expect(annotated.tlsVersion).toBe(version);
      expectProven(annotated, pems[name].cert);
      expect(annotated.finishedVerified.server).toBe(true);
      expect(annotated.proof.signatures.client?.algorithm).toMatch(expectedScheme[name]);
      const [leaf] = certificateLeaves(annotated);
      expect(leaf?.certificate?.sha256).toBe(fingerprintOf(pems[name].cert));
      expect(leaf?.mtls).toBe(true);
    });

    test(`${version}, rejected client (unknown CA): still covered and its signature verified`, async () => {
      const { capture, server } = await captureHandshake({ server: nodeServer(version), client: { ca: pems.serverCa, ...pems.stranger } });
      expect(server.authorized).not.toBe(true);
      const annotated = await annotateCapture(capture);
      expectProven(annotated, pems.stranger.cert);
      if (version === "TLSv1.3") expect(annotated.finishedVerified.server).toBe(true);
    });
  }

  test("TLSv1.3 after a HelloRetryRequest, with a client chain: covered, signatures over the message_hash transcript", async () => {
    const { capture, server } = await captureHandshake({
      server: { ...nodeServer("TLSv1.3"), ecdhCurve: "X25519" },
      client: { ca: pems.serverCa, ...pems.chained, ecdhCurve: "P-256:X25519" },
    });
    expect(server.authorized).toBe(true);
    const annotated = await annotateCapture(capture);
    expect(annotated.records.find((r) => r.from === "server")?.carries).toEqual(["HelloRetryRequest"]);
    expectProven(annotated, pems.chained.cert);
    expect(annotated.finishedVerified.server).toBe(true);
    expect(certificateLeaves(annotated).map((n) => n.certificate?.sha256)).toEqual([fingerprintOf(pems.chained.cert), fingerprintOf(pems.clientIntermediate)]);
  });

  test("TLSv1.2, no client certificate: covered, no client signature, the plaintext alert 40 marked", async () => {
    const { capture } = await captureHandshake({ server: nodeServer("TLSv1.2"), client: { ca: pems.serverCa } });
    const annotated = await annotateCapture(capture);
    expectFullCoverage(annotated);
    expectNoUnknown(annotated);
    expect(annotated.certificateVerifyVerified).toEqual({ client: false, server: true });
    const alert = annotated.records.find((r) => r.from === "server" && r.carries.some((c) => c.startsWith("Alert")));
    expect(alert?.tree.children?.[1]?.children?.[1]).toMatchObject({ key: "alert.description", value: "handshake_failure (40)", mtls: true });
  });
});

const request = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

describe.runIf(has("nginx"))("nginx ssl_verify_client on", () => {
  for (const version of versions) {
    test.each(["client", "clientRsa", "stranger"] as const)(`${version}, %s: covered, both signatures and both Finished verified`, async (name) => {
      const port = await freePort();
      const nginx = await startNginx(
        [
          "server {",
          `  listen 127.0.0.1:${port} ssl;`,
          `  ssl_protocols ${version};`,
          `  ssl_certificate ${dir.path}/server.crt;`,
          `  ssl_certificate_key ${dir.path}/server.key;`,
          `  ssl_client_certificate ${dir.path}/client-ca.crt;`,
          "  ssl_verify_client on;",
          '  location / { return 200 "verify=$ssl_client_verify\\n"; }',
          "}",
        ].join("\n"),
        [port],
      );
      try {
        const { capture, client } = await captureHandshake({ upstreamPort: port, client: { ca: pems.serverCa, ...pems[name] }, request });
        // nginx finishes the handshake either way and answers at the HTTP level.
        expect(client.data).toMatch(name === "stranger" ? /^HTTP\/1\.1 400/ : /^HTTP\/1\.1 200/);
        const annotated = await annotateCapture(capture);
        expect(annotated.tlsVersion).toBe(version);
        expectProven(annotated, pems[name].cert);
        expect(annotated.finishedVerified.server).toBe(true);
      } finally {
        await nginx.stop();
      }
    });
  }
});

/** Overwrites `bytes` at `offset` of a direction's stream, across the capture's chunks. */
function patchStream(capture: Capture, from: "client" | "server", offset: number, bytes: Uint8Array): Capture {
  let at = 0;
  const events = capture.events.map((event) => {
    if (event.from !== from) return event;
    const data = Buffer.from(event.data, "base64");
    for (let i = 0; i < data.length; i++) {
      const k = at + i - offset;
      if (k >= 0 && k < bytes.length) data[i] = bytes[k] as number;
    }
    at += data.length;
    return { ...event, data: data.toString("base64") };
  });
  return { ...capture, events };
}

function find(node: ByteNode, key: string): ByteNode | undefined {
  if (node.key === key) return node;
  for (const child of node.children ?? []) {
    const found = find(child, key);
    if (found) return found;
  }
  return undefined;
}

describe("one flipped bit in the client's CertificateVerify", () => {
  test("TLSv1.3 (re-encrypted with the record's key and nonce): client signature not verified, server still verified", async () => {
    const { capture } = await captureHandshake({ server: nodeServer("TLSv1.3"), client: { ca: pems.serverCa, ...pems.client, ciphers: "TLS_AES_128_GCM_SHA256" } });
    const before = await annotateCapture(capture);
    expect(before.certificateVerifyVerified).toEqual({ client: true, server: true });
    const record = before.records.find((r) => r.from === "client" && r.carries.includes("CertificateVerify"));
    const plaintext = record?.plaintext;
    if (!record || !plaintext) throw new Error("no decrypted client CertificateVerify record");
    const signature = find(plaintext.tree, "certificate_verify.signature.body") as ByteNode;
    const bytes = Buffer.from(plaintext.hex, "hex");
    bytes[signature.range[1] - 1] = (bytes[signature.range[1] - 1] as number) ^ 0x01;
    // Node's AES-GCM, not the package's: the record is sealed again exactly as the client would have.
    const header = Buffer.from(record.hex.slice(0, 10), "hex");
    const cipher = createCipheriv("aes-128-gcm", Buffer.from(plaintext.keys.key, "hex"), Buffer.from(plaintext.keys.nonce, "hex"));
    cipher.setAAD(header);
    const sealed = Buffer.concat([header, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
    expect(sealed.length).toBe(record.hex.length / 2);
    const tampered = patchStream(capture, "client", record.streamRange[0], sealed);
    const after = await annotateCapture(tampered);
    expectFullCoverage(after);
    expect(after.certificateVerifyVerified).toEqual({ client: false, server: true });
    expect(after.proof.signatures.client?.reason).toMatch(/does not verify/);
    // The transcript changed too, so the client's Finished no longer matches; the decoder agrees.
    expect(after.finishedVerified.client).toBe(false);
    expect((await decodeCapture(tampered)).finished.client.verified).toBe(false);
  });

  test("TLSv1.2 (plaintext): client signature not verified, ServerKeyExchange still verified", async () => {
    const { capture } = await captureHandshake({ server: nodeServer("TLSv1.2"), client: { ca: pems.serverCa, ...pems.clientRsa } });
    const before = await annotateCapture(capture);
    expect(before.certificateVerifyVerified).toEqual({ client: true, server: true });
    const record = before.records.find((r) => r.from === "client" && r.carries.includes("CertificateVerify"));
    if (!record) throw new Error("no client CertificateVerify record");
    const signature = find(record.tree, "certificate_verify.signature.body") as ByteNode;
    const at = signature.range[0] + 10;
    const flipped = new Uint8Array([Buffer.from(record.hex, "hex")[at] as number ^ 0x80]);
    const after = await annotateCapture(patchStream(capture, "client", record.streamRange[0] + at, flipped));
    expect(after.certificateVerifyVerified).toEqual({ client: false, server: true });
  });
});

describe.runIf(has("openssl"))("the proof's openssl lines reproduce it", () => {
  test.each([
    ["TLSv1.3", "clientRsa"],
    ["TLSv1.2", "clientEd25519"],
  ] as const)("%s, %s: signatures verify and derived values print the same bytes", async (version, name) => {
    const { capture } = await captureHandshake({ server: nodeServer(version), client: { ca: pems.serverCa, ...pems[name] } });
    const { proof } = await annotateCapture(capture);
    const work = tempDir("mtls-lab-proof-");
    try {
      for (const check of [proof.signatures.client, proof.signatures.server]) {
        const result = await run("bash", ["-c", (check?.openssl ?? []).join("\n")], { cwd: work.path });
        expect(result.stdout, result.stderr).toContain("Signature Verified Successfully");
        // TLS 1.3: openssl dgst over the transcript prints the hash inside the signed content.
        if (check?.transcriptHash) expect(result.stdout).toContain(check.transcriptHash);
      }
      const derived = [...proof.keySchedule.filter((s) => s.openssl.length > 0), proof.finished.client, proof.finished.server];
      expect(derived.length).toBeGreaterThan(2);
      for (const step of derived) {
        const result = await run("bash", ["-c", step?.openssl.join("\n") ?? "false"], { cwd: work.path });
        const printed = result.stdout.trim().split("\n").pop() ?? "";
        expect(printed.replaceAll(":", "").toLowerCase(), `${step?.id}: ${result.stderr}`).toBe(step?.output);
        if (step?.inputs["transcriptHash"] && step.id.endsWith("finished")) expect(result.stdout).toContain(step.inputs["transcriptHash"]);
      }
    } finally {
      work.cleanup();
    }
  });
});
