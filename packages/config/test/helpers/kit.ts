/**
 * Test kits made with openssl: a server CA, a separate client CA, a server leaf (SAN localhost and
 * 127.0.0.1, serverAuth), a client leaf (clientAuth), its PKCS#12, and an "other" CA with its own client,
 * which every server of the kit must refuse.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { kitPaths, type KitPaths } from "../../src/index.js";

export interface TestKit {
  dir: string;
  paths: KitPaths;
  /** Client of a CA nobody trusts: PEM certificate and key. */
  other: { cert: string; key: string };
  /** A client of the kit's client CA whose validity ended in the past. */
  expired: { cert: string; key: string };
  cleanup: () => void;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  const result = await run("openssl", args, { cwd: dir, timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr}`);
}

async function makeCa(dir: string, name: string, cn: string): Promise<void> {
  await openssl(dir, [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", `${name}.key`, "-out", `${name}.crt`, "-days", "30", "-subj", `/O=mTLS Lab Test/CN=${cn}`,
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
}

async function makeIntermediate(dir: string, name: string, ca: string, cn: string): Promise<void> {
  await makeLeaf(dir, name, ca, cn, ["basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign"]);
}

async function makeLeaf(dir: string, name: string, ca: string, cn: string, extensions: string[]): Promise<void> {
  await openssl(dir, ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/O=mTLS Lab Test/CN=${cn}`]);
  writeFileSync(join(dir, `${name}.ext`), extensions.join("\n") + "\n");
  await openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.crt`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-days", "7", "-sha256", "-extfile", `${name}.ext`, "-out", `${name}.crt`]);
}

/** A clientAuth leaf valid only in January 2025 (`openssl ca`: OpenSSL 3.0's x509 takes no explicit dates). */
async function makeExpiredLeaf(dir: string, name: string, ca: string, cn: string): Promise<void> {
  await openssl(dir, ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/O=mTLS Lab Test/CN=${cn}`]);
  writeFileSync(join(dir, `${name}.ext`), ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=clientAuth", ""].join("\n"));
  writeFileSync(join(dir, `${name}-index.txt`), "");
  const cnf = ["[ca]", "default_ca = test", "[test]", `database = ${name}-index.txt`, "new_certs_dir = .", "rand_serial = yes", "default_md = sha256", "policy = any", "unique_subject = no", "[any]", "commonName = optional", ""];
  writeFileSync(join(dir, `${name}-ca.cnf`), cnf.join("\n"));
  await openssl(dir, ["ca", "-batch", "-notext", "-config", `${name}-ca.cnf`, "-cert", `${ca}.crt`, "-keyfile", `${ca}.key`, "-in", `${name}.csr`, "-startdate", "20250101000000Z", "-enddate", "20250201000000Z", "-extfile", `${name}.ext`, "-out", `${name}.crt`]);
}

/** Builds a kit in a fresh temp directory; with `intermediates`, each CA signs through an intermediate CA. */
export async function makeTestKit(options: { intermediates?: boolean } = {}): Promise<TestKit> {
  const inter = options.intermediates === true;
  const tmp = tempDir("mtls-lab-config-kit-");
  const dir = tmp.path;
  await makeCa(dir, "server-ca", "Test Server CA");
  await makeCa(dir, "client-ca", "Test Client CA");
  await makeCa(dir, "other-ca", "Other CA");
  if (inter) {
    await makeIntermediate(dir, "server-intermediate", "server-ca", "Test Server Intermediate");
    await makeIntermediate(dir, "client-intermediate", "client-ca", "Test Client Intermediate");
  }
  const serverIssuer = inter ? "server-intermediate" : "server-ca";
  const clientIssuer = inter ? "client-intermediate" : "client-ca";
  const leaf = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature"];
  await makeLeaf(dir, "server", serverIssuer, "localhost", [...leaf, "extendedKeyUsage=serverAuth", "subjectAltName=DNS:localhost,IP:127.0.0.1"]);
  await makeLeaf(dir, "client", clientIssuer, "test-client", [...leaf, "extendedKeyUsage=clientAuth"]);
  await makeLeaf(dir, "other-client", "other-ca", "test-client", [...leaf, "extendedKeyUsage=clientAuth"]);
  await makeExpiredLeaf(dir, "expired-client", clientIssuer, "expired-client");
  // Chain files: the leaf, then its intermediate (none without intermediates).
  const chain = (leafName: string, issuer: string) =>
    writeFileSync(join(dir, `${leafName}-chain.crt`), readFileSync(join(dir, `${leafName}.crt`), "utf8") + (inter ? readFileSync(join(dir, `${issuer}.crt`), "utf8") : ""));
  chain("server", serverIssuer);
  chain("client", clientIssuer);
  await openssl(dir, ["pkcs12", "-export", "-inkey", "client.key", "-in", "client-chain.crt", "-name", "client", "-passout", "pass:changeit", "-out", "client.p12"]);
  const names = [
    ...(inter ? ["server-intermediate.crt", "client-intermediate.crt"] : []),"server-ca.crt", "server-ca.key", "client-ca.crt", "client-ca.key", "server.crt", "server.key", "server-chain.crt", "client.crt", "client.key", "client-chain.crt", "client.p12"];
  const role = (name: string) => (name === "client.crt" ? ("clientCert" as const) : name.endsWith("-intermediate.crt") ? ("clientIntermediate" as const) : ("serverCa" as const));
  const manifest = { files: names.map((name) => ({ name, role: role(name), client: name === "client.crt" ? "client" : undefined })) };
  return {
    dir,
    paths: kitPaths(manifest, dir),
    other: { cert: join(dir, "other-client.crt"), key: join(dir, "other-client.key") },
    expired: { cert: join(dir, "expired-client.crt"), key: join(dir, "expired-client.key") },
    cleanup: tmp.cleanup,
  };
}
