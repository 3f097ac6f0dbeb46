/**
 * issueCertificate, profiles, keys and exports, checked with OpenSSL 3 (`openssl x509 -text`, `openssl verify`)
 * and node:crypto, never with this package's own decoder. Includes the deliberately broken certificates the
 * scenario matrix needs, each proven broken by openssl verify with the error it is meant to cause.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exportCertificateDer,
  exportCertificatePem,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateKeyPair,
  issueCertificate,
  keyTypeOf,
  randomSerialNumber,
  type IssuedCertificate,
  type KeyType,
} from "../src/index.js";

const temp = tempDir("mtls-lab-issue-");
afterAll(() => temp.cleanup());
let counter = 0;

/** Writes PEM text to a fresh file and returns its path. */
function file(pem: string): string {
  const path = join(temp.path, `f${counter++}.pem`);
  writeFileSync(path, pem);
  return path;
}

async function opensslText(pem: string): Promise<string> {
  const result = await run("openssl", ["x509", "-noout", "-text", "-nameopt", "RFC2253", "-in", file(pem)]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** `openssl verify` of leaf against root (and intermediates); returns its combined output. */
async function verify(leaf: IssuedCertificate, root: IssuedCertificate, options: { untrusted?: IssuedCertificate[]; purpose?: string } = {}) {
  const args = ["verify", "-CAfile", file(root.pem)];
  if (options.purpose) args.push("-purpose", options.purpose);
  if (options.untrusted?.length) args.push("-untrusted", file(options.untrusted.map((c) => c.pem).join("")));
  const result = await run("openssl", [...args, file(leaf.pem)]);
  return { ok: result.code === 0, output: result.stdout + result.stderr };
}

const SIGNATURES: Record<Exclude<KeyType, "rsa-4096">, { signature: string; key: RegExp }> = {
  "ec-p256": { signature: "ecdsa-with-SHA256", key: /ASN1 OID: prime256v1/ },
  "ec-p384": { signature: "ecdsa-with-SHA384", key: /ASN1 OID: secp384r1/ },
  "rsa-2048": { signature: "sha256WithRSAEncryption", key: /Public-Key: \(2048 bit\)[\s\S]*Exponent: 65537/ },
  "rsa-3072": { signature: "sha256WithRSAEncryption", key: /Public-Key: \(3072 bit\)[\s\S]*Exponent: 65537/ },
  ed25519: { signature: "ED25519", key: /Public Key Algorithm: ED25519/ },
};

describe.each(Object.entries(SIGNATURES) as [Exclude<KeyType, "rsa-4096">, { signature: string; key: RegExp }][])(
  "profiles with %s keys",
  (keyType, expected) => {
    let rootKeys: CryptoKeyPair;
    let root: IssuedCertificate;

    beforeAll(async () => {
      rootKeys = await generateKeyPair(keyType);
      root = await issueCertificate({ profile: "root", subject: "CN=Test Root,O=mTLS Lab", publicKey: rootKeys.publicKey, signingKey: rootKeys.privateKey });
    }, 60_000);

    it("generates the key type asked for", () => {
      expect(keyTypeOf(rootKeys.publicKey)).toBe(keyType);
    });

    it("makes a root CA: CA:TRUE and keyCertSign+cRLSign critical, SKI, self-signed, ~10 years", async () => {
      const text = await opensslText(root.pem);
      expect(text).toContain(`Signature Algorithm: ${expected.signature}`);
      expect(text).toMatch(expected.key);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE\n/);
      expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign\n/);
      expect(text).toContain("X509v3 Subject Key Identifier");
      expect(text).toContain("Subject: CN=Test Root,O=mTLS Lab");
      const node = new X509Certificate(root.pem);
      expect(node.checkIssued(node)).toBe(true);
      expect(node.verify(node.publicKey)).toBe(true);
      const days = (Date.parse(node.validTo) - Date.parse(node.validFrom)) / 86_400_000;
      expect(days).toBe(3650);
    });

    it("makes a server leaf: CA:FALSE, SAN DNS/IP, serverAuth, digitalSignature (+keyEncipherment for RSA), AKI = issuer SKI, 398 days", async () => {
      const keys = await generateKeyPair(keyType);
      const leaf = await issueCertificate({
        profile: "server",
        subject: "CN=localhost,O=mTLS Lab",
        publicKey: keys.publicKey,
        issuer: { certificate: root.der, privateKey: rootKeys.privateKey },
        hosts: ["localhost", "api.lab.test"],
        ips: ["127.0.0.1", "::1"],
      });
      const text = await opensslText(leaf.pem);
      expect(text).toContain(`Signature Algorithm: ${expected.signature}`);
      expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE\n/);
      const usage = keyType.startsWith("rsa") ? "Digital Signature, Key Encipherment" : "Digital Signature";
      expect(text).toMatch(new RegExp(`X509v3 Key Usage: critical\\s+${usage}\\n`));
      expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication\n/);
      expect(text).toMatch(/X509v3 Subject Alternative Name:\s+DNS:localhost, DNS:api.lab.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1\n/);
      const rootNode = new X509Certificate(root.pem);
      const node = new X509Certificate(leaf.pem);
      const ski = /X509v3 Subject Key Identifier:\s+([0-9A-F:]+)/.exec(await opensslText(root.pem))?.[1];
      expect(text).toMatch(new RegExp(`X509v3 Authority Key Identifier:\\s+(keyid:)?${ski}`));
      expect(node.checkIssued(rootNode)).toBe(true);
      expect(node.verify(rootNode.publicKey)).toBe(true);
      expect(node.checkHost("api.lab.test")).toBe("api.lab.test");
      expect(node.checkIP("127.0.0.1")).toBe("127.0.0.1");
      expect((Date.parse(node.validTo) - Date.parse(node.validFrom)) / 86_400_000).toBe(398);
      expect(node.serialNumber).toMatch(/^[0-7][0-9A-F]{31}$/);
      expect(leaf.sha256).toBe(node.fingerprint256.replace(/:/g, "").toLowerCase());
      expect((await verify(leaf, root, { purpose: "sslserver" })).ok).toBe(true);
    });

    it("makes a client leaf: clientAuth, CN, optional SAN URI and email", async () => {
      const keys = await generateKeyPair(keyType);
      const leaf = await issueCertificate({
        profile: "client",
        subject: "CN=alice,O=mTLS Lab",
        publicKey: keys.publicKey,
        issuer: { certificate: root.pem, privateKey: rootKeys.privateKey },
        uris: ["spiffe://lab.test/alice"],
        emails: ["alice@lab.test"],
      });
      const text = await opensslText(leaf.pem);
      expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication\n/);
      expect(text).toMatch(/X509v3 Subject Alternative Name:\s+email:alice@lab.test, URI:spiffe:\/\/lab.test\/alice\n/);
      expect(text).toContain("Subject: CN=alice,O=mTLS Lab");
      expect((await verify(leaf, root, { purpose: "sslclient" })).ok).toBe(true);
      expect((await verify(leaf, root, { purpose: "sslserver" })).output).toContain("unsuitable certificate purpose");
    });
  },
);

