// Kit generation time per key type: @mtls-lab/x509's generateKit (files written) against the sequence of openssl
// commands the tutorials use for the same kit (key, CSR, `x509 -req -extfile` for server CA, client CA, server and
// client, then `pkcs12 -export`), same machine, same run. Median of several rounds, alternating the two.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKit, kitManifest } from "../dist/index.js";

const ROUNDS = { "ec-p256": 7, "ec-p384": 5, ed25519: 7, "rsa-2048": 5, "rsa-3072": 3, "rsa-4096": 3 };
const only = process.env.KIT_BENCH_KEYS?.split(",");

function openssl(args, cwd) {
  const result = spawnSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
}

function genKey(keyType, out, cwd) {
  if (keyType.startsWith("rsa-")) openssl(["genrsa", "-out", out, keyType.slice(4)], cwd);
  else if (keyType === "ed25519") openssl(["genpkey", "-algorithm", "ed25519", "-out", out], cwd);
  else openssl(["ecparam", "-name", keyType === "ec-p256" ? "prime256v1" : "secp384r1", "-genkey", "-noout", "-out", out], cwd);
}

const EXT = {
  ca: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n",
  server: "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  client: "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
};

/** The openssl command sequence for one kit (13 processes). */
function opensslKit(keyType) {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-bench-ossl-"));
  try {
    for (const [name, ext] of Object.entries(EXT)) writeFileSync(join(dir, `${name}.ext`), ext);
    const sha = keyType === "ed25519" ? [] : ["-sha256"];
    for (const ca of ["server-ca", "client-ca"]) {
      genKey(keyType, `${ca}.key`, dir);
      openssl(["req", "-new", "-key", `${ca}.key`, "-subj", `/O=mTLS Lab/CN=${ca}`, "-out", `${ca}.csr`], dir);
      openssl(["x509", "-req", "-in", `${ca}.csr`, "-signkey", `${ca}.key`, "-days", "3650", ...sha, "-extfile", "ca.ext", "-out", `${ca}.crt`], dir);
    }
    for (const [leaf, ca, ext] of [["server", "server-ca", "server.ext"], ["client", "client-ca", "client.ext"]]) {
      genKey(keyType, `${leaf}.key`, dir);
      openssl(["req", "-new", "-key", `${leaf}.key`, "-subj", `/O=mTLS Lab/CN=${leaf === "server" ? "localhost" : "client"}`, "-out", `${leaf}.csr`], dir);
      openssl(["x509", "-req", "-in", `${leaf}.csr`, "-CA", `${ca}.crt`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-days", "398", ...sha, "-extfile", ext, "-out", `${leaf}.crt`], dir);
    }
    openssl(["pkcs12", "-export", "-inkey", "client.key", "-in", "client.crt", "-name", "client", "-passout", "pass:changeit", "-out", "client.p12"], dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** generateKit plus writing every file and kit.json, as `mtls-lab kit` does. */
async function libraryKit(keyType) {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-bench-lib-"));
  try {
    const kit = await generateKit({ keyType });
    for (const file of kit.files) writeFileSync(join(dir, file.name), file.contents, { mode: file.mode });
    writeFileSync(join(dir, "kit.json"), JSON.stringify(kitManifest(kit), null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

await libraryKit("ec-p256"); // warm-up: module load and JIT, not part of any figure
opensslKit("ec-p256");

console.log("kit = 2 CAs + server + 1 client + PKCS#12; openssl = 13 commands (keys, CSRs, x509 -req -extfile, pkcs12 -export)");
console.log("key type  | rounds | mtls-lab (median ms) | openssl (median ms) | openssl / mtls-lab");
console.log("----------|--------|----------------------|---------------------|-------------------");
for (const [keyType, rounds] of Object.entries(ROUNDS)) {
  if (only && !only.includes(keyType)) continue;
  const lib = [];
  const ossl = [];
  for (let i = 0; i < rounds; i++) {
    let start = performance.now();
    await libraryKit(keyType);
    lib.push(performance.now() - start);
    start = performance.now();
    opensslKit(keyType);
    ossl.push(performance.now() - start);
  }
  const l = median(lib);
  const o = median(ossl);
  console.log(`${keyType.padEnd(9)} | ${String(rounds).padStart(6)} | ${l.toFixed(0).padStart(20)} | ${o.toFixed(0).padStart(19)} | ${(o / l).toFixed(2).padStart(16)}x`);
}
