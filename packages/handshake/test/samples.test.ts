/**
 * The shipped samples (made by scripts/make-sample.mjs from real handshakes) decode to their flows with
 * the Finished MACs the capture allows verified: the site can rely on them.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { compareWithFlow, decodeCapture, explainCapture, getFlow, type Flow } from "../src/index.js";

test.each([
  ["tls13-mtls.json", "tls13-mtls", "TLSv1.3", true, undefined],
  ["tls12-mtls.json", "tls12-mtls", "TLSv1.2", true, undefined],
  ["tls13-no-client-cert.json", "tls13-no-client-cert", "TLSv1.3", true, 116],
  // TLS 1.2 rejections end before the server's ChangeCipherSpec: there is no server Finished to check.
  ["tls12-no-client-cert.json", "tls12-no-client-cert", "TLSv1.2", false, 40],
  ["tls13-rejected-client.json", "tls13-rejected-client", "TLSv1.3", true, 48],
  ["tls12-rejected-client.json", "tls12-rejected-client", "TLSv1.2", false, 48],
] as const)("%s decodes to flow %s", async (file, flowId, version, serverFinished, alert) => {
  const text = readFileSync(new URL(`../samples/${file}`, import.meta.url), "utf8");
  const decoded = await decodeCapture(text);
  expect(decoded.tlsVersion).toBe(version);
  expect(decoded.notes).toEqual([]);
  const comparison = compareWithFlow(getFlow(flowId) as Flow, decoded.steps, decoded.tlsVersion);
  expect(comparison.difference).toBeUndefined();
  expect(decoded.finished.client).toEqual({ verified: true });
  expect(decoded.finished.server.verified).toBe(serverFinished);
  const serverAlert = decoded.steps.find((s) => s.name === "Alert" && s.from === "server" && s.fields["code"] !== 0);
  expect(serverAlert?.fields["code"]).toBe(alert);
  for (const step of decoded.steps) {
    for (const certificate of step.certificates ?? []) {
      expect(certificate.sha256).toBe(createHash("sha256").update(certificate.der).digest("hex"));
    }
  }
  const output = await explainCapture(text);
  expect(output.finishedVerified).toEqual({ client: true, server: serverFinished });
});