describe("serial numbers", () => {
  it("are 128 random bits, positive without a sign byte, non-zero and distinct", () => {
    const serials = Array.from({ length: 500 }, () => randomSerialNumber());
    for (const serial of serials) {
      expect(serial).toMatch(/^[0-9a-f]{32}$/);
      const first = Number.parseInt(serial.slice(0, 2), 16);
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(0x80);
    }
    expect(new Set(serials).size).toBe(serials.length);
  });
});

describe("deliberately broken certificates (for the scenario matrix)", () => {
  let rootKeys: CryptoKeyPair;
  let root: IssuedCertificate;
  const leafOf = async (params: Partial<Parameters<typeof issueCertificate>[0]> & { issuer?: { certificate: string | Uint8Array; privateKey: CryptoKey } }) => {
    const keys = await generateKeyPair("ec-p256");
    return {
      keys,
      cert: await issueCertificate({
        profile: "client",
        subject: "CN=broken,O=mTLS Lab",
        publicKey: keys.publicKey,
        issuer: { certificate: root.der, privateKey: rootKeys.privateKey },
        ...params,
      }),
    };
  };

  beforeAll(async () => {
    rootKeys = await generateKeyPair("ec-p256");
    root = await issueCertificate({ profile: "root", subject: "CN=Broken Test Root", publicKey: rootKeys.publicKey, signingKey: rootKeys.privateKey });
  });

  it("expired and not-yet-valid validity", async () => {
    const expired = await leafOf({ notBefore: new Date("2020-01-01T00:00:00Z"), notAfter: new Date("2021-01-01T00:00:00Z") });
    expect((await verify(expired.cert, root)).output).toContain("certificate has expired");
    const future = await leafOf({ notBefore: new Date(Date.now() + 30 * 86_400_000), days: 10 });
    expect((await verify(future.cert, root)).output).toContain("certificate is not yet valid");
  });

  it("an issuer with CA:FALSE, and pathLen 0 exceeded", async () => {
    const notCa = await leafOf({});
    const under = await leafOf({ issuer: { certificate: notCa.cert.der, privateKey: notCa.keys.privateKey } });
    expect((await verify(under.cert, root, { untrusted: [notCa.cert] })).output).toContain("invalid CA certificate");

    const intermediateKeys = await generateKeyPair("ec-p256");
    const intermediate = await issueCertificate({ profile: "intermediate", subject: "CN=Int", publicKey: intermediateKeys.publicKey, issuer: { certificate: root.der, privateKey: rootKeys.privateKey } });
    const subKeys = await generateKeyPair("ec-p256");
    const sub = await issueCertificate({ profile: "intermediate", subject: "CN=Sub", publicKey: subKeys.publicKey, issuer: { certificate: intermediate.der, privateKey: intermediateKeys.privateKey } });
    const deep = await leafOf({ issuer: { certificate: sub.der, privateKey: subKeys.privateKey } });
    expect((await verify(deep.cert, root, { untrusted: [intermediate, sub] })).output).toContain("path length constraint exceeded");
    const shallow = await leafOf({ issuer: { certificate: intermediate.der, privateKey: intermediateKeys.privateKey } });
    expect((await verify(shallow.cert, root, { untrusted: [intermediate] })).ok).toBe(true);
  });

  it("wrong EKU, no EKU, no SAN", async () => {
    const serverOnly = await leafOf({ extensions: [{ kind: "basicConstraints", ca: false }, { kind: "extendedKeyUsage", usages: ["serverAuth"] }] });
    expect((await verify(serverOnly.cert, root, { purpose: "sslclient" })).output).toContain("unsuitable certificate purpose");
    const replaced = await leafOf({ omitExtensions: ["extendedKeyUsage"], extraExtensions: [{ kind: "extendedKeyUsage", usages: ["serverAuth"] }] });
    expect(await opensslText(replaced.cert.pem)).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication\n/);
    expect((await verify(replaced.cert, root, { purpose: "sslclient" })).output).toContain("unsuitable certificate purpose");
    const noEku = await leafOf({ omitExtensions: ["extendedKeyUsage"] });
    expect(await opensslText(noEku.cert.pem)).not.toContain("Extended Key Usage");
    const server = await leafOf({ profile: "server", subject: "CN=localhost", hosts: [], ips: [] });
    const text = await opensslText(server.cert.pem);
    expect(text).not.toContain("Subject Alternative Name");
    expect(new X509Certificate(server.cert.pem).subjectAltName).toBeUndefined();
  });

  it("an issuer without keyCertSign", async () => {
    const caKeys = await generateKeyPair("ec-p256");
    const ca = await issueCertificate({
      profile: "intermediate",
      subject: "CN=No CertSign CA",
      publicKey: caKeys.publicKey,
      issuer: { certificate: root.der, privateKey: rootKeys.privateKey },
      extensions: [{ kind: "basicConstraints", ca: true, critical: true }, { kind: "keyUsage", usages: ["digitalSignature", "cRLSign"] }],
    });
    const leaf = await leafOf({ issuer: { certificate: ca.der, privateKey: caKeys.privateKey } });
    expect((await verify(leaf.cert, root, { untrusted: [ca] })).output).toContain("key usage does not include certificate signing");
  });

  it("a self-signed leaf and a root with the same DN but another key", async () => {
    const keys = await generateKeyPair("ec-p256");
    const selfSigned = await issueCertificate({ profile: "client", subject: "CN=selfie", publicKey: keys.publicKey, signingKey: keys.privateKey });
    const node = new X509Certificate(selfSigned.pem);
    expect(node.subject).toBe(node.issuer);
    expect((await verify(selfSigned, root)).output).toMatch(/self.signed certificate/);

    const twinKeys = await generateKeyPair("ec-p256");
    const twin = await issueCertificate({ profile: "root", subject: "CN=Broken Test Root", publicKey: twinKeys.publicKey, signingKey: twinKeys.privateKey });
    expect(new X509Certificate(twin.pem).subject).toBe(new X509Certificate(root.pem).subject);
    const leaf = await leafOf({});
    const result = await verify(leaf.cert, twin);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/unable to get local issuer certificate|certificate signature failure/);
  });

  it("an explicit issuer DN and serial number", async () => {
    const leaf = await leafOf({ issuerName: "CN=Somebody Else,O=Elsewhere", serialNumber: "0badc0de" });
    const node = new X509Certificate(leaf.cert.pem);
    expect(node.issuer).toBe("O=Elsewhere\nCN=Somebody Else");
    expect(node.serialNumber).toBe("0BADC0DE");
    expect((await verify(leaf.cert, root)).ok).toBe(false);
  });
});

