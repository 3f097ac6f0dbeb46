/**
 * The PKCS#12 profiles against the tools that read them: OpenSSL 3 with and without -legacy, Java 17's keytool,
 * python3's cryptography and Go's x/crypto/pkcs12. For each, Inspect's prediction must equal what the tool did.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, tempDir } from "@mtls-lab/peers";
import { createPkcs12, decode, generateKeyPair, issueCertificate, type KeyType, type Pkcs12Info } from "../src/index.js";

const dir = tempDir("mtls-lab-p12-profiles-");
afterAll(() => dir.cleanup());
const password = "changeit";

const GO_CHECK = `package main

import (
	"fmt"
	"os"

	"golang.org/x/crypto/pkcs12"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	if _, _, err := pkcs12.Decode(data, os.Args[2]); err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
}
`;
const PY_CHECK = "import sys\nfrom cryptography.hazmat.primitives.serialization import pkcs12\npkcs12.load_key_and_certificates(open(sys.argv[1],'rb').read(), sys.argv[2].encode())\n";

/** What each measured system does with a file: true when it opens it with the password. */
type Reader = (file: string) => Promise<boolean>;
const ok = async (command: string, args: string[], env?: NodeJS.ProcessEnv) => (await run(command, args, { timeoutMs: 60_000, ...(env ? { env: { ...process.env, ...env } } : {}) })).code === 0;

let goBinary = "";
const readers: Record<string, Reader> = {
  "OpenSSL 3 (openssl pkcs12, curl, nginx, Node)": (f) => ok("openssl", ["pkcs12", "-in", f, "-passin", `pass:${password}`, "-nodes", "-out", "/dev/null"]),
  "OpenSSL 3 with -legacy": (f) => ok("openssl", ["pkcs12", "-legacy", "-in", f, "-passin", `pass:${password}`, "-nodes", "-out", "/dev/null"]),
  "Java 17 (keytool, KeyStore PKCS12)": (f) => ok("keytool", ["-list", "-keystore", f, "-storetype", "PKCS12", "-storepass", password]),
  "Python cryptography (pkcs12.load_key_and_certificates)": (f) => ok("/usr/bin/python3", [join(dir.path, "check.py"), f, password]),
  "Go golang.org/x/crypto/pkcs12": (f) => ok(goBinary, [f, password]),
};

beforeAll(async () => {
  writeFileSync(join(dir.path, "check.go"), GO_CHECK);
  writeFileSync(join(dir.path, "check.py"), PY_CHECK);
  goBinary = join(dir.path, "p12check");
  // Debian's golang-golang-x-crypto-dev installs the package under /usr/share/gocode (GOPATH mode, no network).
  const env = { GO111MODULE: "off", GOPATH: "/usr/share/gocode", GOCACHE: join(dir.path, "gocache"), GOFLAGS: "" };
  const built = await run("go", ["build", "-o", goBinary, join(dir.path, "check.go")], { timeoutMs: 120_000, env: { ...process.env, ...env } });
  if (built.code !== 0) throw new Error(`go build: ${built.stderr}`);
}, 150_000);

async function make(keyType: KeyType, profile: "modern" | "compat"): Promise<{ file: string; info: Pkcs12Info }> {
  const keys = await generateKeyPair(keyType);
  const leaf = await issueCertificate({ profile: "root", subject: `CN=p12 ${keyType} ${profile}`, publicKey: keys.publicKey, signingKey: keys.privateKey });
  const der = await createPkcs12({ key: keys.privateKey, certificate: leaf.der, password, profile, friendlyName: "alice" });
  const file = join(dir.path, `${keyType}-${profile}.p12`);
  writeFileSync(file, der);
  const decoded = await decode(der, { password });
  const info = decoded.items[0] as Pkcs12Info;
  return { file, info };
}

