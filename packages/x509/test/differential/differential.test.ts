/**
 * The differential suite: >= 1,000 certificates and >= 300 chains (generated mutations, scenario chains,
 * python3-cryptography-vectors, Go's crypto/x509 test certificates) through decode() and verifyChain(),
 * compared with `openssl x509`, `openssl verify` and OpenSSL's carry-on verification (Node's last error).
 * It prints the agreement table. Disagreements must be exactly those in known-disagreements.txt (empty is
 * the goal): a new one fails, and so does a listed one that was fixed. DIFFERENTIAL_UPDATE=1 rewrites the list.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { codeFromNumber, nodeCode, verifyChain } from "../../src/index.js";
import { issue, makeKey, validity } from "./cert-builder.js";
import { cnName } from "./der.js";
import { nodeAuthorizationError } from "./node-tls.js";
import { DecodeColumns, type Disagreement, VerifyColumns, agreementTable, compareDecode, compareVerify } from "./compare.js";
import { type Corpus, type CorpusChain, makeCorpus, writeCorpus } from "./make-corpus.js";
import { type DecodeTruth, type VerifyTruth, cliDecode, cliVerify, decodeTruths, parseOpensslDate, verifyTruths } from "./truth.js";

const KNOWN = join(import.meta.dirname, "known-disagreements.txt");
const dir = tempDir("x509-differential-");
let corpus: Corpus;
let decodeTruth: DecodeTruth[];
let verifyTruth: VerifyTruth[];

beforeAll(async () => {
  let t = performance.now();
  const phase = (what: string) => {
    console.log(`differential: ${what} in ${Math.round(performance.now() - t)} ms`);
    t = performance.now();
  };
  corpus = makeCorpus();
  if (process.env.DIFFERENTIAL_CORPUS_DIR) writeCorpus(corpus, process.env.DIFFERENTIAL_CORPUS_DIR);
  phase(`corpus of ${corpus.certs.length} certificates and ${corpus.chains.length} chains`);
  [decodeTruth, verifyTruth] = await Promise.all([decodeTruths(corpus.certs), verifyTruths(corpus.chains)]);
  phase("OpenSSL's answers");
}, 170_000);
afterAll(() => dir.cleanup());

const key = (d: Disagreement) => `${d.column}\t${d.id}`;

describe("differential: decode and verify against OpenSSL 3.0 and node:crypto", () => {
  it("has the corpus size the issue asks for", () => {
    expect(corpus.certs.length).toBeGreaterThanOrEqual(1000);
    expect(corpus.chains.length).toBeGreaterThanOrEqual(300);
    // The truth is real: OpenSSL refuses some certificates and some chains, and accepts most.
    expect(decodeTruth.filter((t) => !t.accepted).length).toBeGreaterThan(10);
    expect(decodeTruth.filter((t) => t.accepted).length).toBeGreaterThan(900);
    expect(verifyTruth.filter((t) => t.valid).length).toBeGreaterThan(50);
    expect(verifyTruth.filter((t) => !t.valid && !t.loadError).length).toBeGreaterThan(100);
  });

  it("the libcrypto answers are what the openssl x509 and openssl verify commands print (a sample)", async () => {
    const certIndexes = corpus.certs.map((_, i) => i).filter((i) => i % 40 === 0 || (!decodeTruth[i]!.accepted && i % 4 === 0));
    const printed = await cliDecode(certIndexes.map((i) => corpus.certs[i]!), dir.path);
    const mismatches: string[] = [];
    for (const [n, i] of certIndexes.entries()) {
      const cli = printed[n]!;
      const lib = decodeTruth[i]!;
      const cliView = cli && [cli.serial, cli["sha256 Fingerprint"]?.replace(/:/g, "").toLowerCase(), parseOpensslDate(cli.notBefore ?? ""), parseOpensslDate(cli.notAfter ?? ""), cli.subject, cli.issuer];
      const libView = lib.accepted ? [lib.serial, lib.sha256, lib.notBefore, lib.notAfter, lib.subject, lib.issuer] : null;
      if (JSON.stringify(cliView) !== JSON.stringify(libView)) mismatches.push(`${corpus.certs[i]!.id}: cli ${JSON.stringify(cliView)} vs lib ${JSON.stringify(libView)}`);
    }
    const chainIndexes = corpus.chains.map((_, i) => i).filter((i) => i % 25 === 0 || (verifyTruth[i]!.internal && i % 2 === 0));
    const firsts = await cliVerify(chainIndexes.map((i) => corpus.chains[i]!), dir.path);
    for (const [n, i] of chainIndexes.entries()) {
      const truth = verifyTruth[i]!;
      const lib = truth.loadError ? "load" : truth.internal ? "failed" : truth.first;
      if (firsts[n] !== lib) mismatches.push(`${corpus.chains[i]!.id}: openssl verify ${firsts[n]} vs lib ${lib}`);
    }
    expect(certIndexes.length + chainIndexes.length).toBeGreaterThan(100);
    expect(mismatches).toEqual([]);
  }, 170_000);

  it("Node's TLS server reports the last error the libcrypto run found (client chains with their keys)", async () => {
    const key = makeKey("p256");
    const name = cnName("differential server");
    const at = new Date();
    const cert = issue({ version: 2, serial: Uint8Array.of(2, 1, 7), issuer: name, subject: name, spki: key.spki, ...validity(at) }, key);
    const server = { cert: `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert).toString("base64")}\n-----END CERTIFICATE-----\n`, key: key.privateKey.export({ type: "pkcs8", format: "pem" }) as string };
    // Chains verified "now" (Node has no -attime): the scenario chains made with a key, minus the time edges and
    // minus leaf keys TLS 1.3 cannot sign a CertificateVerify with (DSA, P-192, P-224, secp256k1: the client then
    // sends no certificate and Node's authorizationError is UNABLE_TO_GET_ISSUER_CERT, measured here).
    const tlsKey = (k: NonNullable<CorpusChain["leafKey"]>) => ["rsa", "ed25519", "ed448"].includes(k.asymmetricKeyType ?? "") || ["prime256v1", "secp384r1", "secp521r1"].includes(k.asymmetricKeyDetails?.namedCurve ?? "");
    const sample = corpus.chains
      .map((chain, i) => ({ chain, truth: verifyTruth[i]! }))
      .filter(({ chain }) => chain.leafKey && tlsKey(chain.leafKey) && chain.purpose === "client" && !chain.group.includes("time") && Math.abs(chain.at.getTime() - Date.now()) < 3_600_000)
      .filter((_, i) => i % 2 === 0);
    const mismatches: string[] = [];
    for (const { chain, truth } of sample) {
      const node = await nodeAuthorizationError({ ...chain, leafKey: chain.leafKey! }, server);
      const expected = truth.last === null ? "" : nodeCode(codeFromNumber(truth.last) ?? "UNSPECIFIED");
      const ours = await verifyChain({ leaf: chain.leaf, intermediates: chain.untrusted, trustAnchors: chain.trusted, purpose: "client" });
      const oursNode = ours.lastError === null ? "" : nodeCode(ours.lastError);
      if (node !== expected || node !== oursNode) mismatches.push(`${chain.id}: node ${node || "ok"}, libcrypto ${expected || "ok"}, ours ${oursNode || "ok"}`);
    }
    expect(sample.length).toBeGreaterThan(20);
    expect(sample.filter(({ truth }) => truth.last !== null).length).toBeGreaterThan(5);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it("agrees on every case, up to the listed known disagreements", async () => {
    const disagreements: Disagreement[] = [];
    const start = performance.now();
    for (const [i, cert] of corpus.certs.entries()) disagreements.push(...(await compareDecode(cert, decodeTruth[i]!)));
    const decoded = performance.now();
    for (const [i, chain] of corpus.chains.entries()) disagreements.push(...(await compareVerify(chain, verifyTruth[i]!)));
    console.log(`differential: decode() in ${Math.round(decoded - start)} ms, verify in ${Math.round(performance.now() - decoded)} ms`);
    console.log(`\n${agreementTable("decode (openssl x509, node)", DecodeColumns, corpus.certs, disagreements.filter((d) => d.column.startsWith("decode")))}`);
    console.log(`\n${agreementTable("verify (openssl verify, libcrypto)", VerifyColumns, corpus.chains, disagreements.filter((d) => d.column.startsWith("verify")))}\n`);
    if (process.env.DIFFERENTIAL_DETAILS) writeFileSync(process.env.DIFFERENTIAL_DETAILS, disagreements.map((d) => `${d.column}\t${d.id}\t${d.detail}`).join("\n"));
    const found = [...new Set(disagreements.map(key))].sort();
    if (process.env.DIFFERENTIAL_UPDATE) writeFileSync(KNOWN, found.length ? `${found.join("\n")}\n` : "");
    const known = readFileSync(KNOWN, "utf8").split("\n").filter(Boolean).sort();
    const unexpected = disagreements.filter((d) => !known.includes(key(d))).map((d) => `${d.column} ${d.id}: ${d.detail}`);
    const fixed = known.filter((k) => !found.includes(k));
    expect({ unexpected: unexpected.slice(0, 40), fixed: fixed.slice(0, 40) }).toEqual({ unexpected: [], fixed: [] });
  }, 170_000);
});
