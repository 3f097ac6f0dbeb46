// Chain verification benchmark: a 3-deep chain (leaf, intermediate, root) verified by verifyChain from the built
// package (PEM parsing, path building, every RFC 5280 check, two WebCrypto signature checks) against a chain walk
// with node:crypto's X509Certificate (native OpenSSL: parse the three PEMs, checkIssued + verify at each link,
// dates). Prints chains per second for EC P-256 and RSA-2048 chains and the ratio. Target: within 3x.
import { X509Certificate } from "node:crypto";
import { generateKeyPair, issueCertificate, verifyChain } from "@mtls-lab/x509";

const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 6000);
const BATCH = 200;

async function buildChain(keyType) {
  const rootKey = await generateKeyPair(keyType);
  const root = await issueCertificate({ profile: "root", subject: "CN=Bench Root", publicKey: rootKey.publicKey, signingKey: rootKey.privateKey });
  const intKey = await generateKeyPair(keyType);
  const int = await issueCertificate({ profile: "intermediate", subject: "CN=Bench Intermediate", publicKey: intKey.publicKey, issuer: { certificate: root.der, privateKey: rootKey.privateKey } });
  const leafKey = await generateKeyPair(keyType);
  const leaf = await issueCertificate({ profile: "client", subject: "CN=bench-client", publicKey: leafKey.publicKey, issuer: { certificate: int.der, privateKey: intKey.privateKey } });
  return { root: root.pem, int: int.pem, leaf: leaf.pem };
}

/** Alternates the variants per round until MIN_MS have passed (at least 5 rounds); medians in chains/second. */
async function measure(variants) {
  for (const fn of Object.values(variants)) await fn();
  const rates = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const start = performance.now();
  for (let round = 0; round < 5 || performance.now() - start < MIN_MS; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      await fn();
      rates[name].push(BATCH / ((performance.now() - t) / 1000));
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { rounds: rates.ours.length, ours: median(rates.ours), native: median(rates.native) };
}

function nativeWalk({ leaf, int, root }, now) {
  const chain = [new X509Certificate(leaf), new X509Certificate(int), new X509Certificate(root)];
  let ok = chain[2].checkIssued(chain[2]);
  for (let i = 0; i < 2; i++) ok = ok && chain[i].checkIssued(chain[i + 1]) && chain[i].verify(chain[i + 1].publicKey);
  for (const cert of chain) ok = ok && Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
  return ok;
}

console.log("| chain | rounds | verifyChain (chains/s) | X509Certificate walk (chains/s) | native / ours |");
console.log("|-------|-------:|-----------------------:|--------------------------------:|--------------:|");
let failed = false;
for (const keyType of ["ec-p256", "rsa-2048"]) {
  const chain = await buildChain(keyType);
  const check = await verifyChain({ leaf: chain.leaf, intermediates: chain.int, trustAnchors: chain.root });
  if (!check.valid || !nativeWalk(chain, Date.now())) throw new Error(`bench chain ${keyType} does not verify`);
  const result = await measure({
    // One chain after the other, as the native walk does: no gain from WebCrypto's thread pool.
    ours: async () => {
      for (let i = 0; i < BATCH; i++) {
        const r = await verifyChain({ leaf: chain.leaf, intermediates: chain.int, trustAnchors: chain.root });
        if (!r.valid) throw new Error("verification failed");
      }
    },
    native: async () => {
      const now = Date.now();
      for (let i = 0; i < BATCH; i++) if (!nativeWalk(chain, now)) throw new Error("native walk failed");
    },
  });
  const ratio = result.native / result.ours;
  if (ratio > 3) failed = true;
  console.log(`| ${keyType} | ${result.rounds} | ${Math.round(result.ours)} | ${Math.round(result.native)} | ${ratio.toFixed(2)}x |`);
}
console.log(failed ? "target (within 3x of the native walk): MISSED" : "target (within 3x of the native walk): met");
