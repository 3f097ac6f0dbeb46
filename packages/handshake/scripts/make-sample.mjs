#!/usr/bin/env node
/**
 * Writes the sample captures the site ships: real TLS 1.3 and TLS 1.2 handshakes with client
 * authentication, accepted and rejected, recorded on 127.0.0.1 by a relay (capture-handshake.mjs):
 * - tls13-mtls.json, tls12-mtls.json: a Node server accepts the client certificate;
 * - tls13-no-client-cert.json, tls12-no-client-cert.json: no certificate; the Node server sends alert 116 / 40;
 * - tls13-rejected-client.json, tls12-rejected-client.json: a certificate from an unknown CA, rejected by
 *   `openssl s_server -verify_return_error` with alert 48 unknown_ca (a Node server would only close).
 * Run: node packages/handshake/scripts/make-sample.mjs [FILE...]   (all, or only the named ones)
 * The outputs are made by this script only; never edit them by hand.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { captureHandshake, makeCertificates } from "./capture-handshake.mjs";

const samples = join(dirname(fileURLToPath(import.meta.url)), "..", "samples");

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `openssl s_server` requiring a client certificate from the client CA; resolves once it listens. */
async function startOpensslServer(dir, versionFlag) {
  const port = await freePort();
  const child = spawn("openssl", ["s_server", "-accept", `127.0.0.1:${port}`, versionFlag, "-cert", join(dir, "server.crt"), "-key", join(dir, "server.key"),
    "-CAfile", join(dir, "client-ca.crt"), "-Verify", "1", "-verify_return_error"], { stdio: ["pipe", "pipe", "pipe"] });
  let output = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 20_000);
    const onData = (data) => {
      output += data.toString();
      if (output.includes("ACCEPT")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => reject(new Error(`openssl s_server exited: ${output}`)));
  });
  return { port, stop: () => child.exitCode === null && child.kill("SIGKILL") };
}

const work = mkdtempSync(join(tmpdir(), "mtls-lab-sample-"));
try {
  const pems = makeCertificates(work);
  const server = { cert: pems.server.cert, key: pems.server.key, ca: pems.clientCa };
  const client = { ca: pems.serverCa, cert: pems.client.cert, key: pems.client.key };
  const stranger = { ca: pems.serverCa, ...pems.stranger };
  mkdirSync(samples, { recursive: true });
  const runs = [
    { file: "tls13-mtls.json", version: "TLSv1.3", client, expect: (r) => r.server.authorized === true && r.server.tlsVersion === "TLSv1.3" },
    { file: "tls12-mtls.json", version: "TLSv1.2", client, expect: (r) => r.server.authorized === true && r.server.tlsVersion === "TLSv1.2" },
    // The classic failure: the client has no certificate; the server answers with alert 116 (1.3) or 40 (1.2).
    { file: "tls13-no-client-cert.json", version: "TLSv1.3", client: { ca: pems.serverCa }, expect: (r) => r.client.error?.code === "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED" },
    { file: "tls12-no-client-cert.json", version: "TLSv1.2", client: { ca: pems.serverCa }, expect: (r) => r.client.error?.code === "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE" },
    { file: "tls13-rejected-client.json", version: "TLSv1.3", openssl: "-tls1_3", client: stranger, expect: (r) => r.client.error?.code === "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA" },
    { file: "tls12-rejected-client.json", version: "TLSv1.2", openssl: "-tls1_2", client: stranger, expect: (r) => r.client.error?.code === "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA" },
  ];
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((file) => !runs.some((run) => run.file === file));
  if (unknown.length > 0) throw new Error(`no sample named ${unknown.join(", ")} (known: ${runs.map((run) => run.file).join(", ")})`);
  for (const run of runs.filter((r) => wanted.length === 0 || wanted.includes(r.file))) {
    const upstream = run.openssl ? await startOpensslServer(work, run.openssl) : undefined;
    try {
      const result = await captureHandshake({
        ...(upstream ? { upstreamPort: upstream.port } : { server: { ...server, minVersion: run.version, maxVersion: run.version } }),
        client: run.client,
      });
      if (!run.expect(result)) throw new Error(`${run.file}: the handshake did not go as intended (${JSON.stringify({ server: result.server, client: result.client })})`);
      writeFileSync(join(samples, run.file), `${JSON.stringify(result.capture, null, 2)}\n`);
      console.log(`wrote ${join(samples, run.file)} (${result.capture.events.length} chunks)`);
    } finally {
      upstream?.stop();
    }
  }
} catch (error) {
  console.error(`make-sample: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
