/**
 * Differential tests on objects made with openssl in a temporary directory: certificates of every key type,
 * every SAN kind, a v1 certificate, a CSR, a CRL, PKCS#7, PKCS#12 and keys in every format.
 */
import { X509Certificate, createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import {
  type CertificateInfo,
  type CrlInfo,
  type CsrInfo,
  type DecodedItem,
  type Pkcs12Info,
  type Pkcs7Info,
  type PrivateKeyInfo,
  type PublicKeyItem,
  X509Error,
  decode,
} from "../src/decode/index.js";
import { Fixture, makeFixtures, openssl } from "./fixtures/decode/make-fixtures.js";
import { compareWithReferences, opensslViews } from "./fixtures/decode/reference.js";

const dir = tempDir("x509-decode-openssl-");
const path = (name: string) => join(dir.path, name);
const text = (name: string) => readFileSync(path(name), "utf8");
const bytes = (name: string) => new Uint8Array(readFileSync(path(name)));

async function one<T extends DecodedItem>(input: string | Uint8Array, options = {}): Promise<T> {
  const { items } = await decode(input, options);
  expect(items).toHaveLength(1);
  return items[0] as T;
}

/** SHA-256 of the DER public key openssl derives from a key file: what a key must match. */
async function opensslSpkiSha256(keyFile: string, extra: string[] = []): Promise<string> {
  await openssl(dir.path, "pkey", "-in", keyFile, ...extra, "-pubout", "-outform", "DER", "-out", `${keyFile}.spki`);
  return createHash("sha256").update(readFileSync(path(`${keyFile}.spki`))).digest("hex");
}

beforeAll(() => makeFixtures(dir.path), 120_000);
afterAll(() => dir.cleanup());

describe("certificates made with openssl req -x509, compared with openssl and node:crypto", () => {
  const files = [Fixture.rsa, Fixture.ecP256, Fixture.ecP384, Fixture.ed25519, Fixture.ed448, Fixture.pss, Fixture.escaped, Fixture.many, Fixture.multi, Fixture.v1, Fixture.ca];

  it("agree field by field for RSA, EC P-256, P-384, Ed25519, Ed448, RSA-PSS signature, many SANs, multi-valued UTF-8 names, v1", async () => {
    const pems = files.map(text);
    const views = await opensslViews(pems, dir.path);
    const problems: string[] = [];
    for (const [i, pem] of pems.entries()) {
      const cert = await one<CertificateInfo>(pem);
      for (const p of compareWithReferences(cert, views[i]!, new X509Certificate(pem))) problems.push(`${files[i]}: ${p}`);
      expect(cert.version, files[i]).toBe(views[i]!.version);
    }
    expect(problems).toEqual([]);
  });

  it("reports key algorithm, size and curve per key type", async () => {
    const keys = await Promise.all([Fixture.rsa, Fixture.ecP256, Fixture.ecP384, Fixture.ed25519].map(async (f) => (await one<CertificateInfo>(text(f))).publicKey));
    expect(keys.map((k) => [k.algorithm, k.size, k.curve])).toEqual([
      ["RSA", 2048, undefined],
      ["EC", 256, "P-256"],
      ["EC", 384, "P-384"],
      ["Ed25519", 256, undefined],
    ]);
  });

  it("decodes every SAN kind and the common extensions", async () => {
    const cert = await one<CertificateInfo>(text(Fixture.many));
    expect(cert.subjectAltNames).toEqual([
      { type: "dns", value: "many.test" },
      { type: "dns", value: "*.wild.test" },
      { type: "ip", value: "127.0.0.1" },
      { type: "ip", value: "::1" },
      { type: "ip", value: "2001:db8::17" },
      { type: "email", value: "ops@many.test" },
      { type: "uri", value: "spiffe://lab.test/ns/default/sa/client" },
      { type: "registeredId", value: "1.2.3.4" },
      { type: "dirName", value: "CN=Dir Name,O=Dir Org,C=DE" },
      { type: "other", value: "UPN:user@corp.test" },
    ]);
    // openssl's config reader drops the double quotes; the other specials are escaped per RFC 4514 2.4.
    expect(cert.subject).toBe("CN=many.test,O=Acme\\, Inc\\; Lab \\<test\\>,C=DE");
    expect(cert.extendedKeyUsage).toEqual(["serverAuth", "clientAuth", "1.2.3.4.5"]);
    expect(cert.basicConstraints).toEqual({ ca: false });
    const ext = Object.fromEntries(cert.extensions.map((e) => [e.name, e]));
    expect(ext.keyUsage?.critical).toBe(true);
    expect(ext.subjectAltName?.critical).toBe(false);
    expect(ext.authorityInfoAccess?.value).toEqual([
      { method: "OCSP", location: { type: "uri", value: "http://ocsp.lab.test/" } },
      { method: "caIssuers", location: { type: "uri", value: "http://ca.lab.test/ca.crt" } },
    ]);
    expect(ext.crlDistributionPoints?.value).toEqual([{ fullName: [{ type: "uri", value: "http://crl.lab.test/ca.crl" }] }]);
    expect(ext.certificatePolicies?.value).toEqual([
      { policy: "2.23.140.1.2.1", name: "domain-validated", qualifiers: [] },
      { policy: "1.3.6.1.4.1.55555.2", qualifiers: [{ type: "CPS", value: "http://cps.lab.test/" }] },
    ]);
    expect(ext.nameConstraints?.value).toEqual({ permitted: [{ type: "dns", value: ".lab.test" }], excluded: [{ type: "ip", value: "10.0.0.0/255.0.0.0" }] });
    // Unknown extension: an ASN.1 tree of its value.
    expect(ext["1.3.6.1.4.1.55555.1"]?.value).toMatchObject({ tag: "UTF8String", value: "a private extension", offset: 0 });
    // SKI/AKI as openssl prints them.
    const printed = await openssl(dir.path, "x509", "-in", Fixture.many, "-noout", "-ext", "subjectKeyIdentifier");
    expect(printed.replace(/[\s:]/g, "").toLowerCase()).toContain(cert.subjectKeyIdentifier);
    // OpenSSL 3 leaves the AKI out of a self-signed certificate unless "keyid:always" is asked.
    expect(cert.authorityKeyIdentifier).toBeUndefined();
    const escaped = await one<CertificateInfo>(text(Fixture.escaped));
    expect(escaped.subject).toBe('O=trail\\ ,CN=\\ lead\\"quote\\"\\+plus\\\\back\\;semi=eq #hash');
    const v1 = await one<CertificateInfo>(text(Fixture.multi));
    // The members of a multi-valued RDN in OpenSSL's order too (it prints every attribute last to first).
    const printedSubject = await openssl(dir.path, "x509", "-in", Fixture.multi, "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb");
    expect(`subject=${v1.subject}`).toBe(printedSubject.trim());
    expect(v1.subject).toBe("emailAddress=ops@lab.test,CN=Grüße #1\\ ,OU=alpha+OU=beta,DC=lab,DC=test");
  });

  it("reads a v1 certificate (x509 -req without -extfile): version 1, no extensions, not self-signed", async () => {
    const cert = await one<CertificateInfo>(text(Fixture.v1));
    expect(cert.version).toBe(1);
    expect(cert.extensions).toEqual([]);
    expect(cert.basicConstraints).toBeNull();
    expect(cert.selfSigned).toBe(false);
    expect(cert.issuer).toBe("CN=Fixture CA,O=mTLS Lab");
    const ca = await one<CertificateInfo>(text(Fixture.ca));
    expect(ca.selfSigned).toBe(true);
    // RSA-PSS signatures are not checked through WebCrypto here: the key-identifier rule decides.
    const pss = await one<CertificateInfo>(text(Fixture.pss));
    expect([pss.signatureAlgorithm, pss.selfSigned]).toEqual(["rsassaPss", true]);
  });

  it("tells expired and not yet valid at a given time", async () => {
    const cert = await one<CertificateInfo>(text(Fixture.rsa));
    const later = new Date(Date.parse(cert.notAfter) + 1000);
    const earlier = new Date(Date.parse(cert.notBefore) - 1000);
    expect((await one<CertificateInfo>(text(Fixture.rsa), { at: later })).expired).toBe(true);
    expect((await one<CertificateInfo>(text(Fixture.rsa), { at: earlier })).notYetValid).toBe(true);
    expect([cert.expired, cert.notYetValid]).toEqual([false, false]);
  });
});

describe("CSR, CRL, PKCS#7 and PKCS#12", () => {
  it("decodes a CSR: subject as openssl prints it, requested SANs, a valid signature; a tampered one fails", async () => {
    const csr = await one<CsrInfo>(text(Fixture.csr));
    const subject = await openssl(dir.path, "req", "-in", Fixture.csr, "-noout", "-subject", "-nameopt", "RFC2253,-esc_msb");
    expect(`subject=${csr.subject}`).toBe(subject.trim());
    expect(csr.subjectAltNames).toEqual([
      { type: "uri", value: "spiffe://lab.test/client" },
      { type: "email", value: "client@lab.test" },
    ]);
    expect(csr.signatureValid).toBe(true);
    expect(csr.publicKey.spkiSha256).toBe(await opensslSpkiSha256(Fixture.clientKey));
    const der = csr.der.slice();
    der[der.length - 3] ^= 0x01;
    expect((await one<CsrInfo>(der)).signatureValid).toBe(false);
  });

  it("decodes a CRL from openssl ca: issuer, dates, the revoked serial with its reason, the CRL number", async () => {
    const crl = await one<CrlInfo>(text(Fixture.crl));
    const cert = await one<CertificateInfo>(text(Fixture.v1));
    const dates = await openssl(dir.path, "crl", "-in", Fixture.crl, "-noout", "-lastupdate", "-nextupdate", "-issuer", "-nameopt", "RFC2253");
    expect(dates).toContain(`issuer=${crl.issuer}`);
    const last = /lastUpdate=(.*)/.exec(dates)?.[1] ?? "";
    expect(crl.thisUpdate).toBe(new Date(last).toISOString());
    expect(crl.nextUpdate).toBe(new Date(/nextUpdate=(.*)/.exec(dates)?.[1] ?? "").toISOString());
    expect(crl.revoked).toEqual([{ serialNumber: cert.serialNumber, revocationDate: expect.any(String), reason: "keyCompromise" }]);
    expect(crl.signatureAlgorithm).toBe("ecdsa-with-SHA256");
    expect(crl.extensions.find((e) => e.name === "crlNumber")?.value).toBe((4096).toString(16));
  });

  it("lists the certificates inside a .p7b, DER and PEM", async () => {
    const chain = (await decode(text("chain.pem"))).items as CertificateInfo[];
    for (const file of [Fixture.p7bDer, Fixture.p7bPem]) {
      const p7 = await one<Pkcs7Info>(file === Fixture.p7bDer ? bytes(file) : text(file));
      expect(p7.items.map((c) => (c as CertificateInfo).fingerprints.sha256)).toEqual(chain.map((c) => c.fingerprints.sha256));
    }
  });

  it("opens a PKCS#12 with its password: certificate, CA and key that matches the certificate", async () => {
    const p12 = await one<Pkcs12Info>(bytes(Fixture.p12), { password: Fixture.p12Password });
    const certs = p12.items.filter((i): i is CertificateInfo => i.kind === "certificate");
    const keys = p12.items.filter((i): i is PrivateKeyInfo => i.kind === "privateKey");
    expect(certs.map((c) => c.subject).sort()).toEqual(["CN=Fixture CA,O=mTLS Lab", "CN=client,O=mTLS Lab"]);
    expect(keys).toHaveLength(1);
    const leaf = certs.find((c) => c.subject.startsWith("CN=client"));
    expect(keys[0]?.publicKey?.spkiSha256).toBe(leaf?.publicKey.spkiSha256);
    expect(keys[0]?.pem).toBeUndefined();
    expect(p12.macAlgorithm).toBe("sha256");
  });

  it("refuses a PKCS#12 with a wrong or missing password: X509Error BAD_PASSWORD, one line", async () => {
    for (const password of ["wrong", undefined]) {
      const error = await decode(bytes(Fixture.p12), { password }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(X509Error);
      expect((error as X509Error).code).toBe("BAD_PASSWORD");
      expect((error as X509Error).message).toMatch(password ? /wrong password/ : /none was given/);
      expect((error as X509Error).message).not.toContain("\n");
    }
  });

  it("opens a legacy (RC2-40 certificates, 3DES key) PKCS#12, and names the cipher of an RC4 one it cannot open: UNSUPPORTED", async () => {
    await openssl(dir.path, "pkcs12", "-export", "-legacy", "-inkey", Fixture.clientKey, "-in", Fixture.v1, "-passout", "pass:pw", "-out", "legacy.p12");
    const legacy = (await decode(bytes("legacy.p12"), { password: "pw" })).items[0] as Pkcs12Info;
    expect(legacy.items.map((i) => i.kind).sort()).toEqual(["certificate", "privateKey"]);
    expect(legacy.protection?.parts.map((p) => p.encryption)).toEqual(["pbeWithSHA1And40BitRC2-CBC", "pbeWithSHA1And3-KeyTripleDES-CBC"]);
    await openssl(dir.path, "pkcs12", "-export", "-legacy", "-certpbe", "PBE-SHA1-RC4-128", "-inkey", Fixture.clientKey, "-in", Fixture.v1, "-passout", "pass:pw", "-out", "rc4.p12");
    const error = await decode(bytes("rc4.p12"), { password: "pw" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(X509Error);
    expect((error as X509Error).code).toBe("UNSUPPORTED");
    expect((error as X509Error).message).toContain("pbeWithSHA1And128BitRC4");
  });
});

describe("keys in every format", () => {
  it("describes PKCS#8, PKCS#1 and SEC1 private keys by their public half, matching openssl's", async () => {
    const rsa = await opensslSpkiSha256(Fixture.rsaPkcs8);
    const ec = await opensslSpkiSha256(Fixture.ecPkcs8);
    const ed = await opensslSpkiSha256(Fixture.edPkcs8);
    const cases: [string, PrivateKeyInfo["format"], string, string, number, string | undefined][] = [
      [Fixture.rsaPkcs8, "pkcs8", rsa, "RSA", 2048, undefined],
      [Fixture.rsaPkcs1, "pkcs1", rsa, "RSA", 2048, undefined],
      [Fixture.ecPkcs8, "pkcs8", ec, "EC", 256, "P-256"],
      [Fixture.ecSec1, "sec1", ec, "EC", 256, "P-256"],
      [Fixture.edPkcs8, "pkcs8", ed, "Ed25519", 256, undefined],
    ];
    for (const [file, format, spki, algorithm, size, curve] of cases) {
      const key = await one<PrivateKeyInfo>(text(file));
      expect([file, key.format, key.encrypted, key.publicKey?.algorithm, key.publicKey?.size, key.publicKey?.curve]).toEqual([file, format, false, algorithm, size, curve]);
      expect(key.publicKey?.spkiSha256, file).toBe(spki);
      expect(key.pem).toBeUndefined();
    }
    const cert = await one<CertificateInfo>(text(Fixture.rsa));
    expect(cert.publicKey.spkiSha256).toBe(rsa);
  });

  it("detects an encrypted PKCS#8 key without a password and reveals keys only when asked", async () => {
    const key = await one<PrivateKeyInfo>(text(Fixture.encrypted));
    expect([key.format, key.encrypted, key.encryption, key.publicKey]).toEqual(["encrypted-pkcs8", true, "PBES2", undefined]);
    const revealed = await one<PrivateKeyInfo>(text(Fixture.ecSec1), { revealPrivateKeys: true });
    expect(revealed.pem?.replace(/\s/g, "")).toBe(text(Fixture.ecSec1).replace(/\s/g, ""));
  });

  it("reads public keys: SPKI (RSA, EC) and PKCS#1 RSA PUBLIC KEY", async () => {
    const rsa = await opensslSpkiSha256(Fixture.rsaPkcs8);
    for (const file of [Fixture.rsaPublic, Fixture.rsaPkcs1Public]) {
      const pub = await one<PublicKeyItem>(text(file));
      expect([pub.kind, pub.publicKey.algorithm, pub.publicKey.size, pub.publicKey.spkiSha256]).toEqual(["publicKey", "RSA", 2048, rsa]);
    }
    const ec = await one<PublicKeyItem>(text(Fixture.ecPublic));
    expect([ec.publicKey.algorithm, ec.publicKey.curve, ec.publicKey.spkiSha256]).toEqual(["EC", "P-256", await opensslSpkiSha256(Fixture.ecPkcs8)]);
  });
});
