/**
 * The scenario matrix: certificates generated per run (never fixtures), one case per way an mTLS
 * handshake goes wrong, each described by what the client sends, what the server sends, and both CA files.
 */
import { exportPrivateKeyPem, generateKeyPair, issueCertificate, Profiles, type ExtensionSpec, type IssuedCertificate, type KeyType } from "../../src/index.js";

const DAY = 86_400_000;

export interface Party {
  cert: IssuedCertificate;
  keys: CryptoKeyPair;
  keyPem: string;
}

export interface Scenario {
  name: string;
  /** PEM the client sends (leaf first); undefined: no client certificate. */
  clientChain?: string;
  clientKey?: string;
  /** The server's CA file for clients. */
  serverTrust: string;
  serverChain: string;
  serverKey: string;
  /** The client's CA file for the server. */
  clientTrust: string;
  /** What the client connects to: a DNS name (resolved to 127.0.0.1) or 127.0.0.1. */
  host: string;
  tls: "1.2" | "1.3";
}

interface IssueOptions {
  profile: "root" | "intermediate" | "server" | "client";
  cn: string;
  keyType?: KeyType;
  issuer?: Party;
  notBefore?: Date;
  notAfter?: Date;
  hosts?: string[];
  ips?: string[];
  /** A key pair made elsewhere (sizes the kit generator refuses, such as RSA-1024). */
  keys?: CryptoKeyPair;
  /** Replaces the profile's extensions of the same kinds. */
  replace?: ExtensionSpec[];
}

async function issue(options: IssueOptions): Promise<Party> {
  const keys = options.keys ?? (await generateKeyPair(options.keyType ?? "ec-p256"));
  const cert = await issueCertificate({
    profile: options.profile,
    subject: `CN=${options.cn},O=mTLS Lab Matrix`,
    publicKey: keys.publicKey,
    ...(options.issuer ? { issuer: { certificate: options.issuer.cert.der, privateKey: options.issuer.keys.privateKey } } : { signingKey: keys.privateKey }),
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    hosts: options.hosts,
    ips: options.ips,
    // Replace rather than omit + add: omitExtensions also drops the added ones.
    extensions: options.replace
      ? [...Profiles[options.profile].extensions.filter((spec) => !options.replace!.some((r) => r.kind === spec.kind)), ...options.replace]
      : undefined,
  });
  return { cert, keys, keyPem: await exportPrivateKeyPem(keys.privateKey) };
}

/** The same certificate with the last signature byte flipped (DER stays well-formed). */
function tamper(party: Party): Party {
  const der = party.cert.der.slice();
  der[der.length - 1] = der[der.length - 1]! ^ 0x01;
  const base64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n");
  return { ...party, cert: { ...party.cert, der, pem: `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n` } };
}

const pem = (...parties: Party[]) => parties.map((p) => p.cert.pem).join("");

