/**
 * Differential test: every root of Debian's Mozilla bundle decoded by us and by OpenSSL (`openssl x509 -text`)
 * and node:crypto's X509Certificate, field by field.
 */
import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { type CertificateInfo, decode } from "../src/decode/index.js";
import { type OpensslView } from "./fixtures/decode/openssl-text.js";
import { compareWithReferences, opensslViews, splitPem } from "./fixtures/decode/reference.js";

const BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

describe.skipIf(!existsSync(BUNDLE))("decode: Mozilla root bundle against openssl and node:crypto", () => {
  const dir = tempDir("x509-decode-mozilla-");
  let pems: string[] = [];
  let ours: CertificateInfo[] = [];
  let views: OpensslView[] = [];

  beforeAll(async () => {
    const text = readFileSync(BUNDLE, "utf8");
    pems = splitPem(text);
    const result = await decode(text);
    ours = result.items.filter((i): i is CertificateInfo => i.kind === "certificate");
    views = await opensslViews(pems, dir.path);
  }, 120_000);
  afterAll(() => dir.cleanup());

  it("finds every certificate of the bundle, in order", () => {
    expect(pems.length).toBeGreaterThan(100);
    expect(ours.length).toBe(pems.length);
    expect(views.length).toBe(pems.length);
  });

  it("agrees on subject, issuer, serial, validity, key, signature algorithm, SAN, KU, EKU and fingerprints", () => {
    const mismatches: string[] = [];
    for (const [i, pem] of pems.entries()) {
      const mine = ours[i] as CertificateInfo;
      const problems = compareWithReferences(mine, views[i] as OpensslView, new X509Certificate(pem));
      for (const p of problems) mismatches.push(`#${i + 1} ${mine.subject}: ${p}`);
    }
    expect(mismatches).toEqual([]);
  });

  it("calls every root self-signed, v3 or v1 as openssl does, and RSA and EC keys both occur", () => {
    for (const [i, cert] of ours.entries()) {
      expect(cert.version, cert.subject).toBe((views[i] as OpensslView).version);
      if (cert.subject === cert.issuer) expect(cert.selfSigned, cert.subject).toBe(true);
    }
    const algorithms = new Set(ours.map((c) => c.publicKey.algorithm));
    expect(algorithms).toContain("RSA");
    expect(algorithms).toContain("EC");
  });
});
