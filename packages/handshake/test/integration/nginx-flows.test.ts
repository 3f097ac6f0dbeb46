/**
 * The nginx flows, against Debian's nginx: the relay records a Node client talking to nginx with
 * ssl_verify_client on / optional / optional_no_ca, and the decoded handshake is compared with the flow
 * while the HTTP answer shows what nginx decided.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, has, startNginx, tempDir } from "@mtls-lab/peers";
import { compareWithFlow, decodeCapture, flows, type Flow } from "../../src/index.js";
import { captureHandshake, makeCertificates, type Pems } from "./helpers.js";

let dir: { path: string; cleanup: () => void };
let pems: Pems;

beforeAll(() => {
  dir = tempDir("mtls-lab-handshake-nginx-");
  pems = makeCertificates(dir.path);
});
afterAll(() => dir?.cleanup());

const request = "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";

async function throughNginx(mode: "on" | "optional" | "optional_no_ca", client: Record<string, unknown>, version: "TLSv1.3" | "TLSv1.2" = "TLSv1.3") {
  const port = await freePort();
  const nginx = await startNginx(
    [
      "server {",
      `  listen 127.0.0.1:${port} ssl;`,
      `  ssl_protocols ${version};`,
      `  ssl_certificate ${dir.path}/server.crt;`,
      `  ssl_certificate_key ${dir.path}/server.key;`,
      `  ssl_client_certificate ${dir.path}/client-ca.crt;`,
      `  ssl_verify_client ${mode};`,
      '  location / { return 200 "verify=$ssl_client_verify\\n"; }',
      "}",
    ].join("\n"),
    [port],
  );
  try {
    return await captureHandshake({ upstreamPort: port, client: { ca: pems.serverCa, ...client }, request });
  } finally {
    await nginx.stop();
  }
}

async function expectFlow(flow: Flow, capture: Parameters<typeof decodeCapture>[0]) {
  const decoded = await decodeCapture(capture);
  const comparison = compareWithFlow(flow, decoded.steps, decoded.tlsVersion);
  expect(comparison.difference).toBeUndefined();
  expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
  return decoded;
}

describe.runIf(has("nginx"))("nginx ssl_verify_client", () => {
  test("on, no certificate: the handshake completes, then 400 No required SSL certificate was sent", async () => {
    const { capture, client } = await throughNginx("on", {});
    expect(client.data).toMatch(/^HTTP\/1\.1 400/);
    expect(client.data).toContain("No required SSL certificate was sent");
    await expectFlow(flows["nginx-on-no-client-cert"], capture);
  });

  test("optional, no certificate: 200 with $ssl_client_verify NONE", async () => {
    const { capture, client } = await throughNginx("optional", {});
    expect(client.data).toMatch(/^HTTP\/1\.1 200/);
    expect(client.data).toContain("verify=NONE");
    await expectFlow(flows["nginx-optional"], capture);
  });

  test("optional, certificate from an unknown CA: still 400 The SSL certificate error", async () => {
    const { capture, client } = await throughNginx("optional", pems.stranger);
    expect(client.data).toMatch(/^HTTP\/1\.1 400/);
    expect(client.data).toContain("The SSL certificate error");
    await expectFlow(flows["tls13-mtls"], capture);
  });

  test("optional_no_ca, certificate from an unknown CA: 200 with FAILED:...", async () => {
    const { capture, client } = await throughNginx("optional_no_ca", pems.stranger);
    expect(client.data).toMatch(/^HTTP\/1\.1 200/);
    // Measured: a lone leaf from an unknown CA ends with "unable to verify the first certificate" (the last error).
    expect(client.data).toContain("verify=FAILED:unable to verify the first certificate");
    await expectFlow(flows["nginx-optional-no-ca"], capture);
  });
});

describe.runIf(has("nginx"))("nginx ssl_verify_client over TLS 1.2", () => {
  test("on, no certificate: the handshake completes (no alert 40), then 400", async () => {
    const { capture, client } = await throughNginx("on", {}, "TLSv1.2");
    expect(client.data).toMatch(/^HTTP\/1\.1 400/);
    expect(client.data).toContain("No required SSL certificate was sent");
    const decoded = await expectFlow(flows["nginx-tls12-on-no-client-cert"], capture);
    expect(decoded.tlsVersion).toBe("TLSv1.2");
  });

  test("optional, no certificate: 200 with NONE", async () => {
    const { capture, client } = await throughNginx("optional", {}, "TLSv1.2");
    expect(client.data).toContain("verify=NONE");
    await expectFlow(flows["nginx-tls12-optional"], capture);
  });

  test("optional_no_ca, certificate from an unknown CA: 200 with FAILED:...", async () => {
    const { capture, client } = await throughNginx("optional_no_ca", pems.stranger, "TLSv1.2");
    expect(client.data).toContain("verify=FAILED:unable to verify the first certificate");
    await expectFlow(flows["nginx-tls12-optional-no-ca"], capture);
  });

  test("optional, certificate from an unknown CA: 400, the full TLS 1.2 flow on the wire", async () => {
    const { capture, client } = await throughNginx("optional", pems.stranger, "TLSv1.2");
    expect(client.data).toContain("The SSL certificate error");
    await expectFlow(flows["tls12-mtls"], capture);
  });
});
