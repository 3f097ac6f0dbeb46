/**
 * Certificates made by the openssl command line (the way the tutorials make them) verified by verifyChain and
 * by `openssl verify`: the first error must be the same.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { codeFromNumber, verifyChain } from "../src/index.js";
import { parseCertificate } from "../src/model/certificate.js";
import { parsePem } from "../src/encoding.js";

const dir = tempDir("mtls-lab-verify-openssl-");
afterAll(() => dir.cleanup());
const path = (name: string) => join(dir.path, name);

async function openssl(args: string[]): Promise<void> {
  const result = await run("openssl", args, { timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
}

/** A self-signed root, then `openssl x509 -req` for each leaf with the given extension lines. */
async function makeRoot(name: string, options: { ext?: string; keyArgs?: string[]; sigopts?: string[] } = {}): Promise<void> {
  writeFileSync(path(`${name}.ext`), options.ext ?? "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n");
  await openssl(["req", "-x509", "-new", ...(options.keyArgs ?? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]), "-nodes", "-keyout", path(`${name}.key`), "-out", path(`${name}.crt`), "-days", "30", "-subj", `/CN=${name}`, "-extensions", "v3", "-config", writeConfig(name), ...(options.sigopts ?? [])]);
}

function writeConfig(name: string): string {
  const file = path(`${name}.cnf`);
  writeFileSync(file, `[req]\ndistinguished_name=dn\n[dn]\n[v3]\n${readFileSync(path(`${name}.ext`), "utf8")}`);
  return file;
}

async function makeLeaf(name: string, issuer: string, ext: string | null, options: { keyArgs?: string[]; sigopts?: string[] } = {}): Promise<void> {
  await openssl(["req", "-new", ...(options.keyArgs ?? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]), "-nodes", "-keyout", path(`${name}.key`), "-out", path(`${name}.csr`), "-subj", `/CN=${name}`]);
  const args = ["x509", "-req", "-in", path(`${name}.csr`), "-CA", path(`${issuer}.crt`), "-CAkey", path(`${issuer}.key`), "-CAcreateserial", "-out", path(`${name}.crt`), "-days", "30", ...(options.sigopts ?? [])];
  if (ext !== null) {
    writeFileSync(path(`${name}.ext`), ext);
    args.push("-extfile", path(`${name}.ext`));
  }
  await openssl(args);
}

async function compare(leaf: string, trust: string, purpose: "client" | "server", untrusted?: string) {
  const args = ["verify", "-purpose", purpose === "client" ? "sslclient" : "sslserver", "-CAfile", path(`${trust}.crt`)];
  if (untrusted) args.push("-untrusted", path(`${untrusted}.crt`));
  args.push(path(`${leaf}.crt`));
  const result = await run("openssl", args, { timeoutMs: 30_000 });
  const match = /error (\d+) at \d+ depth lookup/.exec(result.stdout + result.stderr);
  const opensslFirst = match ? (codeFromNumber(Number(match[1])) ?? `#${match[1]}`) : result.code === 0 ? null : "unparsed";
  const ours = await verifyChain({ leaf: readFileSync(path(`${leaf}.crt`), "utf8"), intermediates: untrusted ? readFileSync(path(`${untrusted}.crt`), "utf8") : undefined, trustAnchors: readFileSync(path(`${trust}.crt`), "utf8"), purpose });
  return { opensslFirst, ours };
}

describe("verifyChain agrees with openssl verify on openssl-made certificates", () => {
  it("RSA-PSS signatures", async () => {
    const pss = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sha256"];
    await makeRoot("pss-root", { keyArgs: ["-newkey", "rsa:2048"], sigopts: pss });
    await makeLeaf("pss-leaf", "pss-root", "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n", { keyArgs: ["-newkey", "rsa:2048"], sigopts: pss });
    const der = parsePem(readFileSync(path("pss-leaf.crt"), "utf8"))[0]!.der;
    expect(parseCertificate(der).signatureOid).toBe("1.2.840.113549.1.1.10");
    const { opensslFirst, ours } = await compare("pss-leaf", "pss-root", "client");
    expect(opensslFirst).toBeNull();
    expect(ours.errors).toEqual([]);
  });

  it("a tutorial's X.509 v1 client certificate (x509 -req without -extfile) under a v3 CA", async () => {
    await makeRoot("v3-root");
    await makeLeaf("v1-client", "v3-root", null);
    const { opensslFirst, ours } = await compare("v1-client", "v3-root", "client");
    expect(opensslFirst).toBeNull();
    expect(ours.valid).toBe(true);
  });

  it("name constraints: a DNS name outside the permitted subtree", async () => {
    await makeRoot("nc-root", { ext: "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nnameConstraints=critical,permitted;DNS:good.test\nsubjectKeyIdentifier=hash\n" });
    await makeLeaf("nc-good", "nc-root", "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:api.good.test\n");
    await makeLeaf("nc-evil", "nc-root", "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:evil.test\n");
    const good = await compare("nc-good", "nc-root", "server");
    expect([good.opensslFirst, good.ours.firstError]).toEqual([null, null]);
    const evil = await compare("nc-evil", "nc-root", "server");
    expect(evil.opensslFirst).toBe("PERMITTED_VIOLATION");
    expect(evil.ours.firstError).toBe(evil.opensslFirst);
  });

  it("an unknown critical extension", async () => {
    await makeRoot("crit-root");
    await makeLeaf("crit-leaf", "crit-root", "extendedKeyUsage=clientAuth\n1.3.6.1.4.1.99999.1=critical,ASN1:NULL\n");
    const { opensslFirst, ours } = await compare("crit-leaf", "crit-root", "client");
    expect(opensslFirst).toBe("UNHANDLED_CRITICAL_EXTENSION");
    expect(ours.firstError).toBe(opensslFirst);
  });

  it("an intermediate made without CA rights, given as an untrusted certificate", async () => {
    await makeRoot("ku-root");
    await makeLeaf("ku-int", "ku-root", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
    await makeLeaf("ku-leaf", "ku-int", "extendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n");
    const { opensslFirst, ours } = await compare("ku-leaf", "ku-root", "client", "ku-int");
    expect(opensslFirst).toBe("INVALID_CA");
    expect(ours.firstError).toBe(opensslFirst);
    expect(ours.lastError).toBe("KEY_USAGE_NO_CERTSIGN");
  });
});
