/**
 * Robustness on the differential corpus: 20,000 seeded mutations (bit flips, byte changes, truncations,
 * length-octet edits, deleted, duplicated and spliced elements, changed tags) of its certificates, each put
 * through decode() and through verifyChain() in the place of one certificate of a chain. Every input must
 * either give an answer or fail with the library's bad-input error (X509Error from decode, VerifyInputError
 * code BAD_INPUT from verify) with a one-line message; none may take a second (a guard against hangs).
 */
import { beforeAll, expect, it } from "vitest";
import { X509Error, VerifyInputError, decode, verifyChain } from "../../src/index.js";
import { type CorpusChain, makeCorpus } from "../differential/make-corpus.js";
// @ts-expect-error plain JavaScript shared with bench/fuzz.bench.mjs
import { mutate, prng } from "./mutate.mjs";

const SEED = 0x14b_2026;
const INPUTS = 20_000;
/** The guard against hangs: generous, far above the slowest input measured (see `pnpm bench fuzz`). */
const GUARD_MS = 1000;

let chains: CorpusChain[] = [];
let ders: Uint8Array[] = [];

beforeAll(() => {
  const corpus = makeCorpus();
  // Chains with few certificates, so the run spends its time on the mutated one (PKITS pools are 180 deep).
  chains = corpus.chains.filter((c) => c.untrusted.length <= 4 && c.trusted.length <= 3);
  ders = corpus.certs.map((c) => c.der);
}, 120_000);

function badInput(error: unknown): boolean {
  if (error instanceof X509Error) return error.message.length > 0 && !error.message.includes("\n");
  if (error instanceof VerifyInputError) return error.code === "BAD_INPUT" && error.message.length > 0 && !error.message.includes("\n");
  return false;
}

it(`${INPUTS} mutated inputs: answers or bad-input errors only, none slower than ${GUARD_MS} ms`, async () => {
  const random = prng(SEED);
  const pick = (n: number) => Math.floor(random() * n);
  const unexpected: string[] = [];
  let slowest = { ms: 0, what: "" };
  let answered = 0;
  for (let i = 0; i < INPUTS; i++) {
    const chain = chains[pick(chains.length)]!;
    const slot = pick(10);
    const original = slot < 7 ? chain.leaf : slot < 9 && chain.untrusted.length > 0 ? chain.untrusted[0]! : chain.trusted[0]!;
    const mutated = mutate(random, original, ders[pick(ders.length)]!) as Uint8Array;
    const input = {
      leaf: original === chain.leaf ? mutated : chain.leaf,
      intermediates: chain.untrusted.map((d) => (d === original ? mutated : d)),
      trustAnchors: chain.trusted.map((d) => (d === original ? mutated : d)),
      purpose: chain.purpose,
      at: chain.at,
    };
    const start = performance.now();
    for (const run of [() => decode(mutated), () => verifyChain(input)]) {
      try {
        await run();
        answered += 1;
      } catch (error) {
        if (!badInput(error)) unexpected.push(`input ${i} (${chain.id}): ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      }
    }
    const ms = performance.now() - start;
    if (ms > slowest.ms) slowest = { ms, what: `input ${i} (mutation of ${chain.id})` };
  }
  console.log(`fuzz: ${INPUTS} inputs, ${answered} answers, slowest ${slowest.ms.toFixed(1)} ms (${slowest.what})`);
  expect(unexpected.slice(0, 20)).toEqual([]);
  expect(answered).toBeGreaterThan(INPUTS / 10);
  expect(slowest.ms).toBeLessThan(GUARD_MS);
}, 170_000);
