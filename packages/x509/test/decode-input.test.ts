/**
 * Input forms (PEM with junk, DER, concatenated DER, bare base64, bundles), clear errors, the ASN.1 view
 * against `openssl asn1parse`, and the text and JSON renderings the CLI prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { type CertificateInfo, type Pkcs12Info, type Pkcs7Info, X509Error, decode, decodeCertificate, parseAsn1, renderText, toJson } from "../src/decode/index.js";
import { toBase64 } from "../src/encoding.js";
import type { Asn1Node } from "../src/types.js";
import { Fixture, makeFixtures, openssl } from "./fixtures/decode/make-fixtures.js";

const dir = tempDir("x509-decode-input-");
const text = (name: string) => readFileSync(join(dir.path, name), "utf8");
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir.path, name)));

beforeAll(() => makeFixtures(dir.path), 120_000);
afterAll(() => dir.cleanup());

async function failure(input: string | Uint8Array): Promise<X509Error> {
  const error = await decode(input).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(X509Error);
  expect((error as X509Error).message).not.toContain("\n");
  return error as X509Error;
}

describe("input forms", () => {
  it("finds every PEM block in pasted mail with junk and quoting around them, in order", async () => {
    const quoted = text(Fixture.rsa).trim().split("\n").map((l) => `> ${l}`).join("\n");
    const mail = [
      "Hi, here is what you asked for.",
      quoted,
      "and the request:",
      text(Fixture.csr),
      "-- \nregards",
      text(Fixture.ecSec1),
      "Log line: 2026-11-23 INFO done",
      text(Fixture.crl),
    ].join("\n");
    const { items } = await decode(mail);
    expect(items.map((i) => i.kind)).toEqual(["certificate", "csr", "privateKey", "crl"]);
    expect((items[0] as CertificateInfo).subject).toBe("CN=rsa.test,O=mTLS Lab");
  });

  it("reads DER, concatenated DER, bare base64 and a PEM bundle of many certificates", async () => {
    const cert = await decodeCertificate(text(Fixture.rsa));
    const ca = await decodeCertificate(text(Fixture.ca));
    expect((await decodeCertificate(cert.der)).fingerprints.sha256).toBe(cert.fingerprints.sha256);
    const joined = new Uint8Array([...cert.der, ...ca.der]);
    expect((await decode(joined)).items.map((i) => (i as CertificateInfo).subject)).toEqual([cert.subject, ca.subject]);
    const base64 = toBase64(cert.der).replace(/(.{76})/g, "$1\n");
    expect((await decodeCertificate(base64)).serialNumber).toBe(cert.serialNumber);
    const bundle = [Fixture.rsa, Fixture.ecP256, Fixture.ecP384, Fixture.ed25519, Fixture.many, Fixture.v1, Fixture.ca].map(text).join("");
    expect((await decode(bundle)).items).toHaveLength(7);
    // Bytes that are PEM text are read as text, also when the text starts with "0" (0x30, like DER).
    expect((await decode(bytes(Fixture.ca))).items[0]?.kind).toBe("certificate");
    const note = new TextEncoder().encode(`0 errors found, the certificate:\n${text(Fixture.ca)}`);
    expect((await decode(note)).items[0]?.kind).toBe("certificate");
    // Printable text can split into top-level TLVs exactly (any printable byte is a short-form length): padded
    // until it does, the note is still text, not DER that fails inside its first "object".
    const splitsExactly = (s: string) => {
      let at = 0;
      while (at < s.length - 1) at += 2 + s.charCodeAt(at + 1);
      return at === s.length;
    };
    let tlvs = `0 errors found, the certificate:\n${text(Fixture.ca)}`;
    while (!splitsExactly(tlvs)) tlvs += " ";
    expect((await decode(new TextEncoder().encode(tlvs))).items[0]?.kind).toBe("certificate");
  });

  it("reads BER (indefinite-length) PKCS#7 from a streaming signer, and refuses BER for a certificate", async () => {
    writeFileSync(join(dir.path, "message.txt"), "hello\n");
    await openssl(dir.path, "cms", "-sign", "-in", "message.txt", "-signer", Fixture.ecP256, "-inkey", Fixture.ecPkcs8, "-outform", "DER", "-stream", "-out", "signed.ber");
    const ber = bytes("signed.ber");
    expect([ber[0], ber[1]]).toEqual([0x30, 0x80]);
    const p7 = (await decode(ber)).items[0] as Pkcs7Info;
    expect(p7.items.map((c) => (c as CertificateInfo).subject)).toEqual(["CN=ec256.test"]);
    const view = parseAsn1(ber);
    expect([view.value, view.headerLength + view.length]).toEqual(["(indefinite length)", ber.length]);
    const error = await failure(new Uint8Array([0x30, 0x80, 0x30, 0x80, 0x00, 0x00, 0x00, 0x00]));
    expect(error.message).toContain("indefinite-length (BER)");
  });

  it("classifies unlabelled DER by structure: CSR, CRL, keys, PKCS#7, PKCS#12", async () => {
    const der = async (file: string, ...args: string[]) => {
      await openssl(dir.path, ...args, "-in", file, "-outform", "DER", "-out", `${file}.der`);
      return bytes(`${file}.der`);
    };
    const kinds = [
      (await decode(await der(Fixture.csr, "req"))).items[0]?.kind,
      (await decode(await der(Fixture.crl, "crl"))).items[0]?.kind,
      (await decode(await der(Fixture.ecPkcs8, "pkey"))).items[0]?.kind,
      (await decode(bytes(Fixture.p7bDer))).items[0]?.kind,
      (await decode(bytes(Fixture.p12), { password: Fixture.p12Password })).items[0]?.kind,
    ];
    expect(kinds).toEqual(["csr", "crl", "privateKey", "pkcs7", "pkcs12"]);
  });
});

describe("bad input: one X509Error line naming what and where", () => {
  it("empty input, text that is nothing, a PEM block without its END line", async () => {
    expect((await failure("")).code).toBe("BAD_INPUT");
    const prose = await failure("this is not a certificate!");
    expect([prose.code, prose.message]).toEqual(["BAD_INPUT", 'not PEM, DER or base64: no "-----BEGIN" line, and the text is not base64']);
    const cut = text(Fixture.rsa).split("-----END")[0] as string;
    const truncated = await failure(`note\n${cut}`);
    expect([truncated.code, truncated.message]).toEqual(["TRUNCATED", 'PEM block "CERTIFICATE" at line 2 has no matching "-----END CERTIFICATE-----" line']);
  });

  it("hands the first object on alone, then the rest in order, before returning them all (onItems)", async () => {
    const names = [Fixture.rsa, Fixture.ecP256, Fixture.ecP384, Fixture.ed25519, Fixture.many, Fixture.v1, Fixture.ca];
    const calls: { subjects: string[]; total: number }[] = [];
    const { items } = await decode(names.map(text).join(""), { onItems: (batch, total) => calls.push({ subjects: batch.map((i) => (i as CertificateInfo).subject), total }) });
    expect(calls[0]?.subjects).toHaveLength(1);
    expect(calls.every((c) => c.total === names.length)).toBe(true);
    expect(calls.flatMap((c) => c.subjects)).toEqual(items.map((i) => (i as CertificateInfo).subject));
  });

  it("stops handing objects on at the first one that fails, and still throws its error", async () => {
    const good = text(Fixture.ca);
    const damaged = (await decodeCertificate(good)).der.slice(0, 200);
    const input = `${good}${good}-----BEGIN CERTIFICATE-----\n${toBase64(damaged)}\n-----END CERTIFICATE-----\n${good}`;
    const seen: number[] = [];
    const error = await decode(input, { onItems: (batch) => seen.push(batch.length) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(X509Error);
    expect(seen).toEqual([1, 1]);
  });

  it("names the damaged block of a bundle and the byte", async () => {
    const good = text(Fixture.ca);
    const cert = await decodeCertificate(good);
    const damaged = cert.der.slice(0, cert.der.length - 40);
    const bundle = `${good}junk\n-----BEGIN CERTIFICATE-----\n${toBase64(damaged)}\n-----END CERTIFICATE-----\n`;
    const error = await failure(bundle);
    expect(error.code).toBe("TRUNCATED");
    expect(error.message).toMatch(/^PEM block 2 \(CERTIFICATE\) at line \d+: .*byte \d+/);
    const bad = await failure(`${good}-----BEGIN CERTIFICATE-----\nMII%%%notbase64\n-----END CERTIFICATE-----\n`);
    expect(bad.message).toMatch(/PEM block "CERTIFICATE" at line \d+: the body is not valid base64/);
    const der = await failure(cert.der.slice(0, 100));
    expect(der.message).toMatch(/^DER object 1: /);
  });

  it("rejects a DER object of an unknown shape", async () => {
    const error = await failure(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]));
    expect(error.message).toContain("not a certificate, CSR, CRL, PKCS#7, PKCS#12, private key or public key");
  });
});

/** Depth-first list of [offset, depth, header length, length, constructed] without encapsulated children. */
function flatten(node: Asn1Node, depth = 0, out: [number, number, number, number, boolean][] = []) {
  out.push([node.offset, depth, node.headerLength, node.length, node.constructed]);
  if (node.constructed) for (const child of node.children ?? []) flatten(child, depth + 1, out);
  return out;
}

