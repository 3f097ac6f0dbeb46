/**
 * Certificates for the Diagnose e2e, made with openssl in a temp dir: a server CA and server leaf, a client
 * root, intermediate, a valid client leaf and an expired one (openssl ca with fixed past dates).
 */
import { writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";

async function openssl(dir: string, args: string[]): Promise<void> {
  const r = await run("openssl", args, { cwd: dir, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`openssl ${args.slice(0, 2).join(" ")} failed: ${r.stderr.trim().split("\n")[0]}`);
}

async function makeCa(dir: string, name: string, cn: string, issuer?: string): Promise<void> {
  await openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`]);
  const ext = `${name}.ext`;
  writeFileSync(join(dir, ext), ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign", "subjectKeyIdentifier=hash", ...(issuer ? ["authorityKeyIdentifier=keyid"] : [])].join("\n") + "\n");
  if (!issuer) {
    await openssl(dir, ["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/CN=${cn}`, "-days", "3650", "-out", `${name}.crt`, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    return;
  }
  await openssl(dir, ["req", "-new", "-key", `${name}.key`, "-subj", `/CN=${cn}`, "-out", `${name}.csr`]);
  await openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.crt`, "-CAkey", `${issuer}.key`, "-CAcreateserial", "-days", "3650", "-extfile", ext, "-out", `${name}.crt`]);
}

async function makeLeaf(dir: string, name: string, cn: string, issuer: string, eku: "serverAuth" | "clientAuth"): Promise<void> {
  await openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`]);
  writeFileSync(join(dir, `${name}.ext`), ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", `extendedKeyUsage=${eku}`, ...(eku === "serverAuth" ? ["subjectAltName=DNS:localhost,IP:127.0.0.1"] : [])].join("\n") + "\n");
  await openssl(dir, ["req", "-new", "-key", `${name}.key`, "-subj", `/CN=${cn}`, "-out", `${name}.csr`]);
  await openssl(dir, ["x509", "-req", "-in", `${name}.csr`, "-CA", `${issuer}.crt`, "-CAkey", `${issuer}.key`, "-CAcreateserial", "-days", "365", "-extfile", `${name}.ext`, "-out", `${name}.crt`]);
}

/** A leaf whose validity ended in the past: `openssl ca` is the 3.0 tool that takes explicit dates. */
async function makeExpiredLeaf(dir: string, name: string, cn: string, issuer: string): Promise<void> {
  const db = join(dir, "ca-db");
  mkdirSync(db, { recursive: true });
  writeFileSync(join(db, "index.txt"), "");
  writeFileSync(join(db, "serial"), "1000\n");
  writeFileSync(
    join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca = lab",
      "[lab]",
      `database = ${join(db, "index.txt")}`,
      `serial = ${join(db, "serial")}`,
      `new_certs_dir = ${db}`,
      "default_md = sha256",
      "policy = any",
      "copy_extensions = none",
      "unique_subject = no",
      "[any]",
      "commonName = supplied",
      "[leaf]",
      "basicConstraints = critical,CA:FALSE",
      "keyUsage = critical,digitalSignature",
      "extendedKeyUsage = clientAuth",
      "authorityKeyIdentifier = keyid",
    ].join("\n") + "\n",
  );
  await openssl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`]);
  await openssl(dir, ["req", "-new", "-key", `${name}.key`, "-subj", `/CN=${cn}`, "-out", `${name}.csr`]);
  await openssl(dir, ["ca", "-batch", "-config", "ca.cnf", "-extensions", "leaf", "-cert", `${issuer}.crt`, "-keyfile", `${issuer}.key`, "-startdate", "20240101000000Z", "-enddate", "20250101000000Z", "-in", `${name}.csr`, "-out", `${name}.crt`, "-notext"]);
}

/** The fixture files' paths by role. */
export interface DiagnoseFixtures {
  dir: string;
  serverChain: string;
  serverCa: string;
  clientRoot: string;
  clientLeafOnly: string;
  clientChain: string;
  expiredClientChain: string;
  clientKey: string;
  expiredClientKey: string;
  clientCn: string;
  expiredCn: string;
}

/** Makes every fixture in `dir`. */
export async function makeDiagnoseFixtures(dir: string): Promise<DiagnoseFixtures> {
  await makeCa(dir, "server-ca", "Diagnose Test Server CA");
  await makeLeaf(dir, "server", "localhost", "server-ca", "serverAuth");
  await makeCa(dir, "client-root", "Diagnose Test Client Root");
  await makeCa(dir, "client-int", "Diagnose Test Client Intermediate", "client-root");
  await makeLeaf(dir, "client", "diagnose-client", "client-int", "clientAuth");
  await makeExpiredLeaf(dir, "expired", "diagnose-expired-client", "client-int");
  const cat = (out: string, ...names: string[]) => writeFileSync(join(dir, out), names.map((n) => readFileSync(join(dir, n), "utf8")).join(""));
  cat("client-chain.crt", "client.crt", "client-int.crt");
  cat("expired-chain.crt", "expired.crt", "client-int.crt");
  const p = (n: string) => join(dir, n);
  return {
    dir,
    serverChain: p("server.crt"),
    serverCa: p("server-ca.crt"),
    clientRoot: p("client-root.crt"),
    clientLeafOnly: p("client.crt"),
    clientChain: p("client-chain.crt"),
    expiredClientChain: p("expired-chain.crt"),
    clientKey: p("client.key"),
    expiredClientKey: p("expired.key"),
    clientCn: "diagnose-client",
    expiredCn: "diagnose-expired-client",
  };
}