describe("PKCS#12 profiles", () => {
  for (const keyType of ["ec-p256", "rsa-2048"] as const) {
    for (const profile of ["modern", "compat"] as const) {
      it(`${profile} ${keyType}: every measured tool does what Inspect predicts`, async () => {
        const { file, info } = await make(keyType, profile);
        expect(info.protection?.macAlgorithm).toBe(profile === "compat" ? "sha1" : "sha256");
        expect(info.protection?.macSaltLength).toBe(8);
        const key = info.protection?.parts.find((p) => p.contents === "key");
        expect(key?.encryption).toBe(profile === "compat" ? "pbeWithSHA1And3-KeyTripleDES-CBC" : "PBES2, PBKDF2, AES-256-CBC, PRF hmacWithSHA256");
        expect(key?.friendlyName).toBe("alice");
        const measured = (info.importers ?? []).filter((i) => i.evidence === "measured");
        expect(measured.map((m) => m.system).sort()).toEqual(Object.keys(readers).sort());
        for (const prediction of measured) {
          const actual = await readers[prediction.system]!(file);
          expect({ system: prediction.system, opens: actual }).toEqual({ system: prediction.system, opens: prediction.imports });
        }
        // The key decrypts in our own decoder too (3DES included), and a wrong password is one clear error.
        expect(info.items.some((i) => i.kind === "privateKey")).toBe(true);
        await expect(decode(await import("node:fs").then((fs) => fs.readFileSync(file)), { password: "wrong" })).rejects.toThrow(/wrong password/);
      }, 60_000);
    }
  }

  it("compat is the profile older systems import; modern is refused by them, as documented", async () => {
    const modern = (await make("ec-p256", "modern")).info.importers ?? [];
    const compat = (await make("ec-p256", "compat")).info.importers ?? [];
    for (const system of ["macOS Keychain (SecPKCS12Import)", "Windows 7 / 8 / Server 2012 (certutil, MMC)", "Java 8 before 8u301"]) {
      expect(compat.find((i) => i.system === system)?.imports).toBe(true);
      expect(modern.find((i) => i.system === system)?.imports).toBe(false);
    }
  });

  // What `openssl pkcs12 -export -legacy` writes (RC2-40 certificates, 3DES key), and the other legacy PBE schemes
  // OpenSSL can write: each decodes here with its protection named, and every measured tool does what Inspect says.
  const legacyExports = [
    { name: "legacy", args: [], certificates: "pbeWithSHA1And40BitRC2-CBC", key: "pbeWithSHA1And3-KeyTripleDES-CBC" },
    { name: "rc2-128", args: ["-certpbe", "PBE-SHA1-RC2-128"], certificates: "pbeWithSHA1And128BitRC2-CBC", key: "pbeWithSHA1And3-KeyTripleDES-CBC" },
    { name: "rc2-key", args: ["-certpbe", "PBE-SHA1-3DES", "-keypbe", "PBE-SHA1-RC2-40"], certificates: "pbeWithSHA1And3-KeyTripleDES-CBC", key: "pbeWithSHA1And40BitRC2-CBC" },
    { name: "2des", args: ["-certpbe", "PBE-SHA1-2DES", "-keypbe", "PBE-SHA1-2DES"], certificates: "pbeWithSHA1And2-KeyTripleDES-CBC", key: "pbeWithSHA1And2-KeyTripleDES-CBC" },
  ] as const;
  for (const variant of legacyExports) {
    it(`openssl pkcs12 -export -legacy ${variant.args.join(" ")}: decoded (${variant.certificates} certificates), predictions hold`, async () => {
      const { file } = await make("ec-p256", "modern");
      const pem = join(dir.path, `${variant.name}.pem`);
      const legacy = join(dir.path, `${variant.name}.p12`);
      expect(await ok("openssl", ["pkcs12", "-in", file, "-passin", `pass:${password}`, "-nodes", "-out", pem])).toBe(true);
      expect(await ok("openssl", ["pkcs12", "-export", "-legacy", ...variant.args, "-in", pem, "-name", "alice", "-passout", `pass:${password}`, "-out", legacy])).toBe(true);
      const der = new Uint8Array(readFileSync(legacy));
      const info = (await decode(der, { password })).items[0] as Pkcs12Info;
      expect(info.protection?.macAlgorithm).toBe("sha1");
      const certificates = info.protection?.parts.find((p) => p.contents === "certificates");
      expect(certificates).toMatchObject({ encryption: variant.certificates, iterations: 2048, friendlyName: "alice" });
      expect(info.protection?.parts.find((p) => p.contents === "key")).toMatchObject({ encryption: variant.key, iterations: 2048, friendlyName: "alice" });
      // The certificate decrypted from the RC2 (or 3DES) safe is the one OpenSSL put in, byte for byte.
      const original = (await run("openssl", ["x509", "-in", pem, "-noout", "-fingerprint", "-sha256"])).stdout.split("=")[1]!.trim().replace(/:/g, "").toLowerCase();
      const certificate = info.items.find((i) => i.kind === "certificate");
      expect(certificate?.kind === "certificate" ? certificate.fingerprints.sha256 : undefined).toBe(original);
      expect(info.items.some((i) => i.kind === "privateKey")).toBe(true);
      for (const prediction of (info.importers ?? []).filter((i) => i.evidence === "measured")) {
        expect({ system: prediction.system, opens: await readers[prediction.system]!(legacy) }).toEqual({ system: prediction.system, opens: prediction.imports });
      }
      await expect(decode(der, { password: "wrong" })).rejects.toThrow(/wrong password/);
    }, 60_000);
  }

  it("an OpenSSL 3 default export (certificates encrypted too) decodes with both parts' protection, and the measured predictions hold", async () => {
    const { file } = await make("ec-p256", "modern");
    const pem = join(dir.path, "openssl.pem");
    const exported = join(dir.path, "openssl-default.p12");
    expect(await ok("openssl", ["pkcs12", "-in", file, "-passin", `pass:${password}`, "-nodes", "-out", pem])).toBe(true);
    expect(await ok("openssl", ["pkcs12", "-export", "-in", pem, "-passout", `pass:${password}`, "-out", exported])).toBe(true);
    const info = (await decode(new Uint8Array(readFileSync(exported)), { password })).items[0] as Pkcs12Info;
    expect(info.items.map((i) => i.kind).sort()).toEqual(["certificate", "privateKey"]);
    const certificates = info.protection?.parts.find((p) => p.contents === "certificates");
    expect(certificates?.encryption).toBe("PBES2, PBKDF2, AES-256-CBC, PRF hmacWithSHA256");
    for (const prediction of (info.importers ?? []).filter((i) => i.evidence === "measured")) {
      expect({ system: prediction.system, opens: await readers[prediction.system]!(exported) }).toEqual({ system: prediction.system, opens: prediction.imports });
    }
  }, 60_000);

  it("names a bad profile", async () => {
    const keys = await generateKeyPair("ec-p256");
    const leaf = await issueCertificate({ profile: "root", subject: "CN=x", publicKey: keys.publicKey, signingKey: keys.privateKey });
    await expect(createPkcs12({ key: keys.privateKey, certificate: leaf.der, password, profile: "pbmac1" as never })).rejects.toThrow(/Bad profile "pbmac1"/);
  });
});