/** Builds every case. */
export async function buildScenarios(): Promise<Scenario[]> {
  const now = Date.now();
  const past = { notBefore: new Date(now - 30 * DAY), notAfter: new Date(now - DAY) };
  const future = { notBefore: new Date(now + 10 * DAY), notAfter: new Date(now + 400 * DAY) };
  const eku = (usages: string[]): Pick<IssueOptions, "replace"> => ({ replace: [{ kind: "extendedKeyUsage", usages }] });

  // Server side: root -> intermediate -> server leaf for localhost and 127.0.0.1.
  const serverRoot = await issue({ profile: "root", cn: "Matrix Server Root" });
  const serverInt = await issue({ profile: "intermediate", cn: "Matrix Server Intermediate", issuer: serverRoot });
  const serverLeaf = await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"], ips: ["127.0.0.1"] });

  // Client side, one family per key type.
  const families = {} as Record<"ec" | "rsa" | "ed" | "p384", { root: Party; int: Party; leaf: Party }>;
  for (const [name, keyType] of [["ec", "ec-p256"], ["rsa", "rsa-2048"], ["ed", "ed25519"], ["p384", "ec-p384"]] as const) {
    const root = await issue({ profile: "root", cn: `Matrix Client Root ${name}`, keyType });
    const int = await issue({ profile: "intermediate", cn: `Matrix Client Intermediate ${name}`, issuer: root, keyType });
    const leaf = await issue({ profile: "client", cn: `client-${name}`, issuer: int, keyType });
    families[name] = { root, int, leaf };
  }
  const { root, int, leaf } = families.ec;

  const otherRoot = await issue({ profile: "root", cn: "Matrix Other Root" });
  const otherInt = await issue({ profile: "intermediate", cn: "Matrix Other Intermediate", issuer: otherRoot });
  const otherLeaf = await issue({ profile: "client", cn: "client-other", issuer: otherInt });
  const otherDirect = await issue({ profile: "client", cn: "client-other-direct", issuer: otherRoot });
  // Same DN as the trusted client root, another key.
  const impostorRoot = await issue({ profile: "root", cn: "Matrix Client Root ec" });
  const impostorInt = await issue({ profile: "intermediate", cn: "Matrix Client Intermediate ec", issuer: impostorRoot });
  const impostorLeaf = await issue({ profile: "client", cn: "client-impostor", issuer: impostorInt });

  const expiredLeaf = await issue({ profile: "client", cn: "client-expired", issuer: int, ...past });
  const futureLeaf = await issue({ profile: "client", cn: "client-future", issuer: int, ...future });
  const expiredInt = await issue({ profile: "intermediate", cn: "Matrix Expired Intermediate", issuer: root, ...past });
  const underExpiredInt = await issue({ profile: "client", cn: "client-under-expired", issuer: expiredInt });
  const futureInt = await issue({ profile: "intermediate", cn: "Matrix Future Intermediate", issuer: root, ...future });
  const underFutureInt = await issue({ profile: "client", cn: "client-under-future", issuer: futureInt });
  const selfSigned = await issue({ profile: "client", cn: "client-self-signed" });
  const notCaInt = await issue({ profile: "intermediate", cn: "Matrix Not-A-CA Intermediate", issuer: root, replace: [{ kind: "basicConstraints", ca: false, critical: true }] });
  const underNotCa = await issue({ profile: "client", cn: "client-under-not-ca", issuer: notCaInt });
  const underLeaf = await issue({ profile: "client", cn: "client-under-leaf", issuer: leaf });
  const pathInt2 = await issue({ profile: "intermediate", cn: "Matrix Second Intermediate", issuer: int });
  const underPath = await issue({ profile: "client", cn: "client-path-too-long", issuer: pathInt2 });
  const serverAuthLeaf = await issue({ profile: "client", cn: "client-serverauth", issuer: int, ...eku(["serverAuth"]) });
  const ekuInt = await issue({ profile: "intermediate", cn: "Matrix ServerAuth Intermediate", issuer: root, ...eku(["serverAuth"]) });
  const underEkuInt = await issue({ profile: "client", cn: "client-under-eku-int", issuer: ekuInt });
  const expiredServerAuth = await issue({ profile: "client", cn: "client-expired-serverauth", issuer: int, ...past, ...eku(["serverAuth"]) });
  const expiredRoot = await issue({ profile: "root", cn: "Matrix Expired Root", ...past });
  const underExpiredRootInt = await issue({ profile: "intermediate", cn: "Matrix Under Expired Root", issuer: expiredRoot });
  const underExpiredRoot = await issue({ profile: "client", cn: "client-expired-root", issuer: underExpiredRootInt });
  const criticalLeaf = await issue({ profile: "client", cn: "client-critical", issuer: int, replace: [{ kind: "raw", oid: "1.3.6.1.4.1.99999.1", value: Uint8Array.from([0x05, 0x00]), critical: true }] });
  // NameConstraints ::= SEQUENCE { permittedSubtrees [0] { GeneralSubtree { dNSName "good.test" } } }
  const permitGoodTest = Uint8Array.from([0x30, 0x0f, 0xa0, 0x0d, 0x30, 0x0b, 0x82, 0x09, ...new TextEncoder().encode("good.test")]);
  const ncInt = await issue({ profile: "intermediate", cn: "Matrix Constrained Intermediate", issuer: root, replace: [{ kind: "raw", oid: "2.5.29.30", value: permitGoodTest, critical: true }] });
  const ncGood = await issue({ profile: "client", cn: "client-nc-good", issuer: ncInt, hosts: ["api.good.test"] });
  const ncEvil = await issue({ profile: "client", cn: "client-nc-evil", issuer: ncInt, hosts: ["evil.test"] });
  const rsa1024 = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const weakLeaf = await issue({ profile: "client", cn: "client-rsa-1024", issuer: int, keys: rsa1024 });
  const rsaTampered = tamper(families.rsa.leaf);
  const ecTampered = tamper(await issue({ profile: "client", cn: "client-ec-tampered", issuer: int }));

  // Server certificates for the server-side cases.
  const wrongHost = await issue({ profile: "server", cn: "other.test", issuer: serverInt, hosts: ["other.test"] });
  const wrongIp = await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"], ips: ["127.0.0.2"] });
  const noSan = await issue({ profile: "server", cn: "localhost", issuer: serverInt, replace: [] });
  const expiredServer = await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"], ...past });
  const selfSignedServer = await issue({ profile: "server", cn: "localhost", hosts: ["localhost"] });
  const clientAuthServer = await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"], ...eku(["clientAuth"]) });
  const futureServer = await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"], ...future });
  const tamperedServer = tamper(await issue({ profile: "server", cn: "localhost", issuer: serverInt, hosts: ["localhost"] }));
  const rsaServerInt = await issue({ profile: "intermediate", cn: "Matrix Server RSA Intermediate", issuer: serverRoot, keyType: "rsa-2048" });
  const tamperedRsaServer = tamper(await issue({ profile: "server", cn: "localhost", issuer: rsaServerInt, hosts: ["localhost"], keyType: "rsa-2048" }));
  const wildcardServer = await issue({ profile: "server", cn: "wildcard", issuer: serverInt, hosts: ["*.lab.test"] });

  const base = {
    serverTrust: pem(root),
    serverChain: pem(serverLeaf, serverInt),
    serverKey: serverLeaf.keyPem,
    clientTrust: pem(serverRoot),
    host: "localhost",
    tls: "1.3" as const,
  };
  const client = (name: string, chain: Party[], extra: Partial<Scenario> = {}): Scenario => ({ ...base, name, clientChain: pem(...chain), clientKey: chain[0]!.keyPem, ...extra });
  const server = (name: string, chain: Party[], extra: Partial<Scenario> = {}): Scenario => ({
    ...base,
    name,
    clientChain: pem(leaf, int),
    clientKey: leaf.keyPem,
    serverChain: pem(...chain),
    serverKey: chain[0]!.keyPem,
    ...extra,
  });
  const family = (f: { root: Party; int: Party; leaf: Party }) => ({ serverTrust: pem(f.root) });

  return [
    client("valid EC P-256 chain", [leaf, int]),
    client("valid EC P-256 chain over TLS 1.2", [leaf, int], { tls: "1.2" }),
    client("valid RSA 2048 chain", [families.rsa.leaf, families.rsa.int], family(families.rsa)),
    client("valid Ed25519 chain", [families.ed.leaf, families.ed.int], family(families.ed)),
    client("valid EC P-384 chain over TLS 1.2", [families.p384.leaf, families.p384.int], { ...family(families.p384), tls: "1.2" }),
    client("client sends its root too", [leaf, int, root]),
    client("chain out of order with an extra certificate", [leaf, otherRoot, int], { tls: "1.2" }),
    client("expired client leaf", [expiredLeaf, int]),
    client("not-yet-valid client leaf", [futureLeaf, int], { tls: "1.2" }),
    client("expired client intermediate", [underExpiredInt, expiredInt]),
    client("not-yet-valid client intermediate", [underFutureInt, futureInt]),
    client("client root expired in the CA file", [underExpiredRoot, underExpiredRootInt], { serverTrust: pem(expiredRoot) }),
    client("missing client intermediate", [leaf]),
    client("missing client intermediate over TLS 1.2", [leaf], { tls: "1.2" }),
    client("client chain from a CA the server does not trust", [otherLeaf, otherInt]),
    client("client leaf straight from an untrusted root", [otherDirect]),
    client("untrusted root sent in the chain", [otherLeaf, otherInt, otherRoot]),
    client("root with the same DN but another key", [impostorLeaf, impostorInt]),
    client("self-signed client leaf", [selfSigned]),
    client("self-signed client leaf pinned in the CA file", [selfSigned], { serverTrust: pem(selfSigned) }),
    client("CA file holds only the intermediate", [leaf, int], { serverTrust: pem(int) }),
    client("issuer with CA:FALSE", [underNotCa, notCaInt]),
    client("issuer is a client leaf (no keyCertSign)", [underLeaf, leaf, int]),
    client("pathLen 0 exceeded", [underPath, pathInt2, int]),
    client("client leaf with serverAuth EKU only", [serverAuthLeaf, int], { tls: "1.2" }),
    client("intermediate EKU serverAuth constrains the chain", [underEkuInt, ekuInt]),
    client("tampered RSA client signature", [rsaTampered, families.rsa.int], family(families.rsa)),
    client("tampered EC client signature", [ecTampered, int]),
    client("tampered EC client signature over TLS 1.2", [ecTampered, int], { tls: "1.2" }),
    client("tampered RSA client leaf alone over TLS 1.2", [rsaTampered], { serverTrust: pem(families.rsa.root, families.rsa.int), tls: "1.2" }),
    client("unknown critical extension on the client leaf", [criticalLeaf, int]),
    client("client name inside the CA's name constraints", [ncGood, ncInt]),
    client("client name outside the CA's name constraints", [ncEvil, ncInt], { tls: "1.2" }),
    client("RSA-1024 client key: Node accepts, nginx and curl (security level 2) do not", [weakLeaf, int]),
    { ...base, name: "no client certificate" },
    { ...base, name: "no client certificate over TLS 1.2", tls: "1.2" },
    client("two failures: expired leaf and missing intermediate", [expiredLeaf]),
    client("two failures: expired leaf with serverAuth EKU only", [expiredServerAuth, int]),
    server("server host name mismatch", [wrongHost, serverInt]),
    server("server IP mismatch", [wrongIp, serverInt], { host: "127.0.0.1" }),
    server("server IP in SAN matches", [serverLeaf, serverInt], { host: "127.0.0.1", tls: "1.2" }),
    server("server certificate without SAN", [noSan, serverInt]),
    server("expired server certificate", [expiredServer, serverInt]),
    server("not-yet-valid server certificate", [futureServer, serverInt], { tls: "1.2" }),
    server("tampered server signature", [tamperedServer, serverInt]),
    server("tampered RSA server signature over TLS 1.2", [tamperedRsaServer, rsaServerInt], { tls: "1.2" }),
    server("server sends its leaf without the intermediate", [serverLeaf], { tls: "1.2" }),
    server("self-signed server certificate", [selfSignedServer], { clientTrust: pem(serverRoot) }),
    server("server certificate with clientAuth EKU only", [clientAuthServer, serverInt]),
    server("wildcard server certificate", [wildcardServer, serverInt], { host: "api.lab.test" }),
    server("wildcard does not cover two labels", [wildcardServer, serverInt], { host: "a.b.lab.test" }),
  ];
}
