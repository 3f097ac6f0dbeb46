#!/usr/bin/env node
/**
 * Writes the sample captures the site ships: real TLS 1.3 and TLS 1.2 handshakes with client
 * authentication, and a TLS 1.3 client without a certificate, between Node peers on 127.0.0.1,
 * recorded by a relay (capture-handshake.mjs).
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
  const runs = [
    { file: "tls13-mtls.json", version: "TLSv1.3", client, authorized: true },
    { file: "tls12-mtls.json", version: "TLSv1.2", client, authorized: true },
    // The classic failure: the client has no certificate; the server answers with alert 116.
    { file: "tls13-no-client-cert.json", version: "TLSv1.3", client: { ca: pems.serverCa }, authorized: false },
  ];
  for (const run of runs) {
    const { capture, server: report, client: clientReport } = await captureHandshake({
      server: { ...server, minVersion: run.version, maxVersion: run.version },
      client: run.client,
    });
    const asExpected = run.authorized
      ? report.authorized === true && report.tlsVersion === run.version
      : clientReport.error?.code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED";
    if (!asExpected) throw new Error(`${run.file}: the handshake did not go as intended (${JSON.stringify({ report, clientReport })})`);
    writeFileSync(join(samples, run.file), `${JSON.stringify(capture, null, 2)}\n`);
    console.log(`wrote ${join(samples, run.file)} (${capture.events.length} chunks)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
