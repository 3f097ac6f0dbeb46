/**
 * Runs one scenario through real peers: a Node tls server (requestCert, rejectUnauthorized false) that
 * answers with its socket.authorizationError, a Node client, curl against nginx in the three
 * ssl_verify_client modes, and `openssl verify` for the first-error semantics.
 */
import { connect, createServer, type Server } from "node:tls";
import { request } from "node:https";
import { isIP } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, startNginx, type NginxHandle } from "@mtls-lab/peers";
import type { Scenario } from "./scenario-cases.js";

export const MODES = ["on", "optional", "optional_no_ca"] as const;
export type Mode = (typeof MODES)[number];

/** What the Node pair observed: the server's authorizationError (as sent back) or the client's error. */
export interface NodeObservation {
  authorized?: boolean;
  authorizationError?: string | null;
  clientError?: string;
  clientMessage?: string;
}

/**
 * Starts a Node mTLS server for a scenario; each connection gets `{"authorized", "authorizationError"}` back.
 * `clientErrors` collects tlsClientError codes: the alert a client sent when it rejected the server.
 */
export async function startNodeServer(scenario: Scenario): Promise<{ port: number; server: Server; clientErrors: string[] }> {
  const clientErrors: string[] = [];
  const server = createServer(
    { key: scenario.serverKey, cert: scenario.serverChain, ca: scenario.serverTrust, requestCert: true, rejectUnauthorized: false, minVersion: "TLSv1.2" },
    (socket) => {
      socket.on("error", () => {});
      socket.end(JSON.stringify({ authorized: socket.authorized, authorizationError: socket.authorizationError ?? null }));
    },
  );
  server.on("tlsClientError", (error: NodeJS.ErrnoException) => clientErrors.push(error.code ?? error.message));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { port: typeof address === "object" && address ? address.port : 0, server, clientErrors };
}

/** A Node client with verification on (the default), connecting as `scenario.host`. */
export function runNodeClient(scenario: Scenario, port: number): Promise<NodeObservation> {
  return new Promise((resolve) => {
    const version = scenario.tls === "1.2" ? "TLSv1.2" : "TLSv1.3";
    const socket = connect({
      host: "127.0.0.1",
      port,
      servername: isIP(scenario.host) ? undefined : scenario.host,
      ...(isIP(scenario.host) ? { host: scenario.host } : {}),
      ca: scenario.clientTrust,
      cert: scenario.clientChain,
      key: scenario.clientKey,
      minVersion: version,
      maxVersion: version,
    });
    let data = "";
    const timer = setTimeout(() => (socket.destroy(), resolve({ clientError: "TIMEOUT" })), 20_000);
    socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
    socket.on("end", () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(data) as NodeObservation);
      } catch {
        resolve({ clientError: "NO_ANSWER", clientMessage: data });
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ clientError: error.code, clientMessage: error.message });
    });
  });
}

export interface NginxPorts {
  [scenario: string]: Record<Mode, number>;
}