describe("ASN.1 view", () => {
  it("matches openssl asn1parse element by element: offset, depth, header length, length, constructed", async () => {
    for (const file of [Fixture.many, Fixture.v1, Fixture.crl]) {
      const der = (await decode(text(file))).items[0]?.der as Uint8Array;
      const printed = await openssl(dir.path, file === Fixture.crl ? "crl" : "x509", "-in", file, "-outform", "DER", "-out", `${file}.asn1`);
      expect(printed).toBe("");
      const parsed = await openssl(dir.path, "asn1parse", "-inform", "DER", "-in", `${file}.asn1`);
      const theirs = parsed
        .trim()
        .split("\n")
        .map((line) => {
          const m = /^\s*(\d+):d=(\d+)\s+hl=(\d+) l=\s*(\d+) (cons|prim)/.exec(line);
          return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), m[5] === "cons"] : line;
        });
      expect(flatten(parseAsn1(der)), file).toEqual(theirs);
    }
  });

  it("decodes values and opens DER inside OCTET STRINGs, as lapo's viewer does", async () => {
    const cert = await decodeCertificate(text(Fixture.many));
    const root = parseAsn1(cert.der);
    const tbs = root.children?.[0];
    expect(root.offset + root.headerLength + root.length).toBe(cert.der.length);
    expect(tbs?.children?.[0]).toMatchObject({ tag: "[0]", tagClass: "context", constructed: true });
    expect(tbs?.children?.[2]?.children?.[0]?.value).toBe("1.2.840.113549.1.1.11 (sha256WithRSAEncryption)");
    const json = JSON.stringify(root);
    expect(json).toContain('"value":"many.test"');
    // The SAN extension's OCTET STRING holds a SEQUENCE of GeneralNames, shown as its child.
    expect(json).toContain('"tag":"[2]"');
    expect(() => parseAsn1(cert.der.slice(0, 50))).toThrow(X509Error);
    expect(() => parseAsn1(new Uint8Array([...cert.der, 0]))).toThrow(/trailing/);
  });
});

