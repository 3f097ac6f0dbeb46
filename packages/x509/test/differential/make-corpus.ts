/**
 * The differential corpus: certificates mutated field by field from generated ones, scenario chains, and the
 * vectors of python3-cryptography-vectors and Go's crypto/x509 tests. Built in memory at test time (about a
 * second); `DIFFERENTIAL_CORPUS_DIR=DIR pnpm exec vitest run --project x509 differential` also writes it out as PEM files.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { issue } from "./cert-builder.js";
import { type Corpus, type CorpusCert, type CorpusChain, Keys, leafSpec, makeCa } from "./corpus-base.js";
import { scenarioChains } from "./corpus-chains.js";
import { extensionMutations, nameMutations, sanMutations, serialMutations, structureMutations, timeMutations } from "./corpus-certs.js";
import { cryptographyVectors, goVectors } from "./corpus-external.js";

export type { Corpus, CorpusCert, CorpusChain };

/** Builds the whole corpus for verification at `at` (rounded down to a whole second). */
export function makeCorpus(atInput: Date = new Date()): Corpus {
  const at = new Date(Math.floor(atInput.getTime() / 1000) * 1000);
  const keys = new Keys();
  const certs: CorpusCert[] = [];
  const chains: CorpusChain[] = [];
  const root = makeCa("Mutation Root", keys.get("p256", 100), at);
  certs.push({ id: "mutation-root", group: "generated", der: root.der });

  // Leaf mutations, each issued by the mutation root.
  const leafMutations = [...nameMutations(), ...serialMutations(), ...timeMutations(), ...extensionMutations(), ...structureMutations(keys.get("rsa2048", 100).sigAlg), ...sanMutations()];
  for (const mutation of leafMutations) {
    const spec = leafSpec("mutated leaf", keys.get("p256", 101), root, at);
    mutation.edit(spec);
    const der = issue(spec, root.key);
    certs.push({ id: `leaf/${mutation.id}`, group: mutation.group, der });
    chains.push({ id: `leaf/${mutation.id}`, group: mutation.group, leaf: der, untrusted: [], trusted: [root.der], purpose: /san-|subject-/.test(mutation.id) ? "server" : "client", at });
  }

  // The same extension and structure mutations on an intermediate and on the trust anchor, one normal leaf below.
  const intKey = keys.get("p256", 102);
  const anchorKey = keys.get("p256", 103);
  const caMutations = [...extensionMutations(), ...structureMutations(keys.get("rsa2048", 100).sigAlg).filter((m) => m.group !== "key")];
  let intLeaf: Uint8Array | undefined;
  let anchorLeaf: Uint8Array | undefined;
  for (const mutation of caMutations) {
    const int = makeCa("Mutated Intermediate", intKey, at, { issuer: root, edit: mutation.edit });
    intLeaf ??= issue(leafSpec("leaf under mutated intermediate", keys.get("p256", 104), int, at), intKey);
    certs.push({ id: `intermediate/${mutation.id}`, group: mutation.group, der: int.der });
    chains.push({ id: `intermediate/${mutation.id}`, group: mutation.group, leaf: intLeaf, untrusted: [int.der], trusted: [root.der], purpose: "client", at });
    const anchor = makeCa("Mutated Anchor", anchorKey, at, { edit: mutation.edit });
    anchorLeaf ??= issue(leafSpec("leaf under mutated anchor", keys.get("p256", 104), anchor, at), anchorKey);
    certs.push({ id: `anchor/${mutation.id}`, group: mutation.group, der: anchor.der });
    chains.push({ id: `anchor/${mutation.id}`, group: mutation.group, leaf: anchorLeaf, untrusted: [], trusted: [anchor.der], purpose: "client", at });
  }
  if (intLeaf) certs.push({ id: "leaf-under-mutated-intermediate", group: "generated", der: intLeaf });

  const scenarios = scenarioChains(keys, at);
  chains.push(...scenarios.map((c) => ({ ...c, id: `scenario/${c.id}` })));
  const seen = new Set(certs.map((c) => Buffer.from(c.der).toString("base64")));
  for (const chain of scenarios) {
    for (const [i, der] of [chain.leaf, ...chain.untrusted, ...chain.trusted].entries()) {
      const b64 = Buffer.from(der).toString("base64");
      if (seen.has(b64)) continue;
      seen.add(b64);
      certs.push({ id: `scenario/${chain.id}#${i}`, group: `scenario: ${chain.group}`, der });
    }
  }
  for (const external of [cryptographyVectors(), goVectors()]) {
    certs.push(...external.certs);
    chains.push(...external.chains);
  }
  return { certs, chains };
}

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;

/** Writes certs/NNNNN.pem and chains/NNNNN/{leaf,untrusted,trusted}.pem plus index.tsv, to look at with openssl. */
export function writeCorpus(corpus: Corpus, dir: string): void {
  const index: string[] = [];
  mkdirSync(join(dir, "certs"), { recursive: true });
  corpus.certs.forEach((c, i) => {
    const file = join("certs", `${String(i).padStart(5, "0")}.pem`);
    writeFileSync(join(dir, file), pem(c.der));
    index.push(`${file}\t${c.group}\t${c.id}`);
  });
  corpus.chains.forEach((c, i) => {
    const sub = join("chains", String(i).padStart(5, "0"));
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, "leaf.pem"), pem(c.leaf));
    writeFileSync(join(dir, sub, "untrusted.pem"), c.untrusted.map(pem).join(""));
    writeFileSync(join(dir, sub, "trusted.pem"), c.trusted.map(pem).join(""));
    index.push(`${sub}\t${c.group}\t${c.id}\t${c.purpose}\t${Math.floor(c.at.getTime() / 1000)}`);
  });
  writeFileSync(join(dir, "index.tsv"), `${index.join("\n")}\n`);
}
