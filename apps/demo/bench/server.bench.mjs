#!/usr/bin/env node
// `mtls-lab serve` against nginx on the same machine, in one run, with the same kit: new mTLS handshakes per
// second (a fresh, never resumed connection per request) and keep-alive requests per second, p50 and p99.
// nginx runs packages/config's nginx-reverse server block with a `return 200` in the location instead of the
// proxy hop, so both sides do the same work: TLS with client verification and one small answer.
// The load generator verifies the server certificate like every client of the lab (no verification switch).
// Runs the built dist (pnpm bench builds first). Both servers run as one process each on 127.0.0.1.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const dist = fileURLToPath(new URL("../dist/lab/", import.meta.url));
const { ensureLabKit } = await import(pathToFileURL(join(dist, "kit.js")).href);
const { startLabNginx, hasNginx } = await import(pathToFileURL(join(dist, "nginx.js")).href);
const { pickFreePort } = await import(pathToFileURL(join(dist, "up.js")).href);

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const path = process.env.BENCH_PATH ?? "/";
const handshakeWorkers = 16;
const keepAliveConnections = 32;
const work = mkdtempSync(join(tmpdir(), "mtls-lab-bench-"));
const kitDir = join(work, "kit");
await ensureLabKit(kitDir);
const read = (name) => readFileSync(join(kitDir, name));
const tlsClient = { ca: read("server-ca.crt"), cert: read("client.crt"), key: read("client.key"), servername: "localhost" };
const stops = [];

/** The demo server in its own process, as `mtls-lab serve` runs it. */
async function startServe() {
  const port = await pickFreePort();
  const script = [
    `import { readFileSync } from "node:fs";`,
    `import { createServer } from ${JSON.stringify(pathToFileURL(join(dist, "server.js")).href)};`,
    `const r = (n) => readFileSync(${JSON.stringify(kitDir)} + "/" + n);`,
    `const s = createServer({ cert: r("server-chain.crt"), key: r("server.key"), ca: r("client-ca.crt") });`,
    `await s.listen(${port}, "127.0.0.1");`,
    `process.stdout.write("ready\\n");`,
  ].join("\n");
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve, reject) => {
    child.stdout.once("data", resolve);
    child.once("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  stops.push(async () => child.kill("SIGTERM"));
  return port;
}

/** nginx with config's nginx-reverse block, answering in the location itself. */
async function startNginx() {
  const port = await pickFreePort();
  const options = { kitDir, listen: port, httpListen: await pickFreePort(), upstream: "http://127.0.0.1:9" };
  // Same emitted server block; the location answers instead of proxying (there is no app in this benchmark).
  const nginx = await startLabNginx(options, (conf) =>
    conf.replace(/(location \/ \{\n)/, `$1        return 200 '{"mTLSValid":true,"verify":"$ssl_client_verify"}\\n';\n`));
  stops.push(() => nginx.stop());
  return port;
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Reads one HTTP/1.1 response with Content-Length from a socket; resolves its status. */
function readResponse(socket, state) {
  return new Promise((resolve, reject) => {
    const tryParse = () => {
      const end = state.buffer.indexOf("\r\n\r\n");
      if (end === -1) return false;
      const head = state.buffer.subarray(0, end).toString("latin1");
      const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (state.buffer.length < end + 4 + length) return false;
      state.buffer = state.buffer.subarray(end + 4 + length);
      resolve(Number(head.slice(9, 12)));
      return true;
    };
    if (tryParse()) return;
    const onData = (chunk) => {
      state.buffer = Buffer.concat([state.buffer, chunk]);
      if (tryParse()) cleanup();
    };
    const onError = (error) => (cleanup(), reject(error));
    const onClose = () => (cleanup(), reject(new Error("closed")));
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
  });
}

function open(port) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, ...tlsClient });
    socket.once("secureConnect", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** New connections: handshake, one request, close. Latency is connect to response. */
async function benchHandshakes(port, path, ms) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      const start = performance.now();
      try {
        const socket = await open(port);
        socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
        const status = await readResponse(socket, { buffer: Buffer.alloc(0) });
        socket.destroy();
        if (status !== 200) throw new Error(`status ${status}`);
        latencies.push(performance.now() - start);
      } catch {
        errors += 1;
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: handshakeWorkers }, worker));
  return { latencies, errors, ms: performance.now() - began };
}

