/**
 * The model against real `openssl x509` (3.0) on certificates crafted field by field: every malformed extension
 * loads in OpenSSL and decodes here with a finding; what OpenSSL refuses is refused here with one line; names,
 * serials, versions and times read as OpenSSL reads them.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { X509Error, decode, parseCertificate, renderText, toJson, type CertificateInfo } from "../../src/index.js";
import * as c from "../fixtures/model/craft.mjs";

const dir = mkdtempSync(join(tmpdir(), "x509-model-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `openssl x509 -inform DER` on `der`: its stdout, or null when OpenSSL refuses to load it. */
function openssl(der: Uint8Array, ...args: string[]): string | null {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.der`);
  writeFileSync(file, der);
  try {
    return execFileSync("openssl", ["x509", "-inform", "DER", "-in", file, "-noout", ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
  } catch {
    return null;
  }
}

async function decodeOne(der: Uint8Array): Promise<CertificateInfo> {
  const { items } = await decode(der);
  expect(items).toHaveLength(1);
  return items[0] as CertificateInfo;
}

const raw = (...bytes: number[]) => Buffer.from(bytes);

/** Extension values OpenSSL loads but cannot decode (or decodes against DER): each must be shown with a finding. */
const malformed: Record<string, { ext: Buffer; oid: string; finding: RegExp }> = {
  "truncated INTEGER in inhibitAnyPolicy": { ext: c.ext("2.5.29.54", raw(0x02, 0x02, 0x01)), oid: "2.5.29.54", finding: /claims 2 bytes/ },
  "negative pathLenConstraint": { ext: c.ext("2.5.29.19", c.seq(c.bool(true), c.int(0xff)), true), oid: "2.5.29.19", finding: /negative pathLenConstraint -1/ },
  "oversized pathLenConstraint": { ext: c.ext("2.5.29.19", c.seq(c.bool(true), c.int(0x7f, 0, 0, 0, 0, 0, 0, 0, 0, 0)), true), oid: "2.5.29.19", finding: /out of range/ },
  "AKI that is not a SEQUENCE": { ext: c.ext("2.5.29.35", c.octets(raw(1, 2, 3))), oid: "2.5.29.35", finding: /authorityKeyIdentifier: expected tag 0x30, found 0x04/ },
  "SKI that is not an OCTET STRING": { ext: c.ext("2.5.29.14", c.seq(c.int(1))), oid: "2.5.29.14", finding: /subjectKeyIdentifier: expected tag 0x04, found 0x30/ },
  "trailing data after a SAN": { ext: c.ext("2.5.29.17", Buffer.concat([c.seq(c.tlv(0x82, Buffer.from("a.test"))), raw(0, 0)])), oid: "2.5.29.17", finding: /2 bytes after the value/ },
  "truncated AIA": { ext: c.ext("1.3.6.1.5.5.7.1.1", raw(0x30, 0x10, 0x30, 0x0e, 0x06, 0x08, 0x2b)), oid: "1.3.6.1.5.5.7.1.1", finding: /claims 16 bytes/ },
  "truncated CRL distribution point": { ext: c.ext("2.5.29.31", raw(0x30, 0x05, 0x30, 0x03, 0xa0)), oid: "2.5.29.31", finding: /claims 5 bytes/ },
  "empty keyUsage BIT STRING": { ext: c.ext("2.5.29.15", raw(0x03, 0x00)), oid: "2.5.29.15", finding: /unused-bits octet/ },
  "EKU holding an INTEGER": { ext: c.ext("2.5.29.37", c.seq(c.int(1))), oid: "2.5.29.37", finding: /extendedKeyUsage purpose: expected tag 0x06/ },
  "empty basicConstraints value": { ext: c.ext("2.5.29.19", raw()), oid: "2.5.29.19", finding: /empty value/ },
};

describe("malformed extension values: OpenSSL loads the certificate, the model shows a finding", () => {
  for (const [what, { ext, oid, finding }] of Object.entries(malformed)) {
    it(what, async () => {
      const der = c.craftCertificate({ extensions: [ext] });
      expect(openssl(der, "-subject")).not.toBeNull();
      const model = parseCertificate(der);
      const parsed = model.extensions.find((e) => e.oid === oid);
      expect(parsed?.malformed).toMatch(finding);
      const info = await decodeOne(der);
      const shown = info.extensions.find((e) => e.oid === oid);
      expect(shown?.malformed).toMatch(finding);
      expect(renderText(info)).toContain(`MALFORMED: ${shown?.malformed}`);
      expect(JSON.stringify(toJson({ items: [info] }))).toContain('"malformed"');
    });
  }

  it("a SAN with trailing data still yields its names (OpenSSL's d2i reads them); a negative pathLen is kept", () => {
    const san = parseCertificate(c.craftCertificate({ extensions: [malformed["trailing data after a SAN"]!.ext] }));
    expect(san.subjectAltNames.map((n) => n.value)).toEqual(["a.test"]);
    expect(openssl(san.der, "-ext", "subjectAltName")).toContain("DNS:a.test");
    const neg = parseCertificate(c.craftCertificate({ extensions: [malformed["negative pathLenConstraint"]!.ext] }));
    expect(neg.basicConstraints).toEqual({ ca: true, pathLength: -1 });
    expect(openssl(neg.der, "-ext", "basicConstraints")).toContain("pathlen:-1");
  });

  it("an unknown critical extension with an empty value decodes and is listed as unhandled", async () => {
    const der = c.craftCertificate({ extensions: [c.ext("1.2.3.4.5", raw(), true)] });
    expect(openssl(der, "-text")).toContain("1.2.3.4.5: critical");
    const model = parseCertificate(der);
    expect(model.unhandledCritical).toEqual(["1.2.3.4.5"]);
    expect(model.extensions[0]?.malformed).toBeUndefined();
    const info = await decodeOne(der);
    expect(info.extensions[0]).toMatchObject({ oid: "1.2.3.4.5", critical: true, value: "" });
  });

  it("two extensions with the same OID: both kept, the OID flagged", async () => {
    const bc = c.ext("2.5.29.19", c.seq(c.bool(true)));
    const der = c.craftCertificate({ extensions: [bc, bc] });
    expect(openssl(der, "-text")?.match(/Basic Constraints/g)).toHaveLength(2);
    expect(parseCertificate(der).duplicateExtensions).toEqual(["2.5.29.19"]);
    expect((await decodeOne(der)).duplicateExtensions).toEqual(["2.5.29.19"]);
  });
});

describe("what OpenSSL refuses is refused, with one line", () => {
  const N = (value: Buffer) => c.name([c.atv(c.CN, value)]);
  const refused: Record<string, Buffer> = {
    "a VisibleString name value": c.craftCertificate({ subject: N(c.str(0x1a, "vis")) }),
    "a GeneralString name value": c.craftCertificate({ subject: N(c.str(0x1b, "gen")) }),
    "an INTEGER name value": c.craftCertificate({ subject: N(c.int(5)) }),
    "a UTF8String that is not UTF-8": c.craftCertificate({ subject: N(c.str(0x0c, raw(0x41, 0xff))) }),
    "a BMPString of odd length": c.craftCertificate({ subject: N(c.str(0x1e, raw(0, 0x41, 0))) }),
    "a serial with a redundant leading zero": c.craftCertificate({ serial: [0x00, 0x01] }),
    "an empty serial": c.craftCertificate({ serial: [] }),
    "an extension value that is not an OCTET STRING": c.craftCertificate({ extensions: [c.seq(c.oid("2.5.29.19"), c.seq())] }),
    "a critical flag that is an INTEGER": c.craftCertificate({ extensions: [c.seq(c.oid("2.5.29.19"), c.int(1), c.octets(c.seq()))] }),
  };
  for (const [what, der] of Object.entries(refused)) {
    it(what, async () => {
      expect(openssl(der, "-subject")).toBeNull();
      expect(() => parseCertificate(der)).toThrow(X509Error);
      await expect(decode(der)).rejects.toThrow(/^DER object 1: .+ at byte \d+/);
    });
  }
});

describe("fields read as OpenSSL reads them", () => {
  it("negative serials print as OpenSSL and Node print them", async () => {
    for (const [bytes, expected] of [[[0x80, 0x01], "-7fff"], [[0xff], "-01"], [[0x00], "00"], [[0x00, 0x80], "80"]] as const) {
      const der = c.craftCertificate({ serial: [...bytes] });
      expect(openssl(der, "-serial")?.trim()).toBe(`serial=${expected.toUpperCase()}`);
      const info = await decodeOne(der);
      expect(info.serialNumber).toBe(expected);
    }
    const info = await decodeOne(c.craftCertificate({ serial: [0x80, 0x01] }));
    expect(renderText(info)).toContain("Serial Number: -7f:ff");
  });

  it("GeneralizedTime year 0050 is year 50, not 1950; a time OpenSSL cannot read is a finding", async () => {
    const der = c.craftCertificate({ notBefore: c.generalizedTime("00500101000000Z") });
    expect(openssl(der, "-startdate")?.trim()).toBe("notBefore=Jan  1 00:00:00 50 GMT");
    const model = parseCertificate(der);
    expect(model.notBefore.getUTCFullYear()).toBe(50);
    expect((await decodeOne(der)).notBefore).toBe("0050-01-01T00:00:00.000Z");
    const bad = c.craftCertificate({ notBefore: c.generalizedTime("20250230000000Z") });
    expect(openssl(bad, "-startdate")?.trim()).toBe("notBefore=Bad time value");
    const info = await decodeOne(bad);
    expect(Number.isNaN(parseCertificate(bad).notBefore.getTime())).toBe(true);
    expect(info.findings?.[0]).toMatch(/^notBefore: time out of range "20250230000000Z"/);
    const short = c.craftCertificate({ notBefore: c.generalizedTime("2050") });
    expect(openssl(short, "-startdate")?.trim()).toBe("notBefore=Bad time value");
    expect(Number.isNaN(parseCertificate(short).notBefore.getTime())).toBe(true);
  });

  it("a version 4 certificate loads, as in OpenSSL", async () => {
    const der = c.craftCertificate({ version: 3 });
    expect(openssl(der, "-text")).toContain("Version: Unknown (3)");
    const info = await decodeOne(der);
    expect(info.version).toBe(4);
    expect(renderText(info)).toContain("Version: Unknown (3)");
    expect(info.findings?.[0]).toMatch(/version field 3/);
  });

  it("explicit EC parameters and DSA keys are recognised", () => {
    const spki = c.seq(c.seq(c.oid("1.2.840.10045.2.1"), c.seq(c.int(1))), c.tlv(0x03, raw(0, 4, 1, 2)));
    const model = parseCertificate(c.craftCertificate({ spki }));
    expect(model.explicitEcParams).toBe(true);
    expect(model.curve).toBe("explicit");
    const dsa = c.seq(c.seq(c.oid("1.2.840.10040.4.1"), c.seq(c.int(0x7f, 0xff), c.int(1), c.int(2))), c.tlv(0x03, raw(0, 2, 1, 5)));
    const dsaModel = parseCertificate(c.craftCertificate({ spki: dsa }));
    expect(dsaModel.keyAlgorithm).toBe("DSA");
    expect(dsaModel.keyBits).toBe(15);
  });
});

describe("what the differential suite found (14b's notes)", () => {
  it("a DER certificate followed by a stray byte decodes, with a warning, as OpenSSL reads it", async () => {
    const der = Buffer.concat([c.craftCertificate({}), raw(0x00)]);
    expect(openssl(der, "-subject")).not.toBeNull();
    const result = await decode(der);
    expect(result.items).toHaveLength(1);
    expect(result.warnings).toEqual(["DER object 1: 1 bytes after the object ignored (not an ASN.1 element)"]);
  });

  it("an RSA key whose bits are no RSAPublicKey: the certificate loads, the key is a finding", async () => {
    const spki = c.seq(c.seq(c.oid("1.2.840.113549.1.1.1"), raw(0x05, 0x00)), c.tlv(0x03, raw(0, 0x30, 0x00)));
    const der = c.craftCertificate({ spki });
    expect(openssl(der, "-subject")).not.toBeNull();
    const model = parseCertificate(der);
    expect(model.publicKey.malformed).toBe("RSA key: data ends before an ASN.1 element at byte 2 of the key");
    expect(model.findings[0]).toMatch(/^subjectPublicKeyInfo: RSA key/);
  });

  it('"#" alone is not escaped (OpenSSL\'s last-character rule wins), " " alone is', () => {
    for (const [value, expected] of [["#", "CN=#"], [" ", "CN=\\ "], ["#a", "CN=\\#a"]] as const) {
      const der = c.craftCertificate({ subject: c.name([c.atv(c.CN, c.str(0x0c, value))]) });
      expect(openssl(der, "-subject", "-nameopt", "RFC2253")).toBe(`subject=${expected}\n`);
      expect(parseCertificate(der).subject).toBe(expected);
    }
  });

  it("the alternate sha1WithRSA OID is named as OpenSSL names it", () => {
    const der = c.craftCertificate({ algorithm: { oid: "1.3.14.3.2.29", hash: "sha256" } });
    expect(openssl(der, "-text")).toContain("Signature Algorithm: sha1WithRSA");
    expect(parseCertificate(der).signatureAlgorithm.name).toBe("sha1WithRSA");
  });

  it("name-constraint subtrees keep minimum and maximum", () => {
    const subtree = c.seq(c.tlv(0x82, Buffer.from("lab.test")), c.tlv(0x80, raw(1)), c.tlv(0x81, raw(5)));
    const der = c.craftCertificate({ extensions: [c.ext("2.5.29.30", c.seq(c.tlv(0xa0, subtree)), true)] });
    expect(openssl(der, "-subject")).not.toBeNull();
    expect(parseCertificate(der).nameConstraints?.permitted).toMatchObject([{ type: "dns", value: "lab.test", minimum: 1, maximum: 5 }]);
  });
});

describe("lint shows what decode found", () => {
  it("malformed and duplicate extensions are lint errors naming the extension and the reason", async () => {
    const { lint } = await import("../../src/index.js");
    const bc = c.ext("2.5.29.19", c.seq(c.bool(true)));
    const der = c.craftCertificate({ extensions: [malformed["truncated INTEGER in inhibitAnyPolicy"]!.ext, bc, bc] });
    const warnings = lint(c.pem(der), { at: new Date("2030-01-01T00:00:00Z") });
    const bad = warnings.find((w) => w.id === "malformed-extension");
    expect(bad?.severity).toBe("error");
    expect(bad?.message).toContain(`inhibitAnyPolicy: ${parseCertificate(der).extensions[0]?.malformed}`);
    expect(warnings.find((w) => w.id === "duplicate-extension")?.message).toMatch(/^Extension 2\.5\.29\.19 appears twice/);
  });
});
