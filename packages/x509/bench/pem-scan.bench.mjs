// PEM scanning benchmark: a hostile file of "-----BEGIN CERTIFICATE-----" lines without END lines against a
// valid bundle of the same size (copies of Debian's Mozilla root bundle), through parsePem (the scan the
// CLI, verify and the site share) and decode. Linear scanning shows as: the hostile file costs no more
// than the valid one, and doubling the lines doubles the time (the regex it replaced took 290 s at 200k).
import { existsSync, readFileSync } from "node:fs";
import { decode, parsePem } from "@mtls-lab/x509";

const BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
if (!existsSync(BUNDLE)) {
  console.log(`pem-scan: skipped, ${BUNDLE} not found (apt-get install ca-certificates)`);
  process.exit(0);
}
const line = "-----BEGIN CERTIFICATE-----\n";
const hostile = (lines) => line.repeat(lines);
const target = hostile(200_000);
const mozilla = readFileSync(BUNDLE, "utf8");
const valid = mozilla.repeat(Math.max(1, Math.round(target.length / mozilla.length)));

/** Median ms of `rounds` runs of fn (errors are the expected outcome for the hostile input). */
async function median(fn, rounds = 5) {
  const times = [];
  for (let i = 0; i < rounds; i += 1) {
    const t = performance.now();
    try {
      await fn();
    } catch {
      // the hostile file is refused: that is what is timed
    }
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(rounds / 2)];
}

const mb = (text) => (text.length / 1e6).toFixed(1);
const fmt = (ms) => ms.toFixed(1).padStart(8);
const scanHostile = await median(() => parsePem(target));
const scanValid = await median(() => parsePem(valid));
const decodeHostile = await median(() => decode(target));
const decodeValid = await median(() => decode(valid), 3);
let error = "";
await decode(target).catch((e) => (error = e.message));
console.log(`hostile: 200,000 BEGIN lines, ${mb(target)} MB; valid: ${valid.length === mozilla.length ? 1 : Math.round(valid.length / mozilla.length)} x the Mozilla bundle, ${mb(valid)} MB`);
console.log(`  parsePem  hostile ${fmt(scanHostile)} ms   valid ${fmt(scanValid)} ms   (ratio hostile/valid ${(scanHostile / scanValid).toFixed(2)}x)`);
console.log(`  decode    hostile ${fmt(decodeHostile)} ms   valid ${fmt(decodeValid)} ms   (the valid bundle decodes every certificate)`);
console.log(`  decode's answer to the hostile file: ${error}`);
const rows = [];
for (const lines of [50_000, 100_000, 200_000, 400_000]) rows.push([lines, await median(() => parsePem(hostile(lines)))]);
const base = rows[0][1];
console.log(`  scaling, parsePem of N BEGIN lines (time / time at 50k; linear is 1, 2, 4, 8):`);
for (const [lines, ms] of rows) console.log(`    ${String(lines).padStart(7)} lines ${fmt(ms)} ms   ${(ms / base).toFixed(2)}`);
console.log(`  target: hostile no slower than 2x valid: ${scanHostile <= 2 * scanValid ? "met" : "NOT met"}`);