describe("text and JSON for the CLI", () => {
  it("renders openssl-like text with the fields people compare", async () => {
    const cert = await decodeCertificate(text(Fixture.many));
    const out = renderText(cert);
    for (const line of [
      "Version: 3 (0x2)",
      "Signature Algorithm: sha256WithRSAEncryption",
      `Subject: ${cert.subject}`,
      "Public-Key: (2048 bit)",
      "subjectAltName (2.5.29.17):",
      "DNS:many.test, DNS:*.wild.test, IP Address:127.0.0.1",
      "keyUsage (2.5.29.15): critical",
      "serverAuth, clientAuth, 1.2.3.4.5",
      "CA:FALSE",
      "OCSP - URI:http://ocsp.lab.test/",
    ]) {
      expect(out).toContain(line);
    }
    const crl = renderText((await decode(text(Fixture.crl))).items[0]!);
    expect(crl).toContain("4096 (0x1000)");
    expect(crl).toContain("Reason: keyCompromise");
    const key = renderText((await decode(text(Fixture.rsaPkcs8))).items[0]!);
    expect(key).toContain("Private Key (pkcs8)");
    expect(key).not.toContain("BEGIN");
  });

  it("emits the documented JSON item shape, bytes left out, PKCS#12 contents listed", async () => {
    const json = JSON.parse(JSON.stringify(toJson(await decode(text(Fixture.many))))) as { items: Record<string, unknown>[] };
    const item = json.items[0] as Record<string, unknown>;
    expect(item).toMatchObject({
      kind: "certificate",
      version: 3,
      serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
      subject: "CN=many.test,O=Acme\\, Inc\\; Lab \\<test\\>,C=DE",
      notBefore: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      publicKey: { algorithm: "RSA", size: 2048 },
      signatureAlgorithm: "sha256WithRSAEncryption",
      keyUsage: ["digitalSignature", "keyEncipherment"],
      extendedKeyUsage: ["serverAuth", "clientAuth", "1.2.3.4.5"],
      basicConstraints: { ca: false },
      fingerprints: { sha1: expect.stringMatching(/^[0-9a-f]{40}$/), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      selfSigned: true,
    });
    expect(item.subjectAltNames).toContainEqual({ type: "uri", value: "spiffe://lab.test/ns/default/sa/client" });
    expect(item.extensions).toContainEqual(expect.objectContaining({ oid: "2.5.29.19", name: "basicConstraints", critical: true }));
    expect(item).not.toHaveProperty("der");
    const p12 = toJson(await decode(bytes(Fixture.p12), { password: Fixture.p12Password }));
    const inner = (p12.items[0] as unknown as Pkcs12Info).items as unknown as Record<string, unknown>[];
    expect(inner.map((i) => i.kind).sort()).toEqual(["certificate", "certificate", "privateKey"]);
    expect(JSON.stringify(p12)).not.toMatch(/PRIVATE KEY/);
  });
});
