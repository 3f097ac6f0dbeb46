#!/usr/bin/env node
/**
 * Writes the sample captures the site ships: real TLS 1.3 and TLS 1.2 handshakes with client
 * authentication between Node peers on 127.0.0.1, recorded by a relay (capture-handshake.mjs).
 * Run: node packages/handshake/scripts/make-sample.mjs   (outputs in packages/handshake/samples/)
 * The outputs are made by this script only; never edit them by hand.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { captureHandshake, makeCertificates } from "./capture-handshake.mjs";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");
const work = mkdtempSync(join(tmpdir(), "mtls-lab-sample-"));
try {
  const pems = makeCertificates(work);
  const server = { cert: pems.server.cert, key: pems.server.key, ca: pems.clientCa };
  const client = { ca: pems.serverCa, cert: pems.client.cert, key: pems.client.key };
  mkdirSync(samples, { recursive: true });
  for (const [file, version] of [["tls13-mtls.json", "TLSv1.3"], ["tls12-mtls.json", "TLSv1.2"]]) {
    const { capture, server: report } = await captureHandshake({
      server: { ...server, minVersion: version, maxVersion: version },
      client,
    });
    if (!report.authorized || report.tlsVersion !== version) {
      throw new Error(`${file}: the handshake did not complete as ${version} with an authorized client (${JSON.stringify(report)})`);
    }
    writeFileSync(join(samples, file), `${JSON.stringify(capture, null, 2)}\n`);
    console.log(`wrote ${join(samples, file)} (${capture.events.length} chunks, ${report.cipher})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
