#!/usr/bin/env node
// `mtls-lab serve` against the two servers people actually run, in one run on the same kit and machine:
// the plain Node mTLS server of the tutorials (https.createServer with requestCert and rejectUnauthorized,
// one small JSON body: plain-https-server.mjs) and nginx with `ssl_verify_client on` (packages/config's
// nginx-reverse block, answering with `return 200` in the location instead of the proxy hop).
// Two workloads: new mTLS handshakes (a fresh connection per request, never a resumed session) and
// keep-alive requests. req/s, p50 and p99 latency, and the ratios serve/plain Node and serve/nginx.
// Load comes from several generator processes (load-generator.mjs, forked), so no single event loop limits
// the server; each slice reports the generators' own CPU time and each server's (from /proc/PID/stat).
// With two or more cores, the servers are pinned to CPU 0 and the generators to the others (taskset(1)):
// every server gets the same one core. The three take turns in 1 s slices, in a rotating order, so load
// from other processes on a shared machine falls on all of them alike: compare the ratios, not the absolutes.
// Runs the built dist and bin (pnpm bench builds first). Each server is one process on 127.0.0.1.
import { execFileSync, fork, spawn, spawnSync } from "node:child_process";
import { connect as tlsConnect, createServer as createTlsServer } from "node:tls";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = fileURLToPath(new URL("../dist/lab/", import.meta.url));
const bin = fileURLToPath(new URL("../bin/mtls-lab.js", import.meta.url));
const { ensureLabKit } = await import(pathToFileURL(join(dist, "kit.js")).href);
const { startLabNginx, hasNginx } = await import(pathToFileURL(join(dist, "nginx.js")).href);
const { pickFreePort } = await import(pathToFileURL(join(dist, "up.js")).href);
const { reportFor } = await import(pathToFileURL(join(dist, "server.js")).href);

const rounds = Number(process.env.BENCH_SECONDS ?? 5);
const path = process.env.BENCH_PATH ?? "/";
const generators = Number(process.env.BENCH_GENERATORS ?? 2);
const handshakeConcurrency = 32;
const keepAliveConnections = 32;
const cores = cpus().length;
const pin = cores >= 2 && spawnSync("taskset", ["-V"], { stdio: "ignore" }).error === undefined && process.env.BENCH_PIN !== "0";
const serverCpus = "0";
const generatorCpus = `1-${cores - 1}`;
const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

const work = mkdtempSync(join(tmpdir(), "mtls-lab-bench-"));
const kitDir = join(work, "kit");
await ensureLabKit(kitDir);
const stops = [];

/** Prefixes a command with taskset when pinning. */
const pinned = (cpuList, command, args) => (pin ? ["taskset", ["-c", cpuList, command, ...args]] : [command, args]);

