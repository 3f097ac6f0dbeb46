/**
 * The mistakes matrix: one case per mistake people make with an mTLS kit's files, generated per run.
 * Each case is a directory of files with the names a user has (a kit's, or what they made) and says which
 * file the server and the client were given for each role.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportPrivateKeyPem, generateKeyPair, generateKit, issueCertificate, Profiles, type ExtensionSpec, type Kit, type MistakeKind } from "../../src/index.js";

const DAY = 86_400_000;

/** Which file each peer is given. */
export interface CaseRoles {
  serverChain: string;
  serverKey: string;
  /** Absent: the client sends no certificate. */
  clientChain?: string;
  clientKey?: string;
  /** The server's client CA file. */
  clientCa: string;
  /** The client's CA file for the server. */
  serverCa: string;
}

export interface MistakeCase {
  kind: MistakeKind;
  /** File name -> contents (PEM). */
  files: Record<string, string>;
  roles: CaseRoles;
  /** Kit files the user also has (names in `files`), for the cause to name. */
  known: string[];
  /** The name the client connects to (resolved to 127.0.0.1). */
  host: string;
  /** File names the cause must name. */
  causeNames: string[];
  /** The file the fix must name. */
  fixNames: string[];
}

const pem = (kit: Kit, name: string) => kit.files.find((f) => f.name === name)!.contents as string;
const certFiles = (kit: Kit) => kit.files.filter((f) => f.name.endsWith(".crt")).map((f) => f.name);
function kitFiles(kit: Kit, prefix = ""): Record<string, string> {
  return Object.fromEntries(kit.files.filter((f) => typeof f.contents === "string").map((f) => [prefix + f.name, f.contents as string]));
}

interface Pair {
  pem: string;
  der: Uint8Array;
  keys: CryptoKeyPair;
  keyPem: string;
}

