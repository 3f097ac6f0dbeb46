/**
 * Robustness: a seeded, reproducible fuzz run over `decode`. Real certificates (Mozilla roots, openssl-made
 * leaf and CA, a CSR, a PKCS#7 and a PKCS#12) are mutated by bit flips, byte changes, truncations and length-byte edits,
 * and mixed with random byte strings and random text. Every input must either decode or fail with an
 * X509Error carrying a non-empty one-line message, and none may take over 1 s (a guard against hangs and runaway inputs; `pnpm bench` reports the slowest input). Byte inputs also go through
 * `parseAsn1`, which may only fail with an X509Error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { X509Error, decode, parseAsn1 } from "../src/decode/index.js";
import { parsePem, toPem } from "../src/encoding.js";
import type { Asn1Node } from "../src/types.js";

const SEED = 0x5eed_2026;
const INPUTS = 10_500;
/** A generous guard per input against hangs (typical inputs take well under 1 ms). */
const BUDGET_MS = 1_000;

/** mulberry32: a tiny PRNG so every run feeds exactly the same inputs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Offsets of every length octet in a DER tree: the targets of length-byte edits. */
function lengthOffsets(node: Asn1Node, out: number[] = []): number[] {
  // The first length octet follows a one-octet tag (every tag in these samples is low-tag-number form).
  out.push(node.offset + 1);
  for (const child of node.children ?? []) lengthOffsets(child, out);
  return out;
}

interface Sample {
  der: Uint8Array;
  lengths: number[];
}

/**
 * The corpus is committed (test/fixtures/decode/fuzz/), so every run mutates exactly the same bytes: 24 roots
 * of Debian's Mozilla bundle, an EC CA, an RSA leaf it issued, the leaf's CSR, a .p7b of both and a PKCS#12
 * (password "fuzz", 16 KDF iterations: the run is about parsing, and the MAC derivation costs one digest per
 * iteration).
 */
const CORPUS = join(import.meta.dirname, "fixtures", "decode", "fuzz");
const PASSWORD = "fuzz";
const samples: Sample[] = [];

beforeAll(() => {
  const ders: Uint8Array[] = [];
  for (const file of ["roots.pem", "ca.crt", "leaf.crt", "leaf.csr"]) ders.push(...parsePem(readFileSync(join(CORPUS, file), "utf8")).map((b) => b.der));
  for (const file of ["chain.p7b", "leaf.p12"]) ders.push(new Uint8Array(readFileSync(join(CORPUS, file))));
  for (const der of ders) samples.push({ der, lengths: lengthOffsets(parseAsn1(der)) });
});

function mutate(random: () => number, sample: Sample): Uint8Array {
  const bytes = sample.der.slice();
  const pick = (n: number) => Math.floor(random() * n);
  const kind = pick(5);
  if (kind === 0) {
    for (let i = 0, n = 1 + pick(4); i < n; i++) bytes[pick(bytes.length)]! ^= 1 << pick(8);
    return bytes;
  }
  if (kind === 1) {
    for (let i = 0, n = 1 + pick(4); i < n; i++) bytes[pick(bytes.length)] = pick(256);
    return bytes;
  }
  if (kind === 2) return bytes.subarray(0, pick(bytes.length));
  // Length-byte edits: a random length, long-form markers, indefinite length, or an off-by-one.
  const at = sample.lengths[pick(sample.lengths.length)] ?? 1;
  const choices = [pick(256), 0x80, 0x81, 0x84, 0xff, ((bytes[at] ?? 0) + 1) & 0xff, ((bytes[at] ?? 0) - 1) & 0xff];
  bytes[at] = choices[pick(choices.length)] ?? 0;
  if (kind === 4 && at + 1 < bytes.length) bytes[at + 1] = pick(256);
  return bytes;
}

function randomInput(random: () => number): Uint8Array | string {
  const pick = (n: number) => Math.floor(random() * n);
  const kind = pick(3);
  const bytes = new Uint8Array(pick(kind === 0 ? 64 : 2048));
  for (let i = 0; i < bytes.length; i++) bytes[i] = pick(256);
  if (kind === 1 && bytes.length > 0) bytes[0] = 0x30; // looks like DER: reaches the structure checks
  if (kind === 2) {
    const label = ["CERTIFICATE", "PRIVATE KEY", "PKCS7", "X509 CRL", "WHATEVER"][pick(5)] ?? "CERTIFICATE";
    return `junk before\n${toPem(bytes, label)}junk after`;
  }
  return bytes;
}

it(`survives ${INPUTS} mutated and random inputs: typed one-line errors only, each under ${BUDGET_MS} ms`, async () => {
  expect(samples.length).toBe(29);
  const random = prng(SEED);
  const failures: string[] = [];
  const slow: string[] = [];
  const counts = { decoded: 0, rejected: 0 };
  const codes = new Set<string>();
  const attempt = async (input: Uint8Array | string): Promise<unknown> => {
    try {
      // The ASN.1 view is offered for any bytes too (the site shows it beside the decoded fields).
      if (input instanceof Uint8Array) {
        try {
          parseAsn1(input);
        } catch (error) {
          if (!(error instanceof X509Error)) return error;
        }
      }
      await decode(input, { password: PASSWORD });
      return undefined;
    } catch (error) {
      return error ?? new Error("thrown undefined");
    }
  };
  for (let i = 0; i < INPUTS; i++) {
    const sample = samples[Math.floor(random() * samples.length)] as Sample;
    const form = random();
    let input: Uint8Array | string;
    if (i % 10 === 9) input = randomInput(random);
    else {
      const mutated = mutate(random, sample);
      // Most inputs as DER; some as PEM with junk around, some as bare base64, as the decoder meets them.
      input = form < 0.8 ? mutated : form < 0.9 ? `> forwarded:\n${toPem(mutated, "CERTIFICATE")}\n-- \nsig` : toPem(mutated, "X").split("\n").slice(1, -2).join("\n");
    }
    let started = performance.now();
    let error = await attempt(input);
    let elapsed = performance.now() - started;
    // A loaded CI machine can stall any one call; pathological slowness repeats, so time it again before blaming it.
    for (let retry = 0; elapsed > BUDGET_MS && retry < 2; retry++) {
      started = performance.now();
      error = await attempt(input);
      elapsed = Math.min(elapsed, performance.now() - started);
    }
    if (elapsed > BUDGET_MS) slow.push(`input ${i}: ${elapsed.toFixed(0)} ms`);
    if (error === undefined) {
      counts.decoded++;
      continue;
    }
    counts.rejected++;
    if (!(error instanceof X509Error)) failures.push(`input ${i}: ${String(error)}`);
    else {
      codes.add(error.code);
      if (error.message.trim() === "" || error.message.includes("\n")) failures.push(`input ${i}: bad message ${JSON.stringify(error.message)}`);
      // Messages of JavaScript itself mean a decoder bug slipped through the last-resort wrapper.
      if (/Cannot read prop|is not a function|is not iterable|Maximum call stack|undefined/.test(error.message)) failures.push(`input ${i}: ${error.message}`);
    }
  }
  expect(failures.slice(0, 20)).toEqual([]);
  expect(slow).toEqual([]);
  // The run exercised both outcomes and several error kinds (a fuzz run that rejects everything tests little).
  expect(counts.decoded).toBeGreaterThan(100);
  expect(counts.rejected).toBeGreaterThan(1000);
  expect(codes.size).toBeGreaterThanOrEqual(2);
}, 180_000);