/** Starts a server process and resolves when it prints its first line (its ready signal). */
async function startProcess(name, command, args) {
  const child = spawn(...pinned(serverCpus, command, args), { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  await new Promise((resolve, reject) => {
    child.stdout.once("data", resolve);
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}: ${stderr.trim()}`)));
  });
  stops.push(async () => child.kill("SIGTERM"));
  return child.pid;
}

/** `mtls-lab serve` itself, run as a user runs it (the bin, explain-why mode, the lab kit's files). */
async function startServe() {
  const port = await pickFreePort();
  const f = (name) => join(kitDir, name);
  const pid = await startProcess("mtls-lab serve", process.execPath, [bin, "serve", "--cert", f("server-chain.crt"), "--key", f("server.key"), "--root-ca", f("client-ca.crt"), "--port", String(port)]);
  return { name: "mtls-lab serve", port, pids: () => [pid] };
}

/** The plain Node https.createServer with requestCert (the tutorials' server). */
async function startPlainNode() {
  const port = await pickFreePort();
  const pid = await startProcess("plain Node https", process.execPath, [join(here, "plain-https-server.mjs"), kitDir, String(port)]);
  return { name: "plain Node https", port, pids: () => [pid] };
}

/** nginx (one worker, as the lab runs it) with config's nginx-reverse block, answering in the location. */
async function startNginx() {
  const port = await pickFreePort();
  const options = { kitDir, listen: port, httpListen: await pickFreePort(), upstream: "http://127.0.0.1:9" };
  const nginx = await startLabNginx(options, (conf) =>
    conf.replace(/(location \/ \{\n)/, `$1        return 200 '{"mTLSValid":true,"verify":"$ssl_client_verify"}\\n';\n`));
  stops.push(() => nginx.stop());
  const pids = () => [nginx.pid, ...childrenOf(nginx.pid)];
  if (pin) for (const pid of pids()) spawnSync("taskset", ["-p", "-c", serverCpus, String(pid)], { stdio: "ignore" });
  return { name: "nginx", port, pids };
}

/** Child processes of `pid` (nginx's workers), from /proc. */
function childrenOf(pid) {
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) found.push(Number(entry));
    } catch {
      // the process ended while the list was read
    }
  }
  return found;
}

/** CPU time (user + system) of the processes so far, in ms (proc(5): utime and stime in clock ticks). */
function cpuMsOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8");
      const rest = fields.slice(fields.lastIndexOf(")") + 2).split(" ");
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // gone
    }
  }
  return (ticks / clockTicks) * 1000;
}

/** Busy and total jiffies of each CPU so far (proc(5) /proc/stat: every process on the machine, not just ours). */
function cpuTimes() {
  const cpusNow = new Map();
  for (const line of readFileSync("/proc/stat", "utf8").split("\n")) {
    const m = /^cpu(\d+) (.*)$/.exec(line);
    if (!m) continue;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = m[2].trim().split(/\s+/).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    cpusNow.set(Number(m[1]), { busy, total: busy + idle + iowait });
  }
  return cpusNow;
}

/** How busy the CPUs of `list` ("0", "1-3") were between two cpuTimes() readings, 0..1. */
function busyShare(before, after, list) {
  const [from, to = from] = list.split("-").map(Number);
  let busy = 0;
  let total = 0;
  for (let cpu = from; cpu <= to; cpu += 1) {
    busy += (after.get(cpu)?.busy ?? 0) - (before.get(cpu)?.busy ?? 0);
    total += (after.get(cpu)?.total ?? 0) - (before.get(cpu)?.total ?? 0);
  }
  return total > 0 ? busy / total : NaN;
}

/** Forks the generator processes and gives them the kit. */
async function startGenerators() {
  const children = [];
  for (let i = 0; i < generators; i += 1) {
    const child = fork(join(here, "load-generator.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    if (pin) spawnSync("taskset", ["-p", "-c", generatorCpus, String(child.pid)], { stdio: "ignore" });
    await new Promise((resolve) => {
      child.once("message", resolve);
      child.send({ kitDir });
    });
    children.push(child);
    stops.push(async () => child.kill("SIGTERM"));
  }
  return children;
}

/** One slice: every generator loads `server` for `ms`; latencies merged, CPU of both sides measured. */
async function slice(gens, server, mode, ms) {
  const concurrency = Math.ceil((mode === "handshakes" ? handshakeConcurrency : keepAliveConnections) / gens.length);
  const serverCpuBefore = cpuMsOf(server.pids());
  const machineBefore = cpuTimes();
  const began = performance.now();
  const parts = await Promise.all(
    gens.map((child) => new Promise((resolve) => {
      child.once("message", resolve);
      child.send({ mode, port: server.port, path, ms, concurrency });
    })),
  );
  const wall = performance.now() - began;
  const machineAfter = cpuTimes();
  return {
    serverCore: busyShare(machineBefore, machineAfter, pin ? serverCpus : `0-${cores - 1}`),
    generatorCores: busyShare(machineBefore, machineAfter, pin ? generatorCpus : `0-${cores - 1}`),
    latencies: parts.flatMap((p) => p.latencies),
    errors: parts.reduce((n, p) => n + p.errors, 0),
    ms: wall,
    serverCpuMs: cpuMsOf(server.pids()) - serverCpuBefore,
    generatorCpuMs: parts.reduce((n, p) => n + p.cpuMs, 0),
    busiestGeneratorCpu: Math.max(...parts.map((p) => p.cpuMs / p.ms)),
  };
}

/** The servers take turns in 1 s slices, the order rotating each round; each one's slices are added up. */
async function measure(gens, servers, mode) {
  const totals = servers.map(() => ({ latencies: [], errors: 0, ms: 0, serverCpuMs: 0, generatorCpuMs: 0, busiest: 0, serverCore: 0, generatorCores: 0 }));
  for (const server of servers) await slice(gens, server, mode, 500); // warm-up: JIT, caches, key material
  for (let round = 0; round < rounds; round += 1) {
    for (let k = 0; k < servers.length; k += 1) {
      const i = (round + k) % servers.length;
      const s = await slice(gens, servers[i], mode, 1000);
      const t = totals[i];
      t.latencies.push(...s.latencies);
      t.errors += s.errors;
      t.ms += s.ms;
      t.serverCpuMs += s.serverCpuMs;
      t.generatorCpuMs += s.generatorCpuMs;
      t.busiest = Math.max(t.busiest, s.busiestGeneratorCpu);
      t.serverCore += s.serverCore / rounds;
      t.generatorCores += s.generatorCores / rounds;
    }
  }
  return totals.map((t) => {
    const sorted = t.latencies.sort((a, b) => a - b);
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
    return {
      perSecond: (sorted.length / t.ms) * 1000, p50: at(50), p99: at(99), errors: t.errors,
      serverCpu: t.serverCpuMs / t.ms, generatorCpu: t.generatorCpuMs / t.ms, busiest: t.busiest,
      // CPU time the server spent per answered request: what a busy shared machine distorts least.
      cpuPerRequestUs: (t.serverCpuMs * 1000) / Math.max(1, sorted.length),
      serverCore: t.serverCore, generatorCores: t.generatorCores,
    };
  });
}

/**
 * The explain-why work `serve` does once per connection and the plain server does not: read the peer
 * certificate, build the verdict, serialize it (server.ts reportFor + answer). Timed in this process on one
 * accepted connection, 5,000 times, as CPU time (process.cpuUsage), to set against the CPU per handshake.
 */
async function verdictCostUs() {
  const read = (name) => readFileSync(join(kitDir, name));
  const server = createTlsServer({ cert: read("server-chain.crt"), key: read("server.key"), ca: read("client-ca.crt"), requestCert: true, rejectUnauthorized: false });
  const accepted = new Promise((resolve) => server.once("secureConnection", resolve));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const client = tlsConnect({ host: "127.0.0.1", port: server.address().port, ca: read("server-ca.crt"), cert: read("client.crt"), key: read("client.key"), servername: "localhost" });
  client.on("error", () => undefined);
  const socket = await accepted;
  const times = 5000;
  let sink = 0;
  const start = process.cpuUsage();
  for (let i = 0; i < times; i += 1) sink += Buffer.from(`${JSON.stringify(reportFor(socket), null, 2)}\n`).length;
  const used = process.cpuUsage(start);
  client.destroy();
  socket.destroy();
  server.close();
  return sink > 0 ? (used.user + used.system) / times : NaN;
}

const pct = (x) => `${(x * 100).toFixed(0)}%`;
const row = (workload, name, r) =>
  `| ${workload.padEnd(14)} | ${name.padEnd(16)} | ${r.perSecond.toFixed(0).padStart(6)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${String(r.errors).padStart(6)} | ${pct(r.serverCpu).padStart(10)} | ${r.cpuPerRequestUs.toFixed(0).padStart(12)} | ${`${pct(r.generatorCpu)} (${pct(r.busiest)})`.padStart(14)} | ${`${pct(r.serverCore)} / ${pct(r.generatorCores)}`.padStart(13)} |`;

try {
  const load = loadavg().map((x) => x.toFixed(1)).join(" ");
  const servers = [await startServe(), await startPlainNode()];
  if (hasNginx()) servers.push(await startNginx());
  else console.log("nginx is not installed: compared with the plain Node server only (apt-get install nginx)");
  const gens = await startGenerators();
  const results = { handshakes: await measure(gens, servers, "handshakes"), keepAlive: await measure(gens, servers, "keep-alive") };

  const verdictUs = await verdictCostUs();
  const nginxVersion = hasNginx() ? spawnSync("nginx", ["-v"], { encoding: "utf8" }).stderr.trim().replace("nginx version: ", "") : "none";
  console.log(`${cores} x ${cpus()[0]?.model.trim()}, Node ${process.version}, ${nginxVersion}; load average ${load} before, ${loadavg().map((x) => x.toFixed(1)).join(" ")} after`);
  console.log(
    `${rounds} x 1 s slices per server and workload, taking turns; ${generators} generator processes, ${handshakeConcurrency} handshakes / ` +
      `${keepAliveConnections} keep-alive connections in flight; EC P-256 lab kit, TLS 1.3, GET ${path}; ` +
      (pin ? `servers pinned to CPU ${serverCpus}, generators to CPU ${generatorCpus}` : "not pinned"),
  );
  console.log("CPU: server and generators as a share of one core (in brackets the busiest generator process); µs of server CPU per");
  console.log("answered request (its capacity on one core is 1 s / that); cores busy: the server's / the generators' CPUs, every process.");
  console.log("| workload       | server           |  req/s | p50 ms | p99 ms | errors | server CPU | µs CPU / req | generators CPU | cores busy    |");
  console.log("|----------------|------------------|-------:|-------:|-------:|-------:|-----------:|-------------:|---------------:|--------------:|");
  for (const [key, label] of [["handshakes", "new handshakes"], ["keepAlive", "keep-alive"]]) {
    for (const [i, server] of servers.entries()) console.log(row(label, server.name, results[key][i]));
  }
  const ratio = (a, b) =>
    `${(a.perSecond / b.perSecond).toFixed(2)}x req/s, p50 ${(a.p50 / b.p50).toFixed(2)}x, p99 ${(a.p99 / b.p99).toFixed(2)}x, CPU/req ${(a.cpuPerRequestUs / b.cpuPerRequestUs).toFixed(2)}x`;
  for (const [key, label] of [["handshakes", "new handshakes"], ["keepAlive", "keep-alive"]]) {
    const [serve, plain, nginx] = results[key];
    console.log(`${label}: serve / plain Node ${ratio(serve, plain)} (target req/s >= 1.00x)${nginx ? `; serve / nginx ${ratio(serve, nginx)}` : ""}`);
    // What limited req/s, per server: its own core (>= 90 % of it: the server is the bottleneck, as it should be),
    // our generators (>= 80 % of their CPUs), other processes (its CPUs >= 90 % busy, ours below), or neither
    // (latency: more connections in flight would give more). When it is not the server, compare CPU per request.
    const limits = results[key].map((r) =>
      r.serverCpu >= 0.9 ? "server" : r.generatorCpu >= 0.8 * (pin ? cores - 1 : cores) ? "generators" : r.serverCore >= 0.9 || r.generatorCores >= 0.9 ? "other processes" : "latency");
    console.log(`  limited by: ${servers.map((server, i) => `${server.name} ${limits[i]}`).join(", ")}`);
  }
  const share = (verdictUs / results.handshakes[0].cpuPerRequestUs) * 100;
  console.log(`serve's verdict per connection (peer certificate, report, JSON): ${verdictUs.toFixed(1)} µs of CPU, ${share.toFixed(1)}% of its CPU per new handshake`);
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}
