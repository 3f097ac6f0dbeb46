// Fuzz timing: the slowest input. 20,000 seeded mutations (test/fuzz/mutate.mjs, the robustness test's) of the
// x509 vectors of python3-cryptography-vectors, each through decode() and verifyChain() of the built package,
// against node:crypto's X509Certificate (native OpenSSL d2i) parsing the same bytes as the baseline. Prints the
// median and the slowest input for both, and the slowest input's ratio. The robustness test's guard is 1 s.
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { decode, verifyChain } from "@mtls-lab/x509";
import { mutate, prng } from "../test/fuzz/mutate.mjs";

const VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509";
const INPUTS = Number(process.env.BENCH_FUZZ_INPUTS ?? 20_000);

function corpus() {
  const ders = [];
  if (!existsSync(VECTORS)) throw new Error(`${VECTORS} is missing: run scripts/setup.sh --system`);
  for (const dir of [VECTORS, join(VECTORS, "custom"), join(VECTORS, "PKITS_data", "certs")]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.(pem|der|crt)$/.test(name) || /crl|csr|req/i.test(name)) continue;
      const bytes = readFileSync(join(dir, name));
      const text = bytes.toString("latin1");
      const block = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
      if (block) ders.push(new Uint8Array(Buffer.from(block[1].replace(/\s+/g, ""), "base64")));
      else if (bytes[0] === 0x30) ders.push(new Uint8Array(bytes));
    }
  }
  return ders;
}

const ders = corpus();
const anchor = ders.find((d) => d.length > 0);
const random = prng(0x14b_2026);
const pick = (n) => Math.floor(random() * n);
const ours = [];
const native = [];
let slowest = { ms: 0, index: -1 };
for (let i = 0; i < INPUTS; i++) {
  const input = mutate(random, ders[pick(ders.length)], ders[pick(ders.length)]);
  let t = performance.now();
  await decode(input).catch(() => undefined);
  await verifyChain({ leaf: input, trustAnchors: anchor }).catch(() => undefined);
  const ms = performance.now() - t;
  ours.push(ms);
  if (ms > slowest.ms) slowest = { ms, index: i };
  t = performance.now();
  try {
    new X509Certificate(input);
  } catch {
    // refused: what most mutations get
  }
  native.push(performance.now() - t);
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const max = (xs) => sorted(xs)[xs.length - 1];
console.log(`${ders.length} certificates mutated ${INPUTS} times`);
console.log("| reader | median per input | slowest input |");
console.log("|--------|-----------------:|--------------:|");
console.log(`| decode + verifyChain | ${(median(ours) * 1000).toFixed(0)} µs | ${max(ours).toFixed(1)} ms (input ${slowest.index}) |`);
console.log(`| X509Certificate (baseline) | ${(median(native) * 1000).toFixed(0)} µs | ${max(native).toFixed(1)} ms |`);
console.log(`slowest input: ${max(ours).toFixed(1)} ms, ${(max(ours) / median(ours)).toFixed(0)}x our median, ${(max(ours) / max(native)).toFixed(1)}x the baseline's slowest (guard 1000 ms)`);
