/**
 * Certificates made with the openssl command line: the lab's fallback kit maker (until x509's generateKit is
 * used) and the way tests build the cases a kit never contains (another CA, expired, wrong EKU).
 * Unlike the seeds: every leaf is X.509 v3 with SAN, EKU and CA:FALSE, and CAs are CAs.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** What to issue: `dir/NAME.crt` and `dir/NAME.key`. */
export interface IssueSpec {
  name: string;
  /** openssl -subj form, e.g. "/O=mTLS Lab/CN=client". */
  subject: string;
  /** Base name of the issuer in the same directory; absent means a self-signed root CA. */
  issuer?: string;
  /** An intermediate CA (pathlen 0) rather than a leaf. Ignored for roots. */
  ca?: boolean;
  /** extendedKeyUsage of a leaf: "serverAuth", "clientAuth" or both joined by ",". */
  eku?: string;
  hosts?: string[];
  ips?: string[];
  /** Validity in days from a minute ago. Default 398 (the CA/Browser Forum limit for TLS leaves). */
  days?: number;
  /** Explicit validity (UTC), e.g. a window in the past to make an expired certificate. */
  notBefore?: Date;
  notAfter?: Date;
}

function openssl(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("openssl", args, { cwd, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`openssl ${args[0]} failed: ${String(stderr).trim().split("\n")[0] ?? error.message}`));
      else resolve();
    });
  });
}

// openssl ca wants YYYYMMDDHHMMSSZ.
const stamp = (date: Date) => date.toISOString().replace(/[-:T]/g, "").replace(/\.\d+Z$/, "Z");

function extensions(spec: IssueSpec): string[] {
  if (spec.ca) {
    return ["basicConstraints = critical,CA:TRUE,pathlen:0", "keyUsage = critical,keyCertSign,cRLSign", "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid"];
  }
  const names = [...(spec.hosts ?? []).map((h) => `DNS:${h}`), ...(spec.ips ?? []).map((ip) => `IP:${ip}`)];
  return [
    "basicConstraints = critical,CA:FALSE",
    "keyUsage = critical,digitalSignature",
    `extendedKeyUsage = ${spec.eku ?? "clientAuth"}`,
    ...(names.length > 0 ? [`subjectAltName = ${names.join(",")}`] : []),
    "subjectKeyIdentifier = hash",
    "authorityKeyIdentifier = keyid",
  ];
}

/** Issues one certificate with an EC P-256 key into `dir` (key written 0600). */
export async function issueWithOpenssl(dir: string, spec: IssueSpec): Promise<void> {
  const key = `${spec.name}.key`;
  const crt = `${spec.name}.crt`;
  await openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key], dir);
  chmodSync(join(dir, key), 0o600);
  const notBefore = spec.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = spec.notAfter ?? new Date(notBefore.getTime() + (spec.days ?? 398) * 86_400_000);
  const work = mkdtempSync(join(dir, ".issue-"));
  try {
    if (!spec.issuer) {
      const ext = ["[v3]", "basicConstraints = critical,CA:TRUE", "keyUsage = critical,keyCertSign,cRLSign", "subjectKeyIdentifier = hash"];
      writeFileSync(join(work, "ext.cnf"), `${ext.join("\n")}\n`);
      await openssl(["req", "-new", "-key", key, "-subj", spec.subject, "-out", join(work, "ca.csr")], dir);
      await openssl(["x509", "-req", "-in", join(work, "ca.csr"), "-signkey", key, "-days", String(spec.days ?? 3650), "-sha256", "-extfile", join(work, "ext.cnf"), "-extensions", "v3", "-out", crt], dir);
      return;
    }
    // `openssl ca` (not `x509 -req`) because only it takes explicit start and end dates on OpenSSL 3.0.
    writeFileSync(join(work, "index.txt"), "");
    writeFileSync(join(work, "ext.cnf"), `[v3]\n${extensions(spec).join("\n")}\n`);
    writeFileSync(
      join(work, "ca.cnf"),
      ["[ca]", "default_ca = lab", "[lab]", `database = ${join(work, "index.txt")}`, `new_certs_dir = ${work}`, "rand_serial = yes",
        "default_md = sha256", "policy = anything", "unique_subject = no", "copy_extensions = none", "[anything]", "commonName = optional", ""].join("\n"),
    );
    await openssl(["req", "-new", "-key", key, "-subj", spec.subject, "-out", join(work, "leaf.csr")], dir);
    await openssl(
      ["ca", "-batch", "-notext", "-preserveDN", "-config", join(work, "ca.cnf"), "-cert", `${spec.issuer}.crt`, "-keyfile", `${spec.issuer}.key`,
        "-in", join(work, "leaf.csr"), "-out", crt, "-startdate", stamp(notBefore), "-enddate", stamp(notAfter),
        "-extfile", join(work, "ext.cnf"), "-extensions", "v3"],
      dir,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Writes `dir/NAME.p12` from NAME.key, NAME.crt and extra chain files (AES-256 and PBKDF2, OpenSSL 3's default). */
export async function writePkcs12(dir: string, name: string, password: string, chain: string[] = []): Promise<void> {
  const args = ["pkcs12", "-export", "-inkey", `${name}.key`, "-in", `${name}.crt`, "-name", name, "-passout", `pass:${password}`, "-out", `${name}.p12`];
  if (chain.length > 0) {
    writeFileSync(join(dir, `.${name}-p12-chain.pem`), chain.map((file) => readFileSync(join(dir, file), "utf8")).join(""));
    args.push("-certfile", `.${name}-p12-chain.pem`);
  }
  try {
    await openssl(args, dir);
    chmodSync(join(dir, `${name}.p12`), 0o600);
  } finally {
    rmSync(join(dir, `.${name}-p12-chain.pem`), { force: true });
  }
}

/** Options of the openssl-made lab kit. */
export interface OpensslKitOptions {
  hosts?: string[];
  ips?: string[];
  clients?: string[];
  p12Password?: string;
}

/**
 * Writes the lab kit (contract file names: server-ca, client-ca, server, server-chain, NAME, NAME-chain,
 * NAME.p12) with separate CAs for servers and clients, as the seeds recommend and do not always do.
 */
export async function writeOpensslKit(dir: string, options: OpensslKitOptions = {}): Promise<void> {
  const hosts = options.hosts ?? ["localhost"];
  const ips = options.ips ?? ["127.0.0.1"];
  await issueWithOpenssl(dir, { name: "server-ca", subject: "/O=mTLS Lab/CN=mTLS Lab Server CA" });
  await issueWithOpenssl(dir, { name: "client-ca", subject: "/O=mTLS Lab/CN=mTLS Lab Client CA" });
  await issueWithOpenssl(dir, { name: "server", subject: `/O=mTLS Lab/CN=${hosts[0] ?? "localhost"}`, issuer: "server-ca", eku: "serverAuth", hosts, ips });
  writeFileSync(join(dir, "server-chain.crt"), readFileSync(join(dir, "server.crt")));
  for (const client of options.clients ?? ["client"]) {
    await issueWithOpenssl(dir, { name: client, subject: `/O=mTLS Lab/CN=${client}`, issuer: "client-ca", eku: "clientAuth" });
    writeFileSync(join(dir, `${client}-chain.crt`), readFileSync(join(dir, `${client}.crt`)));
    await writePkcs12(dir, client, options.p12Password ?? "changeit");
  }
}
