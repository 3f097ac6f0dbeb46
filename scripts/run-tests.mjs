#!/usr/bin/env node
// Runs every vitest project (unit, integration with real peers, browser e2e) in one vitest run,
// then prints the summed count line `N passed, N failed` as the very last line.
// Extra arguments go to vitest (e.g. a project filter: --project x509).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const outDir = join(root, ".test-output");
const report = join(outDir, "vitest.json");
mkdirSync(outDir, { recursive: true });
rmSync(report, { force: true });

const vitest = join(root, "node_modules", ".bin", "vitest");
const run = spawnSync(
  vitest,
  ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, FORCE_COLOR: "0" } },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const result = JSON.parse(readFileSync(report, "utf8"));
  passed = result.numPassedTests;
  failed = result.numFailedTests;
  skipped = result.numPendingTests + result.numTodoTests;
  // A file that fails to load has no failed test but must still count as a failure.
  for (const file of result.testResults) {
    const anyFailed = file.assertionResults.some((a) => a.status === "failed");
    if (file.status === "failed" && !anyFailed) failed += 1;
  }
} else {
  failed = 1;
  console.error(`vitest wrote no report (exit ${run.status ?? run.signal})`);
}
if (run.status !== 0 && failed === 0) failed = 1;
// scripts/test.sh builds first; a failed build is a failure even when every suite passed.
failed += Number(process.env.MTLS_LAB_BUILD_FAILURES ?? 0);

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed === 0 ? 0 : 1);
