/**
 * Raw bytes of each direction (no chunk order): decodeStreams rebuilds the order from the protocol and
 * must give the same handshake and the same Finished results as the ordered capture.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { decodeCapture, decodeStreams, handshakeSteps, type DecodedHandshake } from "../../src/index.js";
import { captureHandshake, makeCertificates, streamOf, type Pems } from "./helpers.js";

let dir: { path: string; cleanup: () => void };
let pems: Pems;

beforeAll(() => {
  dir = tempDir("mtls-lab-handshake-raw-");
  pems = makeCertificates(dir.path);
});
afterAll(() => dir?.cleanup());

const sequence = (decoded: DecodedHandshake) => handshakeSteps(decoded.steps, decoded.tlsVersion).map((s) => `${s.from}:${s.name}:${String(s.fields["code"] ?? "")}`);

test.each([
  ["TLSv1.3 with a client certificate", "TLSv1.3", true, {}],
  ["TLSv1.2 with a client certificate", "TLSv1.2", true, {}],
  ["TLSv1.3 without a client certificate", "TLSv1.3", false, {}],
  ["TLSv1.2 without a client certificate", "TLSv1.2", false, {}],
  ["TLSv1.3 after a HelloRetryRequest", "TLSv1.3", true, { server: { ecdhCurve: "X25519" }, client: { ecdhCurve: "P-256:X25519" } }],
] as const)("%s", async (_name, version, withCertificate, extra) => {
  const extraServer = "server" in extra ? extra.server : {};
  const extraClient = "client" in extra ? extra.client : {};
  const { capture } = await captureHandshake({
    server: { cert: pems.server.cert, key: pems.server.key, ca: pems.clientCa, minVersion: version, maxVersion: version, ...extraServer },
    client: { ca: pems.serverCa, ...(withCertificate ? pems.client : {}), ...extraClient },
  });
  const ordered = await decodeCapture(capture);
  const raw = await decodeStreams({ client: streamOf(capture, "client"), server: streamOf(capture, "server"), keylog: capture.keylog });
  expect(raw.tlsVersion).toBe(version);
  expect(sequence(raw)).toEqual(sequence(ordered));
  expect(raw.finished).toEqual(ordered.finished);
  expect(raw.finished.client.verified).toBe(true);
});
