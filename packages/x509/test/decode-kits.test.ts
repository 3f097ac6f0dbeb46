/**
 * Differential test on generated kits: every certificate of a kit of each key type, decoded by us, equals what
 * `openssl x509 -text` and node:crypto's X509Certificate report (issue 2: "for kits generated with every key type").
 * Each kit's private keys are matched to their certificates through the SPKI digest, against openssl's.
 */
import { X509Certificate, createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import { type CertificateInfo, type PrivateKeyInfo, decode, decodeCertificate } from "../src/decode/index.js";
import { generateKit } from "../src/index.js";
import type { KeyType } from "../src/types.js";
import { openssl } from "./fixtures/decode/make-fixtures.js";
import { compareWithReferences, opensslViews } from "./fixtures/decode/reference.js";

const dir = tempDir("x509-decode-kits-");
afterAll(() => dir.cleanup());

const CASES: { keyType: KeyType; intermediate: boolean }[] = [
  { keyType: "ec-p256", intermediate: true },
  { keyType: "ec-p384", intermediate: false },
  { keyType: "ed25519", intermediate: true },
  { keyType: "rsa-2048", intermediate: true },
  { keyType: "rsa-3072", intermediate: false },
  { keyType: "rsa-4096", intermediate: false },
];

describe.each(CASES)("a $keyType kit (intermediate: $intermediate) decoded against openssl and node:crypto", ({ keyType, intermediate }) => {
  it("agrees on every certificate's fields, and each key matches its certificate", async () => {
    const kit = await generateKit({ keyType, intermediate, clients: ["alice"], hosts: ["localhost", "lab.test"], ips: ["127.0.0.1", "::1"] });
    const certs = kit.files.filter((f) => f.name.endsWith(".crt") && !f.name.endsWith("-chain.crt"));
    expect(certs.length).toBe(intermediate ? 6 : 4);
    const pems = certs.map((f) => f.contents as string);
    const sub = join(dir.path, `${keyType}-${intermediate}`);
    mkdirSync(sub);
    const views = await opensslViews(pems, sub);
    const problems: string[] = [];
    for (const [i, pem] of pems.entries()) {
      const cert = await decodeCertificate(pem);
      problems.push(...compareWithReferences(cert, views[i]!, new X509Certificate(pem)).map((p) => `${certs[i]!.name}: ${p}`));
      expect(cert.version).toBe(3);
    }
    expect(problems).toEqual([]);

    // Keys: described by their public half, which is openssl's SPKI of the same key file and the certificate's.
    for (const file of kit.files.filter((f) => f.name.endsWith(".key"))) {
      const key = (await decode(file.contents as string)).items[0] as PrivateKeyInfo;
      const path = join(sub, file.name);
      writeFileSync(path, file.contents);
      await openssl(sub, "pkey", "-in", path, "-pubout", "-outform", "DER", "-out", `${path}.spki`);
      expect(key.publicKey?.spkiSha256, file.name).toBe(createHash("sha256").update(readFileSync(`${path}.spki`)).digest("hex"));
      const cert = (await decode(kit.files.find((f) => f.name === file.name.replace(/\.key$/, ".crt"))!.contents as string)).items[0] as CertificateInfo;
      expect(cert.publicKey.spkiSha256, file.name).toBe(key.publicKey?.spkiSha256);
    }
  }, 300_000);
});
