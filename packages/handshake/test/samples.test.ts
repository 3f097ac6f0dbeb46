/**
 * The shipped samples (made by scripts/make-sample.mjs from real handshakes) decode to their flows with
 * both Finished MACs verified: the site can rely on them.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { compareWithFlow, decodeCapture, explainCapture, getFlow, type Flow } from "../src/index.js";

test.each([
  ["tls13-mtls.json", "tls13-mtls", "TLSv1.3"],
  ["tls12-mtls.json", "tls12-mtls", "TLSv1.2"],
  ["tls13-no-client-cert.json", "tls13-no-client-cert", "TLSv1.3"],
])("%s decodes to flow %s", async (file, flowId, version) => {
  const text = readFileSync(new URL(`../samples/${file}`, import.meta.url), "utf8");
  const decoded = await decodeCapture(text);
  expect(decoded.tlsVersion).toBe(version);
  expect(decoded.notes).toEqual([]);
  const comparison = compareWithFlow(getFlow(flowId) as Flow, decoded.steps, decoded.tlsVersion);
  expect(comparison.difference).toBeUndefined();
  expect(decoded.finished).toEqual({ client: { verified: true }, server: { verified: true } });
  for (const step of decoded.steps) {
    for (const certificate of step.certificates ?? []) {
      expect(certificate.sha256).toBe(createHash("sha256").update(certificate.der).digest("hex"));
    }
  }
  const output = await explainCapture(text);
  expect(output.finishedVerified).toEqual({ client: true, server: true });
});
