import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { matchKey } from "../src/index.js";
import { parseCertificate } from "../src/model/certificate.js";
import { parsePem } from "../src/encoding.js";

/** Keys in every format openssl writes, matched against a certificate made from the first of them. */
describe("matchKey", () => {
  for (const [name, genArgs, legacy] of [
    ["EC P-256", (out: string) => ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", out], "EC PRIVATE KEY"],
    ["RSA 2048", (out: string) => ["genrsa", "-traditional", "-out", out, "2048"], "RSA PRIVATE KEY"],
    ["Ed25519", (out: string) => ["genpkey", "-algorithm", "ed25519", "-out", out], null],
  ] as const) {
    it(`${name}: PKCS#8, legacy PEM and DER match their certificate; another key does not`, async () => {
      const dir = tempDir("mtls-lab-keys-");
      try {
        const key = join(dir.path, "key.pem");
        const other = join(dir.path, "other.pem");
        for (const file of [key, other]) expect((await run("openssl", genArgs(file))).code).toBe(0);
        await run("openssl", ["req", "-x509", "-key", key, "-out", join(dir.path, "cert.pem"), "-days", "1", "-subj", "/CN=k"]);
        const cert = parseCertificate(parsePem(readFileSync(join(dir.path, "cert.pem"), "utf8"))[0]!.der);
        const original = readFileSync(key, "utf8");
        if (legacy) expect(original).toContain(`BEGIN ${legacy}`);
        expect(await matchKey(original, cert), "as written").toEqual({ status: "match" });
        await run("openssl", ["pkey", "-in", key, "-out", join(dir.path, "pkcs8.pem")]);
        expect(await matchKey(readFileSync(join(dir.path, "pkcs8.pem"), "utf8"), cert), "PKCS#8 PEM").toEqual({ status: "match" });
        await run("openssl", ["pkey", "-in", key, "-outform", "DER", "-out", join(dir.path, "key.der")]);
        expect(await matchKey(new Uint8Array(readFileSync(join(dir.path, "key.der"))), cert), "PKCS#8 DER").toEqual({ status: "match" });
        expect(await matchKey(readFileSync(other, "utf8"), cert)).toEqual({ status: "mismatch" });
      } finally {
        dir.cleanup();
      }
    });
  }

  it("says why it cannot compare an encrypted key", async () => {
    const dir = tempDir("mtls-lab-keys-");
    try {
      const key = join(dir.path, "key.pem");
      await run("openssl", ["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", key]);
      await run("openssl", ["req", "-x509", "-key", key, "-passin", "pass:secret", "-out", join(dir.path, "cert.pem"), "-days", "1", "-subj", "/CN=k"]);
      const cert = parseCertificate(parsePem(readFileSync(join(dir.path, "cert.pem"), "utf8"))[0]!.der);
      expect(await matchKey(readFileSync(key, "utf8"), cert)).toMatchObject({ status: "unreadable", reason: expect.stringMatching(/encrypted/) });
    } finally {
      dir.cleanup();
    }
  });
});