async function issue(options: { profile: "root" | "client"; cn: string; issuer?: Pair; notBefore?: Date; notAfter?: Date; replace?: ExtensionSpec[]; keys?: CryptoKeyPair }): Promise<Pair> {
  const keys = options.keys ?? (await generateKeyPair("ec-p256"));
  const cert = await issueCertificate({
    profile: options.profile,
    subject: `CN=${options.cn},O=mTLS Lab`,
    publicKey: keys.publicKey,
    ...(options.issuer ? { issuer: { certificate: options.issuer.der, privateKey: options.issuer.keys.privateKey } } : { signingKey: keys.privateKey }),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    extensions: options.replace ? [...Profiles[options.profile].extensions.filter((s) => !options.replace!.some((r) => r.kind === s.kind)), ...options.replace] : undefined,
  });
  return { pem: cert.pem, der: cert.der, keys, keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** A client CA and a client certificate it signs with SHA-1 (`openssl x509 -req -sha1`), as old scripts still do. */
function opensslSha1Client(): { ca: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-sha1-"));
  const openssl = (args: string[]) => {
    const result = spawnSync("openssl", args, { cwd: dir, timeout: 30_000 });
    if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  };
  try {
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    openssl(["req", "-x509", ...ec, "-subj", "/CN=mTLS Lab Client CA/O=mTLS Lab", "-days", "30", "-keyout", "ca.key", "-out", "ca.crt"]);
    openssl(["req", "-new", ...ec, "-subj", "/CN=client-sha1/O=mTLS Lab", "-keyout", "leaf.key", "-out", "leaf.csr"]);
    writeFileSync(join(dir, "ext.cnf"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n");
    openssl(["x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-sha1", "-days", "30", "-extfile", "ext.cnf", "-out", "leaf.crt"]);
    const read = (name: string) => readFileSync(join(dir, name), "utf8");
    return { ca: read("ca.crt"), cert: read("leaf.crt"), key: read("leaf.key") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl req -x509` as people run it: a self-signed certificate (Debian's v3_ca: CA:TRUE) and its key. */
function opensslSelfSigned(cn: string): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), "mtls-lab-req-"));
  try {
    const result = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", `/CN=${cn}`, "-days", "30", "-keyout", join(dir, "k.pem"), "-out", join(dir, "c.pem")], { timeout: 30_000 });
    if (result.status !== 0) throw new Error(`openssl req failed: ${result.stderr}`);
    return { cert: readFileSync(join(dir, "c.pem"), "utf8"), key: readFileSync(join(dir, "k.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROLES: CaseRoles = { serverChain: "server-chain.crt", serverKey: "server.key", clientChain: "client-chain.crt", clientKey: "client.key", clientCa: "client-ca.crt", serverCa: "server-ca.crt" };

/** Every case of the matrix that the shared servers can run (the server key mismatch stops nginx: see its own test). */
export async function buildMistakeCases(): Promise<MistakeCase[]> {
  const now = Date.now();
  const [kit, chained, other] = await Promise.all([generateKit({}), generateKit({ intermediate: true }), generateKit({})]);
  const known = certFiles(kit);
  type Extra = Partial<MistakeCase> & Pick<MistakeCase, "causeNames" | "fixNames">;
  const make = (kind: MistakeKind, roles: Partial<CaseRoles>, from: Kit, { files, ...extra }: Extra): MistakeCase => ({
    kind,
    roles: { ...ROLES, ...roles },
    known: certFiles(from),
    host: "localhost",
    ...extra,
    files: { ...kitFiles(from), ...files },
  });
  const withKit = (kind: MistakeKind, roles: Partial<CaseRoles>, extra: Extra) => make(kind, roles, kit, extra);
  const chainedCase = (kind: MistakeKind, roles: Partial<CaseRoles>, extra: Extra) => make(kind, roles, chained, extra);

  // A client CA of one's own for the certificate-content mistakes, given as the server's client-ca.crt.
  const ownCa = await issue({ profile: "root", cn: "mTLS Lab Client CA" });
  const ownClient = (name: string, pair: Pair, ca: Pair = ownCa): Partial<MistakeCase> => ({
    files: { "client-ca.crt": ca.pem, [name]: pair.pem, [name.replace(/\.crt$/, ".key")]: pair.keyPem },
    known: known.filter((f) => !f.startsWith("client")).concat("client-ca.crt"),
  });
  const expiredCa = await issue({ profile: "root", cn: "mTLS Lab Client CA", notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - DAY) });
  const rsa1024 = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const selfSigned = opensslSelfSigned("client");
  const sha1 = opensslSha1Client();
  const own = async (name: string, options: Parameters<typeof issue>[0]) => {
    const pair = await issue(options);
    return ownClient(name, pair, options.issuer);
  };

  const cases: MistakeCase[] = [
    withKit("server-ca-as-client-ca", { clientCa: "server-ca.crt" }, { causeNames: ["server-ca.crt", "client-chain.crt", "client-ca.crt"], fixNames: ["client-ca.crt"] }),
    withKit("client-ca-as-server-ca", { serverCa: "client-ca.crt" }, { causeNames: ["client-ca.crt", "server-chain.crt", "server-ca.crt"], fixNames: ["--cacert server-ca.crt"] }),
    withKit("both-cas-in-client-ca-file", { clientCa: "cas.crt" }, { files: { "cas.crt": pem(kit, "client-ca.crt") + pem(kit, "server-ca.crt") }, causeNames: ["cas.crt"], fixNames: ["client-ca.crt"] }),
    withKit("both-cas-in-server-ca-file", { serverCa: "cas.crt" }, { files: { "cas.crt": pem(kit, "server-ca.crt") + pem(kit, "client-ca.crt") }, causeNames: ["cas.crt"], fixNames: ["--cacert server-ca.crt"] }),
    withKit("client-key-mismatch", { clientKey: "server.key" }, { causeNames: ["server.key", "client-chain.crt", "server.crt"], fixNames: ["--key client.key"] }),
    chainedCase("client-ca-file-without-root", { clientCa: "client-intermediate.crt" }, { causeNames: ["client-intermediate.crt", "client-ca.crt"], fixNames: ["client-ca.crt"] }),
    chainedCase("server-ca-file-without-root", { serverCa: "server-intermediate.crt" }, { causeNames: ["server-intermediate.crt", "server-ca.crt"], fixNames: ["--cacert server-ca.crt"] }),
    chainedCase("client-leaf-without-intermediate", { clientChain: "client.crt" }, { causeNames: ["client.crt", "client-intermediate.crt"], fixNames: ["--cert client-chain.crt"] }),
    chainedCase("client-intermediate-without-leaf", { clientChain: "client-intermediate.crt" }, { causeNames: ["client-intermediate.crt", "client.crt"], fixNames: ["--cert client-chain.crt"] }),
    chainedCase("client-chain-wrong-order", { clientChain: "client-chain-reversed.crt" }, {
      files: { "client-chain-reversed.crt": pem(chained, "client-intermediate.crt") + pem(chained, "client.crt") },
      causeNames: ["client-chain-reversed.crt"],
      fixNames: ["cat client.crt client-intermediate.crt"],
    }),
    withKit("self-signed-leaf-as-ca", { clientChain: "selfsigned.crt", clientKey: "selfsigned.key", clientCa: "selfsigned.crt" }, { files: { "selfsigned.crt": selfSigned.cert, "selfsigned.key": selfSigned.key }, causeNames: ["selfsigned.crt"], fixNames: ["client-ca.crt"] }),
    withKit("self-signed-client", { clientChain: "selfsigned.crt", clientKey: "selfsigned.key" }, { files: { "selfsigned.crt": selfSigned.cert, "selfsigned.key": selfSigned.key }, causeNames: ["selfsigned.crt", "client-ca.crt"], fixNames: ["client-ca.crt"] }),
    withKit("client-from-another-ca", { clientChain: "other/client-chain.crt", clientKey: "other/client.key" }, { files: kitFiles(other, "other/"), causeNames: ["client-ca.crt", "other/client-chain.crt"], fixNames: ["client-ca.crt"] }),
    withKit("client-expired", { clientChain: "old-client.crt", clientKey: "old-client.key" }, {
      ...(await own("old-client.crt", { profile: "client", cn: "client", issuer: ownCa, notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) })),
      causeNames: ["old-client.crt"],
      fixNames: ["in place of old-client.crt"],
    }),
    withKit("client-ca-expired", { clientChain: "client.crt", clientKey: "client.key" }, {
      ...(await own("client.crt", { profile: "client", cn: "client", issuer: expiredCa })),
      causeNames: ["client-ca.crt"],
      fixNames: ["client-ca.crt"],
    }),
    withKit("client-not-yet-valid", { clientChain: "future-client.crt", clientKey: "future-client.key" }, {
      ...(await own("future-client.crt", { profile: "client", cn: "client", issuer: ownCa, notBefore: new Date(now + 10 * DAY), notAfter: new Date(now + 400 * DAY) })),
      causeNames: ["future-client.crt"],
      fixNames: [],
    }),
    withKit("client-missing-client-auth", { clientChain: "server-auth.crt", clientKey: "server-auth.key" }, {
      ...(await own("server-auth.crt", { profile: "client", cn: "client", issuer: ownCa, replace: [{ kind: "extendedKeyUsage", usages: ["serverAuth"] }] })),
      causeNames: ["server-auth.crt"],
      fixNames: ["clientAuth"],
    }),
    withKit("client-leaf-is-ca", { clientChain: "ca-leaf.crt", clientKey: "ca-leaf.key" }, {
      ...(await own("ca-leaf.crt", { profile: "client", cn: "client", issuer: ownCa, replace: [{ kind: "basicConstraints", ca: true, critical: true }] })),
      causeNames: ["ca-leaf.crt"],
      fixNames: ["CA:FALSE"],
    }),
    withKit("client-weak-crypto", { clientChain: "weak.crt", clientKey: "weak.key" }, {
      ...(await own("weak.crt", { profile: "client", cn: "client-rsa-1024", issuer: ownCa, keys: rsa1024 })),
      causeNames: ["weak.crt"],
      fixNames: ["weak.crt"],
    }),
    withKit("client-weak-crypto", { clientChain: "sha1-client.crt", clientKey: "sha1-client.key" }, {
      files: { "client-ca.crt": sha1.ca, "sha1-client.crt": sha1.cert, "sha1-client.key": sha1.key },
      known: known.filter((f) => !f.startsWith("client")).concat("client-ca.crt"),
      causeNames: ["sha1-client.crt"],
      fixNames: ["sha1-client.crt", "SHA-256"],
    }),
    withKit("server-name-mismatch", {}, { host: "wrong.test", causeNames: ["server-chain.crt"], fixNames: ["servername"] }),
    chainedCase("server-chain-missing-intermediate", { serverChain: "server.crt" }, { causeNames: ["server.crt", "server-intermediate.crt"], fixNames: ["server-chain.crt"] }),
    withKit("no-client-certificate", { clientChain: undefined, clientKey: undefined }, { causeNames: [], fixNames: ["--cert client-chain.crt --key client.key"] }),
  ];
  return cases;
}

/** The kit for the cases that stop a peer before it serves (server key mismatch, PKCS#12 password). */
export async function buildStandaloneKit(): Promise<Kit> {
  return generateKit({ p12Password: "right-password" });
}