/** One nginx, three server blocks (on / optional / optional_no_ca) per scenario, each on its own port. */
export async function startNginxMatrix(scenarios: Scenario[]): Promise<{ nginx: NginxHandle; ports: NginxPorts }> {
  const files: Record<string, string> = {};
  scenarios.forEach((scenario, index) => {
    files[`s${index}-chain.pem`] = scenario.serverChain;
    files[`s${index}-key.pem`] = scenario.serverKey;
    files[`s${index}-trust.pem`] = scenario.serverTrust;
  });
  // A port another suite grabs between freePort() and nginx's bind() makes nginx exit: retry with new ports.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const ports: NginxPorts = {};
    const blocks: string[] = [];
    const taken = new Set<number>();
    for (const [index, scenario] of scenarios.entries()) {
      ports[scenario.name] = {} as Record<Mode, number>;
      for (const mode of MODES) {
        // The kernel may hand the same free port out twice in a row; two blocks on one port would
        // silently share a listener (and the first block's certificates).
        let port = await freePort();
        while (taken.has(port)) port = await freePort();
        taken.add(port);
        ports[scenario.name]![mode] = port;
        blocks.push(
          [
            "server {",
            `  listen 127.0.0.1:${port} ssl;`,
            `  ssl_certificate s${index}-chain.pem;`,
            `  ssl_certificate_key s${index}-key.pem;`,
            `  ssl_client_certificate s${index}-trust.pem;`,
            `  ssl_verify_client ${mode};`,
            // nginx's default depth of 1 would reject every chain with an intermediate.
            "  ssl_verify_depth 10;",
            "  ssl_protocols TLSv1.2 TLSv1.3;",
            "  add_header X-Client-Verify $ssl_client_verify always;",
            '  location / { return 200 "$ssl_client_verify"; }',
            "}",
          ].join("\n"),
        );
      }
    }
    try {
      return { nginx: await startNginx(blocks.join("\n"), [...taken], { files }), ports };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export interface CurlObservation {
  exitCode: number | null;
  status: number | null;
  clientVerify: string | null;
  title: string | null;
  stderr: string;
}

/** curl with its CA file and (when the scenario has one) client certificate, against one nginx block. */
export async function runCurl(scenario: Scenario, port: number, dir: string, index: number): Promise<CurlObservation> {
  const args = ["-sS", "-i", "--max-time", "20", "--cacert", join(dir, `s${index}-client-trust.pem`)];
  if (scenario.clientChain) args.push("--cert", join(dir, `s${index}-client-chain.pem`), "--key", join(dir, `s${index}-client-key.pem`));
  if (scenario.tls === "1.2") args.push("--tlsv1.2", "--tls-max", "1.2");
  else args.push("--tlsv1.3");
  if (!isIP(scenario.host)) args.push("--resolve", `${scenario.host}:${port}:127.0.0.1`);
  args.push(`https://${scenario.host}:${port}/`);
  const result = await run("curl", args, { timeoutMs: 30_000 });
  const status = /^HTTP\/[\d.]+ (\d{3})/m.exec(result.stdout)?.[1];
  return {
    exitCode: result.code,
    status: status ? Number(status) : null,
    clientVerify: /^x-client-verify: (.*?)\r?$/im.exec(result.stdout)?.[1] ?? null,
    title: /<title>(.*?)<\/title>/.exec(result.stdout)?.[1] ?? null,
    // curl 7.88 adds a paragraph about sslcerts.html after the error line.
    stderr: result.stderr.trim().split("\n")[0] ?? "",
  };
}

/** Writes the files curl and openssl read for scenario `index`. */
export function writeScenarioFiles(scenario: Scenario, dir: string, index: number): void {
  writeFileSync(join(dir, `s${index}-client-trust.pem`), scenario.clientTrust);
  writeFileSync(join(dir, `s${index}-server-trust.pem`), scenario.serverTrust);
  const [serverLeaf, ...serverRest] = splitPem(scenario.serverChain);
  writeFileSync(join(dir, `s${index}-server-leaf.pem`), serverLeaf ?? "");
  writeFileSync(join(dir, `s${index}-server-pool.pem`), serverRest.join(""));
  if (scenario.clientChain && scenario.clientKey) {
    writeFileSync(join(dir, `s${index}-client-chain.pem`), scenario.clientChain);
    writeFileSync(join(dir, `s${index}-client-key.pem`), scenario.clientKey, { mode: 0o600 });
    const [leaf, ...rest] = splitPem(scenario.clientChain);
    writeFileSync(join(dir, `s${index}-client-leaf.pem`), leaf ?? "");
    writeFileSync(join(dir, `s${index}-client-pool.pem`), rest.join(""));
  }
}

function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? [];
}

/** `openssl verify`'s first error as "error N at D depth lookup", or null for OK. */
export async function runOpensslVerify(dir: string, index: number, side: "client" | "server"): Promise<{ number: number | null; depth: number | null; output: string }> {
  const trust = side === "client" ? `s${index}-server-trust.pem` : `s${index}-client-trust.pem`;
  const pool = join(dir, `s${index}-${side}-pool.pem`);
  const args = ["verify", "-purpose", side === "client" ? "sslclient" : "sslserver", "-CAfile", join(dir, trust)];
  const { readFileSync } = await import("node:fs");
  if (readFileSync(pool, "utf8").trim() !== "") args.push("-untrusted", pool);
  args.push(join(dir, `s${index}-${side}-leaf.pem`));
  const result = await run("openssl", args, { timeoutMs: 30_000 });
  const output = result.stdout + result.stderr;
  const match = /error (\d+) at (\d+) depth lookup/.exec(output);
  if (!match && result.code !== 0) return { number: -1, depth: null, output };
  return { number: match ? Number(match[1]) : null, depth: match ? Number(match[2]) : null, output };
}

/** A Node https client (verification on) against one nginx block: status and $ssl_client_verify, or its error. */
export function runNodeHttps(scenario: Scenario, port: number): Promise<{ status?: number; clientVerify?: string | null; clientError?: string }> {
  return new Promise((resolve) => {
    const version = scenario.tls === "1.2" ? "TLSv1.2" : "TLSv1.3";
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/",
        servername: isIP(scenario.host) ? undefined : scenario.host,
        headers: { host: scenario.host },
        ca: scenario.clientTrust,
        cert: scenario.clientChain,
        key: scenario.clientKey,
        minVersion: version,
        maxVersion: version,
        agent: false,
        timeout: 20_000,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode, clientVerify: (res.headers["x-client-verify"] as string | undefined) ?? null }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("TIMEOUT")));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ clientError: error.code ?? error.message }));
    req.end();
  });
}