describe("distinguished names", () => {
  it("takes attributes most specific first, with literal special characters and the right string types", async () => {
    const keys = await generateKeyPair("ec-p256");
    const cert = await issueCertificate({
      profile: "root",
      subject: [{ type: "CN", value: "Lab CA" }, { type: "O", value: 'Acme, Inc. "R+D"' }, { type: "C", value: "DE" }, { type: "emailAddress", value: "ca@lab.test" }],
      publicKey: keys.publicKey,
      signingKey: keys.privateKey,
    });
    const out = await run("openssl", ["asn1parse", "-in", file(cert.pem)]);
    expect(out.stdout).toMatch(/countryName\s+\n?.*PRINTABLESTRING\s+:DE/);
    expect(out.stdout).toMatch(/emailAddress\s+\n?.*IA5STRING\s+:ca@lab.test/);
    expect(out.stdout).toMatch(/organizationName\s+\n?.*UTF8STRING\s+:Acme, Inc. "R\+D"/);
    // DER order is the reverse of the given (most specific first) order.
    expect(new X509Certificate(cert.pem).subject.split("\n").map((l) => l.split("=")[0])).toEqual(["emailAddress", "C", "O", "CN"]);
  });
});

describe("exports", () => {
  it("writes PKCS#8 PEM keys, SPKI PEM, and certificates as PEM or DER", async () => {
    const keys = await generateKeyPair("ec-p384");
    const pem = await exportPrivateKeyPem(keys.privateKey);
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
    const privateKey = createPrivateKey(pem);
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe("secp384r1");
    const spki = await exportPublicKeyPem(keys.publicKey);
    expect(createPublicKey(spki).export({ format: "jwk" })).toEqual(createPublicKey(privateKey).export({ format: "jwk" }));

    const cert = await issueCertificate({ profile: "root", subject: "CN=Export", publicKey: keys.publicKey, signingKey: keys.privateKey });
    expect(Buffer.from(exportCertificateDer(cert.pem)).equals(Buffer.from(cert.der))).toBe(true);
    expect(exportCertificatePem(cert.der, cert.certificate)).toBe(cert.pem + cert.pem);
    expect(new X509Certificate(exportCertificateDer(cert.certificate)).fingerprint256).toBe(new X509Certificate(cert.pem).fingerprint256);
  });
});

