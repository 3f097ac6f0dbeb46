// Capture decoding benchmark: the shipped sample captures (real TLS 1.3 and 1.2 handshakes) decoded by
// @mtls-lab/handshake (built dist), with their key log (decrypt, reassemble, recompute both Finished) against
// the same captures without a key log (records and plaintext messages only): the cost of the cryptography;
// and annotateCapture (every byte labelled, both signatures verified, the proof with openssl lines).
import { readFileSync } from "node:fs";
import { decodeCapture } from "@mtls-lab/handshake";
import { annotateCapture } from "@mtls-lab/handshake/annotate";

const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 6000);
const samples = ["tls13-mtls.json", "tls12-mtls.json"].map((name) => ({
  name,
  capture: JSON.parse(readFileSync(new URL(`../samples/${name}`, import.meta.url), "utf8")),
}));

/** Alternates the variants round by round until MIN_MS passed (at least 5 rounds); median captures/second. */
async function measure(variants, perRound = 20) {
  for (const fn of Object.values(variants)) await fn();
  const rates = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const start = performance.now();
  for (let round = 0; round < 5 || performance.now() - start < MIN_MS; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      for (let i = 0; i < perRound; i++) await fn();
      rates[name].push(perRound / ((performance.now() - t) / 1000));
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { rounds: rates[Object.keys(rates)[0]].length, ...Object.fromEntries(Object.entries(rates).map(([k, xs]) => [k, median(xs)])) };
}

for (const { name, capture } of samples) {
  const check = await decodeCapture(capture);
  if (!check.finished.client.verified || !check.finished.server.verified) throw new Error(`${name}: Finished not verified`);
  const bare = { ...capture, keylog: [] };
  const { rounds, withKeylog, withoutKeylog, annotated } = await measure({
    withKeylog: () => decodeCapture(capture),
    withoutKeylog: () => decodeCapture(bare),
    annotated: () => annotateCapture(capture),
  });
  console.log(`${name} (${check.steps.length} steps, ${check.cipherSuite}), ${rounds} rounds:`);
  console.log(`  decrypted + both Finished verified: ${withKeylog.toFixed(0)} captures/s`);
  console.log(`  records only (no key log):         ${withoutKeylog.toFixed(0)} captures/s  (${(withoutKeylog / withKeylog).toFixed(1)}x)`);
  console.log(`  annotated + proof (signatures):    ${annotated.toFixed(0)} captures/s  (${(annotated / withKeylog).toFixed(2)}x of decoding)`);
}