/** Keep-alive: a fixed set of verified connections, one request after another on each. */
async function benchKeepAlive(port, path, ms) {
  const latencies = [];
  let errors = 0;
  const deadline = performance.now() + ms;
  const worker = async () => {
    let socket = await open(port);
    let state = { buffer: Buffer.alloc(0) };
    while (performance.now() < deadline) {
      const start = performance.now();
      socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      try {
        if ((await readResponse(socket, state)) !== 200) errors += 1;
        else latencies.push(performance.now() - start);
      } catch {
        // nginx closes a keep-alive connection after keepalive_requests (1000 by default): reconnect.
        socket.destroy();
        socket = await open(port);
        state = { buffer: Buffer.alloc(0) };
      }
    }
    socket.destroy();
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: keepAliveConnections }, worker));
  return { latencies, errors, ms: performance.now() - began };
}

/**
 * The machine is shared: load drifts during a run. So the two servers take turns in one-second slices and
 * each side's slices are added up, instead of one long run each.
 */
async function interleave(bench, ports) {
  const totals = ports.map(() => ({ latencies: [], errors: 0, ms: 0 }));
  for (let round = 0; round < seconds; round += 1) {
    for (const [i, port] of ports.entries()) {
      const slice = await bench(port, path, 1000);
      totals[i].latencies.push(...slice.latencies);
      totals[i].errors += slice.errors;
      totals[i].ms += slice.ms;
    }
  }
  return totals.map((t) => summarize(t.latencies, t.errors, t.ms));
}

function summarize(latencies, errors, ms) {
  const sorted = latencies.sort((a, b) => a - b);
  return { perSecond: (sorted.length / ms) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors, count: sorted.length };
}

const row = (name, r) =>
  `| ${name.padEnd(34)} | ${r.perSecond.toFixed(0).padStart(8)} | ${r.p50.toFixed(2).padStart(7)} | ${r.p99.toFixed(2).padStart(7)} | ${String(r.errors).padStart(6)} |`;

try {
  if (!hasNginx()) {
    console.log("nginx is not installed: nothing to compare against (apt-get install nginx)");
    process.exit(0);
  }
  const servePort = await startServe();
  const nginxPort = await startNginx();
  // Warm-up: JIT, session caches and key material on both sides.
  const short = Number(process.env.BENCH_SECONDS ?? 5);
  await benchHandshakes(servePort, path, 1000);
  await benchHandshakes(nginxPort, path, 1000);
  const results = {};
  [results.serveHs, results.nginxHs] = await interleave(benchHandshakes, [servePort, nginxPort]);
  [results.serveKa, results.nginxKa] = await interleave(benchKeepAlive, [servePort, nginxPort]);
  console.log(`${short} s per measurement (1 s slices, taking turns); ${handshakeWorkers} handshake workers, ${keepAliveConnections} keep-alive connections; EC P-256 kit, TLS 1.3, GET ${path}`);
  console.log("| measurement                        |    per s | p50 ms  | p99 ms  | errors |");
  console.log("|------------------------------------|---------:|--------:|--------:|-------:|");
  console.log(row("new mTLS handshakes: mtls-lab serve", results.serveHs));
  console.log(row("new mTLS handshakes: nginx", results.nginxHs));
  console.log(row("keep-alive requests: mtls-lab serve", results.serveKa));
  console.log(row("keep-alive requests: nginx", results.nginxKa));
  const ratio = (a, b) => `${((a.perSecond / b.perSecond) * 100).toFixed(0)}%`;
  console.log(`serve / nginx: handshakes ${ratio(results.serveHs, results.nginxHs)}, keep-alive ${ratio(results.serveKa, results.nginxKa)} (target >= 80%)`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
