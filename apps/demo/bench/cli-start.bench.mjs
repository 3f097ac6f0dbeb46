#!/usr/bin/env node
// How fast the CLI a user installs from npm starts: every publishable package packed and installed from the
// tarballs in an empty folder (scripts/pack-install.mjs, as the package-install test does), then, in
// alternating rounds, `mtls-lab --help`, `mtls-lab inspect server.crt` and `npx mtls-lab --help` against
// `openssl x509 -text -noout -in server.crt` on the same certificate. Wall time of the whole process, medians.
// The registry loads a command's module on demand; "every command imported first" runs the same --help after
// importing every command module, as the CLI did before (the eager registry), so the saving is measured in
// the same run. Every figure is also given as a ratio to `node -e 0` (Node's own start on this machine now).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cleanEnv, installTarballs, packAll } from "../scripts/pack-install.mjs";

const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const work = mkdtempSync(join(tmpdir(), "mtls-lab-bench-cli-"));
const app = join(work, "app");
const env = cleanEnv();

function timed(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: exit ${result.status}\n${result.stderr}`);
  return ms;
}

try {
  const packStart = Date.now();
  installTarballs(app, packAll(join(work, "tarballs")));
  console.log(`packed 4 packages and installed the tarballs with npm in ${((Date.now() - packStart) / 1000).toFixed(1)} s`);
  const bin = join(app, "node_modules", "mtls-lab", "bin", "mtls-lab.js");
  timed(process.execPath, [bin, "kit", "--out", "k"]);
  const cert = join(app, "k", "server.crt");

  const dist = join(app, "node_modules", "mtls-lab", "dist");
  const eager = [
    `const { commandEntries } = await import(${JSON.stringify(pathToFileURL(join(dist, "cli", "commands", "index.js")).href)});`,
    `await Promise.all(commandEntries.map((entry) => entry.load()));`,
    `process.argv = [process.argv[0], "mtls-lab", "--help"];`,
    `await import(${JSON.stringify(pathToFileURL(join(dist, "main.js")).href)});`,
  ].join("\n");
  const variants = {
    "mtls-lab --help": () => timed(process.execPath, [bin, "--help"]),
    "--help, every command imported first": () => timed(process.execPath, ["--input-type=module", "-e", eager]),
    "mtls-lab inspect server.crt": () => timed(process.execPath, [bin, "inspect", cert]),
    "npx mtls-lab --help": () => timed("npx", ["--no", "mtls-lab", "--help"]),
    "openssl x509 -text -noout": () => timed("openssl", ["x509", "-text", "-noout", "-in", cert]),
    "node -e 0 (Node's own start)": () => timed(process.execPath, ["-e", "0"]),
  };
  const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const run of Object.values(variants)) run(); // warm the file cache
  for (let i = 0; i < rounds; i += 1) for (const [name, run] of Object.entries(variants)) times[name].push(run());
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const m = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));
  const openssl = m["openssl x509 -text -noout"];
  const node = m["node -e 0 (Node's own start)"];
  console.log(`installed CLI (node_modules/mtls-lab), one EC P-256 certificate, medians of ${rounds} alternating rounds (process wall time)`);
  for (const [name, ms] of Object.entries(m)) {
    const ratios = [name.startsWith("node -e") ? "" : `${(ms / node).toFixed(1)}x node -e 0`, name.startsWith("openssl") ? "" : `${(ms / openssl).toFixed(1)}x openssl x509 -text`];
    console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(7)} ms   ${ratios.filter(Boolean).join(", ")}`);
  }
  console.log(`  --help saved by lazy command loading: ${(m["--help, every command imported first"] - m["mtls-lab --help"]).toFixed(1)} ms`);
  console.log(`  inspect beyond Node's own start: ${(m["mtls-lab inspect server.crt"] - m["node -e 0 (Node's own start)"]).toFixed(1)} ms`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
