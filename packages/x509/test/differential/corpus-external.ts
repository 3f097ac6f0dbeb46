/**
 * Certificates nobody here wrote: the x509 vectors of Debian's python3-cryptography-vectors (loose PEM/DER
 * files and the NIST PKITS suite, whose end-entity certificates make chains over the whole PKITS pool) and the
 * PEM certificates embedded in Go's crypto/x509 tests (verify_test.go's cases become chains at their times).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { CorpusCert, CorpusChain } from "./corpus-base.js";

/** Where Debian installs the vectors (apt-get install python3-cryptography-vectors; scripts/setup.sh --system). */
export const VECTORS = "/usr/lib/python3/dist-packages/cryptography_vectors/x509";

function pemBlocks(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const match of text.matchAll(/-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g)) {
    out.push(new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ""), "base64")));
  }
  return out;
}

function walk(dir: string, skip: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (skip(path)) continue;
    if (statSync(path).isDirectory()) out.push(...walk(path, skip));
    else out.push(path);
  }
  return out;
}

/** The loose certificate files (PEM and DER, CRLs and CSRs left out) and the PKITS certificates. */
export function cryptographyVectors(): { certs: CorpusCert[]; chains: CorpusChain[] } {
  if (!existsSync(VECTORS)) throw new Error(`${VECTORS} is missing: run scripts/setup.sh --system (python3-cryptography-vectors)`);
  const certs: CorpusCert[] = [];
  const files = walk(VECTORS, (p) => /PKITS_data\/(crls|pkcs12|smime|certpairs)|\/ocsp|\/requests|\/crl_|\.(py|txt|ldif|schema|crl|p12|eml|cp)$/.test(p) || (!p.endsWith(".crt") && /crl/i.test(p.split("/").pop()!)));
  for (const file of files) {
    const bytes = readFileSync(file);
    const relative = file.slice(VECTORS.length + 1);
    const group = relative.startsWith("PKITS") ? "vectors: PKITS" : "vectors: cryptography";
    if (bytes.includes("-----BEGIN")) {
      pemBlocks(bytes.toString("latin1")).forEach((der, i) => certs.push({ id: `${relative}#${i}`, group, der }));
    } else if (bytes[0] === 0x30) certs.push({ id: relative, group, der: new Uint8Array(bytes) });
  }
  // PKITS (NIST, 2011): every end-entity certificate against the trust anchor, the whole CA pool as untrusted.
  const pkits = certs.filter((c) => c.id.startsWith("PKITS_data/certs/"));
  const anchor = pkits.find((c) => c.id.endsWith("TrustAnchorRootCertificate.crt"))!;
  const pool = pkits.filter((c) => !/EE\.crt$|TrustAnchorRootCertificate/.test(c.id)).map((c) => c.der);
  const at = new Date("2020-06-01T00:00:00Z");
  const chains: CorpusChain[] = pkits
    .filter((c) => /EE\.crt$/.test(c.id))
    .map((c) => ({ id: c.id.replace("PKITS_data/certs/", "pkits/"), group: "vectors: PKITS", leaf: c.der, untrusted: pool, trusted: [anchor.der], purpose: "client" as const, at }));
  // Each loose certificate verified against itself as the only anchor (self-signed or not), at 2020.
  for (const c of certs.filter((x) => x.group === "vectors: cryptography")) {
    chains.push({ id: `self/${c.id}`, group: "vectors: cryptography", leaf: c.der, untrusted: [], trusted: [c.der], purpose: "server", at });
  }
  return { certs, chains };
}

/** GOROOT from `go env` (golang-go, installed by scripts/setup.sh). */
function goRoot(): string {
  return execFileSync("go", ["env", "GOROOT"], { encoding: "utf8" }).trim();
}

/** The PEM constants of Go's crypto/x509 tests and verify_test.go's verifyTests as chains. */
export function goVectors(): { certs: CorpusCert[]; chains: CorpusChain[] } {
  const dir = join(goRoot(), "src", "crypto", "x509");
  const certs: CorpusCert[] = [];
  const constants = new Map<string, Uint8Array>();
  for (const file of ["verify_test.go", "x509_test.go"]) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const match of text.matchAll(/(?:const|var)\s+(\w+)\s*=\s*`(-----BEGIN CERTIFICATE-----[\s\S]*?)`/g)) {
      const der = pemBlocks(match[2]!)[0];
      if (!der) continue;
      constants.set(match[1]!, der);
      certs.push({ id: `go/${file}/${match[1]}`, group: "vectors: Go crypto/x509", der });
    }
    // PEM blocks not bound to a named constant (inside test tables).
    let index = 0;
    for (const der of pemBlocks(text)) {
      if ([...constants.values()].some((c) => Buffer.compare(Buffer.from(c), Buffer.from(der)) === 0)) continue;
      certs.push({ id: `go/${file}/block-${index++}`, group: "vectors: Go crypto/x509", der });
    }
  }
  const chains: CorpusChain[] = [];
  const source = readFileSync(join(dir, "verify_test.go"), "utf8");
  const table = source.slice(source.indexOf("var verifyTests = []verifyTest{"), source.indexOf("\n}\n", source.indexOf("var verifyTests")));
  for (const entry of table.split(/\n\t\{\n/).slice(1)) {
    const field = (key: string) => new RegExp(`\\b${key}:\\s*([^\\n]+),`).exec(entry)?.[1]?.trim();
    const list = (key: string) => (field(key)?.match(/\[\]string\{(.*)\}/)?.[1] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const name = field("name")?.replace(/"/g, "");
    const leaf = constants.get(field("leaf") ?? "");
    const roots = list("roots").map((r) => constants.get(r));
    const intermediates = list("intermediates").map((r) => constants.get(r));
    const time = Number(field("currentTime") ?? "0");
    if (!name || !leaf || roots.length === 0 || roots.some((r) => !r) || intermediates.some((r) => !r)) continue;
    chains.push({ id: `go/${name}`, group: "vectors: Go crypto/x509", leaf, untrusted: intermediates as Uint8Array[], trusted: roots as Uint8Array[], purpose: "server", at: new Date(time * 1000) });
  }
  return { certs, chains };
}
