#!/usr/bin/env node
// `pnpm bench [filter]`: builds, then runs every bench/*.mjs of the workspace in turn and prints their figures
// under one header naming the machine and the date. Benchmarks compare against their baseline in the same run.
import { execSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, relative } from "node:path";

const root = join(import.meta.dirname, "..");
const filter = process.argv[2] ?? "";
const version = (cmd) => {
  try {
    return execSync(cmd, { stdio: ["ignore", "pipe", "pipe"] }).toString().trim().split("\n")[0];
  } catch (error) {
    return String(error.stderr ?? "").trim().split("\n")[0] || "not installed";
  }
};

spawnSync("pnpm", ["-s", "turbo", "run", "build", "--output-logs=errors-only"], { cwd: root, stdio: "inherit" });

console.log("# mTLS Lab benchmarks");
console.log(`date:    ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0]?.model ?? "unknown cpu"}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
console.log(`node:    ${process.version}; ${version("openssl version")}; ${version("nginx -v 2>&1")}`);

const files = [];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name, "bench");
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) if (file.endsWith(".bench.mjs")) files.push(join(dir, file));
  }
}
let failed = 0;
for (const file of files.filter((f) => f.includes(filter))) {
  console.log(`\n## ${relative(root, file)}`);
  const result = spawnSync(process.execPath, [file], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
