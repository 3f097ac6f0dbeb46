/**
 * The scenario matrix: every case goes through real peers (Node tls server and client, nginx in the three
 * ssl_verify_client modes with curl, openssl verify) and diagnose()/verifyChain() must predict exactly what
 * each said. No case is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Server } from "node:tls";
import { join } from "node:path";
import { has, tempDir, type NginxHandle } from "@mtls-lab/peers";
import { codeFromNumber, diagnose, verifyChain, type Diagnosis } from "../src/index.js";
import { buildScenarios, type Scenario } from "./integration/scenario-cases.js";
import { MODES, runCurl, runNodeClient, runNodeHttps, runOpensslVerify, startNginxMatrix, startNodeServer, writeScenarioFiles, type NginxPorts } from "./integration/real-peers.js";

const scenarios = await buildScenarios();

/** How Node (OpenSSL) names a received alert in tlsClientError. */
const ALERT_CODES: Record<number, string> = {
  42: "ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE",
  43: "ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
  45: "ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED",
  46: "ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN",
  48: "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA",
  51: "ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR",
  80: "ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR",
};
let nginx: NginxHandle;
let ports: NginxPorts;
const nodeServers = new Map<string, { port: number; server: Server; clientErrors: string[] }>();
const dir = tempDir("mtls-lab-matrix-");

beforeAll(async () => {
  for (const tool of ["nginx", "curl", "openssl"]) if (!has(tool)) throw new Error(`${tool} is required for the scenario matrix`);
  scenarios.forEach((scenario, index) => writeScenarioFiles(scenario, dir.path, index));
  ({ nginx, ports } = await startNginxMatrix(scenarios));
  for (const scenario of scenarios) nodeServers.set(scenario.name, await startNodeServer(scenario));
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  for (const { server } of nodeServers.values()) server.close();
  dir.cleanup();
});

function predict(scenario: Scenario, mode: (typeof MODES)[number]): Promise<Diagnosis> {
  return diagnose({
    serverChain: scenario.serverChain,
    serverKey: scenario.serverKey,
    clientChain: scenario.clientChain,
    clientKey: scenario.clientKey,
    serverTrustsForClients: scenario.serverTrust,
    clientTrustsForServer: scenario.clientTrust,
    host: scenario.host,
    server: "nginx",
    verifyClient: mode,
    tlsVersion: scenario.tls,
  });
}

describe.concurrent("scenario matrix: predictions equal what real peers say", () => {
  it("has at least 30 cases", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(30);
  });

  scenarios.forEach((scenario, index) => {
    it(scenario.name, async () => {
      const diagnoses = Object.fromEntries(await Promise.all(MODES.map(async (mode) => [mode, await predict(scenario, mode)] as const)));
      const prediction = diagnoses.on!;
      const serverRejected = prediction.server.verdict === "rejected";
      const observed: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};

      // openssl verify (no security level, like verifyChain's default): the first error.
      if (scenario.clientChain) {
        const verify = await runOpensslVerify(dir.path, index, "client");
        observed.opensslClientFirst = verify.number === null ? null : (codeFromNumber(verify.number) ?? `#${verify.number}`);
        expected.opensslClientFirst = (await verifyChain({ leaf: scenario.clientChain, trustAnchors: scenario.serverTrust, purpose: "client" })).firstError;
      }
      const serverVerify = await runOpensslVerify(dir.path, index, "server");
      observed.opensslServerFirst = serverVerify.number === null ? null : (codeFromNumber(serverVerify.number) ?? `#${serverVerify.number}`);
      expected.opensslServerFirst = (await verifyChain({ leaf: scenario.serverChain, trustAnchors: scenario.clientTrust, purpose: "server" })).firstError;

      // Node: the client's error when it rejects the server, else the server's authorizationError.
      const node = await runNodeClient(scenario, nodeServers.get(scenario.name)!.port);
      if (serverRejected) {
        observed.nodeClientError = node.clientError ?? null;
        expected.nodeClientError = prediction.server.node.code;
        observed.nodeClientMessage = node.clientMessage ?? null;
        expected.nodeClientMessage = prediction.server.node.message;
      } else {
        observed.nodeAuthorizationError = node.clientError ? `client failed: ${node.clientError} ${node.clientMessage}` : (node.authorizationError ?? null);
        expected.nodeAuthorizationError = prediction.client.node.code;
      }

      // curl and a Node https client against nginx in each mode.
      for (const mode of MODES) {
        const curl = await runCurl(scenario, ports[scenario.name]![mode], dir.path, index);
        const nodeHttps = await runNodeHttps(scenario, ports[scenario.name]![mode]);
        const diagnosis = diagnoses[mode]!;
        observed[`node→nginx ${mode}`] = nodeHttps;
        expected[`node→nginx ${mode}`] = serverRejected
          ? { clientError: diagnosis.server.node.code }
          : { status: diagnosis.client.nginx?.status, clientVerify: diagnosis.client.nginx?.clientVerify };
        const curlPrediction = diagnosis.client.curl!;
        if (curlPrediction.exitCode !== 0) {
          // curl prefixes OpenSSL's own errors with the library version ("OpenSSL/3.0.19: "): not predicted.
          observed[`curl ${mode}`] = { exitCode: curl.exitCode, message: curl.stderr.replace(/^curl: \(\d+\) /, "").replace(/^OpenSSL\/[\d.]+[a-z]*: /, "").replace(join(dir.path, `s${index}-client-chain.pem`), "<file>") };
          expected[`curl ${mode}`] = { exitCode: curlPrediction.exitCode, message: curlPrediction.message };
        } else {
          observed[`nginx ${mode}`] = { exitCode: curl.exitCode, status: curl.status, clientVerify: curl.clientVerify, title: curl.title };
          expected[`nginx ${mode}`] = { exitCode: 0, status: diagnosis.client.nginx?.status, clientVerify: diagnosis.client.nginx?.clientVerify, title: diagnosis.client.nginx?.title };
        }
      }
      // The alert curl sends when it rejects the server, as the Node server's tlsClientError names it.
      if (serverRejected) {
        const nodeServer = nodeServers.get(scenario.name)!;
        const before = nodeServer.clientErrors.length;
        await runCurl(scenario, nodeServer.port, dir.path, index);
        // The server may handle the alert just after curl exits: give it a moment (no error at all is an answer too).
        for (let waited = 0; nodeServer.clientErrors.length === before && waited < 3_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        const alert = prediction.server.alert;
        observed.alertAtNodeServer = nodeServer.clientErrors.slice(before).find((code) => code.includes("_ALERT_")) ?? null;
        expected.alertAtNodeServer = alert ? ALERT_CODES[alert.code] : null;
      }
      if (process.env.MATRIX_DEBUG) console.log(`CASE ${scenario.name}: ${JSON.stringify(observed)}`);
      expect(observed).toEqual(expected);
    }, 120_000);
  });
});
