// Decoding benchmark: Debian's Mozilla root bundle decoded by @mtls-lab/x509 (built dist) against node:crypto's
// X509Certificate (native OpenSSL) reading the same fields. Prints certificates per second and the ratio.
import { X509Certificate, createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { decode } from "@mtls-lab/x509";

const BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
if (!existsSync(BUNDLE)) {
  console.log(`decode: skipped, ${BUNDLE} not found (apt-get install ca-certificates)`);
  process.exit(0);
}
const text = readFileSync(BUNDLE, "utf8");
const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----\n?/g) ?? [];
const MIN_MS = Number(process.env.BENCH_MIN_MS ?? 9000);

/**
 * Times each variant once per round, alternating, until MIN_MS have passed (at least 5 rounds), and returns each
 * variant's median certificates/second: on a shared machine the load moves, and alternating spreads it evenly.
 */
async function measure(count, variants) {
  for (const fn of Object.values(variants)) await fn(); // warm-up: JIT, lazy imports
  const rates = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const start = performance.now();
  for (let round = 0; round < 5 || performance.now() - start < MIN_MS; round++) {
    for (const [name, fn] of Object.entries(variants)) {
      const t = performance.now();
      await fn();
      rates[name].push(count / ((performance.now() - t) / 1000));
    }
  }
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { rounds: rates[Object.keys(rates)[0]].length, ...Object.fromEntries(Object.entries(rates).map(([k, xs]) => [k, median(xs)])) };
}

let sink = 0;

// The same fields decode reports: names, serial, validity, key type/size/curve, SAN, EKU, CA flag, both
// fingerprints, the SPKI pin, and (second variant) whether the certificate is self-signed (signature checked).
function nativeFields(pem, checkSelfSigned) {
  const x = new X509Certificate(pem);
  const key = x.publicKey;
  const row = [
    x.subject, x.issuer, x.serialNumber, x.validFrom, x.validTo, key.asymmetricKeyType,
    key.asymmetricKeyDetails?.modulusLength ?? key.asymmetricKeyDetails?.namedCurve, x.subjectAltName, x.keyUsage, x.ca, x.infoAccess,
    x.fingerprint, x.fingerprint256,
    createHash("sha256").update(key.export({ type: "spki", format: "der" })).digest("base64"),
  ];
  if (checkSelfSigned) row.push(x.checkIssued(x) && x.verify(key));
  sink += row.length;
}

const { rounds, ours, nativeAll, nativeNoVerify } = await measure(pems.length, {
  ours: async () => {
    const { items } = await decode(text);
    sink += items.length;
  },
  nativeAll: async () => {
    for (const pem of pems) nativeFields(pem, true);
  },
  nativeNoVerify: async () => {
    for (const pem of pems) nativeFields(pem, false);
  },
});

// The site's case: a 5,000-certificate bundle in one call.
const big = Array.from({ length: Math.ceil(5000 / pems.length) }, () => text).join("\n");
const bigCount = Math.ceil(5000 / pems.length) * pems.length;
const bigStart = performance.now();
const { items: bigItems } = await decode(big);
const bigMs = performance.now() - bigStart;

const fmt = (n) => Math.round(n).toLocaleString("en-US");
console.log(`Mozilla bundle: ${pems.length} certificates, every field (names, serial, validity, key, signature algorithm, SAN, KU, EKU, BC, extensions, fingerprints, SPKI pin, self-signed)`);
console.log(`  medians of ${rounds} alternating rounds`);
console.log(`  @mtls-lab/x509 decode                        ${fmt(ours)} certs/s`);
console.log(`  node:crypto X509Certificate, same fields      ${fmt(nativeAll)} certs/s   (ratio native/ours: ${(nativeAll / ours).toFixed(2)}x)`);
console.log(`  node:crypto without the self-signature check  ${fmt(nativeNoVerify)} certs/s   (ratio native/ours: ${(nativeNoVerify / ours).toFixed(2)}x)`);
console.log(`  one ${bigItems.length}-certificate bundle (${bigCount} expected) decoded in ${fmt(bigMs)} ms (${fmt(bigItems.length / (bigMs / 1000))} certs/s)`);
console.log(`  target: within 3x of native: ${nativeAll / ours <= 3 ? "met" : "NOT met"}`);
if (sink < 0) console.log(sink);