describe("bad input gets one clear error naming what is wrong", () => {
  it("names the field", async () => {
    const keys = await generateKeyPair("ec-p256");
    await expect(generateKeyPair("rsa-1024" as KeyType)).rejects.toThrow(/^Bad key type "rsa-1024": expected one of ec-p256/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey })).rejects.toThrow(/signingKey/);
    await expect(issueCertificate({ profile: "leaf", subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.privateKey })).rejects.toThrow(/Unknown profile "leaf"/);
    await expect(issueCertificate({ subject: [{ type: "XX", value: "y" }], publicKey: keys.publicKey, signingKey: keys.privateKey })).rejects.toThrow(/Bad subject: unknown attribute type "XX"/);
    await expect(issueCertificate({ subject: [{ type: "C", value: "Deutschland!" }], publicKey: keys.publicKey, signingKey: keys.privateKey })).rejects.toThrow(/Bad subject: C must be a PrintableString/);
    await expect(issueCertificate({ subject: "", publicKey: keys.publicKey, signingKey: keys.privateKey })).rejects.toThrow(/Bad subject/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.privateKey, hosts: ["bad host"] })).rejects.toThrow(/Bad host name "bad host"/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.privateKey, ips: ["300.1.1.1"] })).rejects.toThrow(/Bad IP address "300.1.1.1"/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.publicKey })).rejects.toThrow(/Bad signing key/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey, issuer: { certificate: "not a certificate", privateKey: keys.privateKey } })).rejects.toThrow(/Bad issuer.certificate/);
    await expect(issueCertificate({ subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.privateKey, extensions: [{ kind: "extendedKeyUsage", usages: ["webAuth"] }] })).rejects.toThrow(/Bad extended key usage "webAuth"/);
  });
});

describe("one error type", () => {
  it("generate's argument errors are X509Error with code BAD_ARGUMENT and one line", async () => {
    const { X509Error: ErrorType, generateKit: kit } = await import("../src/index.js");
    const error = await kit({ days: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorType);
    expect(error).toMatchObject({ code: "BAD_ARGUMENT", message: "Bad days 0: expected a positive whole number" });
  });
});
