import { X509Certificate } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
const at = (name: string) => join(dir, name);

interface CertItem {
  kind: string;
  version: number;
  serialNumber: string;
  subject: string;
  issuer: string;
  notAfter: string;
  publicKey: { algorithm: string; size: number; curve?: string; spkiSha256: string };
  subjectAltNames: { type: string; value: string }[];
  extendedKeyUsage: string[];
  fingerprints: { sha1: string; sha256: string };
  selfSigned: boolean;
  items?: CertItem[];
}

async function inspectJson(...args: string[]): Promise<CertItem[]> {
  const result = await runInProcess(["inspect", "--json", ...args], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { items: CertItem[] }).items;
}

/** What OpenSSL (node:crypto) says about a PEM certificate, in the CLI's spelling. */
function reference(pem: string) {
  const certificate = new X509Certificate(pem);
  return {
    // Compare whole octets: "06" keeps its zero nibble, only a leading 00 octet (sign padding) goes.
    serialNumber: certificate.serialNumber.toLowerCase().replace(/^(00)+(?=..)/, ""),
    sha256: certificate.fingerprint256.replace(/:/g, "").toLowerCase(),
    sha1: certificate.fingerprint.replace(/:/g, "").toLowerCase(),
    notAfter: new Date(certificate.validTo).toISOString(),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-inspect-"));
  const made = await runInProcess(["kit", "--out", "kit", "--intermediate", "--p12-password", "pw-123"], dir);
  expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mtls-lab inspect", () => {
  it("PEM with junk around several blocks: every certificate, fields equal node:crypto's", async () => {
    const server = await readFile(at("kit/server.crt"), "utf8");
    const intermediate = await readFile(at("kit/server-intermediate.crt"), "utf8");
    await writeFile(at("pasted.txt"), `Hi, here are the certs you asked for:\n\n${server}\n-- \nand the CA\n> ${"\n"}${intermediate}\nRegards\n`);
    const items = await inspectJson("pasted.txt");
    expect(items.map((item) => item.kind)).toEqual(["certificate", "certificate"]);
    const [leaf, ca] = items as [CertItem, CertItem];
    const expected = reference(server);
    expect(leaf.serialNumber).toBe(expected.serialNumber);
    expect(leaf.fingerprints).toEqual({ sha1: expected.sha1, sha256: expected.sha256 });
    expect(leaf.notAfter).toBe(expected.notAfter);
    expect(leaf.version).toBe(3);
    expect(leaf.subject).toBe("CN=localhost,O=mTLS Lab");
    expect(leaf.publicKey).toMatchObject({ algorithm: "EC", size: 256, curve: "P-256" });
    expect(leaf.subjectAltNames).toEqual([{ type: "dns", value: "localhost" }, { type: "ip", value: "127.0.0.1" }]);
    expect(leaf.extendedKeyUsage).toEqual(["serverAuth"]);
    expect(leaf.selfSigned).toBe(false);
    expect(ca.fingerprints.sha256).toBe(reference(intermediate).sha256);
    expect(leaf.issuer).toBe(ca.subject);
  });

  it("DER input gives the same certificate", async () => {
    const pem = await readFile(at("kit/client.crt"), "utf8");
    await writeFile(at("client.der"), new X509Certificate(pem).raw);
    const [item] = await inspectJson("client.der");
    expect(item?.fingerprints.sha256).toBe(reference(pem).sha256);
    expect(item?.extendedKeyUsage).toEqual(["clientAuth"]);
  });

  it("a .p7b bundle lists the certificates inside", async () => {
    const made = await run("openssl", ["crl2pkcs7", "-nocrl", "-certfile", at("kit/server-chain.crt"), "-outform", "DER", "-out", at("chain.p7b")], { timeoutMs: 30_000 });
    expect(made.code, made.stderr).toBe(0);
    const [bundle] = await inspectJson("chain.p7b");
    expect(bundle?.kind).toBe("pkcs7");
    const inside = (bundle?.items ?? []).map((item) => item.fingerprints.sha256);
    expect(inside).toContain(reference(await readFile(at("kit/server.crt"), "utf8")).sha256);
    expect(inside).toContain(reference(await readFile(at("kit/server-intermediate.crt"), "utf8")).sha256);
  });

  it("a .p12 opens with its password; a wrong or missing password is one line, exit 1", async () => {
    const [p12] = await inspectJson("kit/client.p12", "--password", "pw-123");
    expect(p12?.kind).toBe("pkcs12");
    const kinds = (p12?.items ?? []).map((item) => item.kind);
    expect(kinds).toContain("certificate");
    expect(kinds).toContain("privateKey");
    const clientSha = reference(await readFile(at("kit/client.crt"), "utf8")).sha256;
    expect((p12?.items ?? []).some((item) => item.fingerprints?.sha256 === clientSha)).toBe(true);

    for (const args of [["--password", "wrong"], []]) {
      const result = await runInProcess(["inspect", "kit/client.p12", ...args], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^mtls-lab: kit\/client\.p12: [^\n]*password[^\n]*\n$/i);
      expect(result.stdout).toBe("");
    }
  });

  it("a private key is described, matched to its certificate, never printed back unless --reveal-keys", async () => {
    const keyPem = await readFile(at("kit/client.key"), "utf8");
    const body = keyPem.split("\n").filter((line) => line && !line.startsWith("-----"));
    const text = await runInProcess(["inspect", "kit/client.key"], dir);
    const json = await runInProcess(["inspect", "kit/client.key", "--json"], dir);
    for (const result of [text, json]) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).not.toContain("PRIVATE KEY-----");
      for (const line of body) expect(result.stdout).not.toContain(line);
    }
    const revealed = await runInProcess(["inspect", "kit/client.key", "--reveal-keys"], dir);
    expect(revealed.code, revealed.stderr).toBe(0);
    for (const line of body) expect(revealed.stdout).toContain(line);
    const [key] = JSON.parse(json.stdout).items as { kind: string; publicKey: { spkiSha256: string } }[];
    const [cert] = await inspectJson("kit/client.crt");
    expect(key?.kind).toBe("privateKey");
    expect(key?.publicKey.spkiSha256).toBe(cert?.publicKey.spkiSha256);
  });

  it("a CSR, bare base64 and an encrypted PKCS#8 key are recognised", async () => {
    const csr = await run("openssl", ["req", "-new", "-key", at("kit/client.key"), "-subj", "/O=Acme/CN=csr-client", "-out", at("req.csr")], { timeoutMs: 30_000 });
    expect(csr.code, csr.stderr).toBe(0);
    const [request] = (await inspectJson("req.csr")) as unknown as { kind: string; subject: string }[];
    expect(request).toMatchObject({ kind: "csr", subject: "CN=csr-client,O=Acme" });

    const pem = await readFile(at("kit/server.crt"), "utf8");
    await writeFile(at("bare.b64"), pem.split("\n").filter((line) => line && !line.startsWith("-----")).join("\n"));
    const [bare] = await inspectJson("bare.b64");
    expect(bare?.fingerprints.sha256).toBe(reference(pem).sha256);

    const encrypted = await run("openssl", ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", at("kit/client.key"), "-passout", "pass:secret", "-out", at("enc.key")], { timeoutMs: 30_000 });
    expect(encrypted.code, encrypted.stderr).toBe(0);
    const [key] = (await inspectJson("enc.key")) as unknown as { kind: string; encrypted: boolean }[];
    expect(key).toMatchObject({ kind: "privateKey", encrypted: true });
  });

  it("text output reads like openssl x509 -text", async () => {
    const result = await runInProcess(["inspect", "kit/server.crt"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Certificate:");
    expect(result.stdout).toContain("CN=localhost");
    expect(result.stdout).toMatch(/DNS:localhost/);
  });

  it("--at judges expiry at another time", async () => {
    const [now] = await inspectJson("kit/server.crt");
    const [later] = await inspectJson("kit/server.crt", "--at", "2100-01-01T00:00:00Z");
    expect((now as unknown as { expired: boolean }).expired).toBe(false);
    expect((later as unknown as { expired: boolean }).expired).toBe(true);
    const bad = await runInProcess(["inspect", "kit/server.crt", "--at", "someday"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--at must be an ISO 8601 time");
  });

  it("garbage and a missing file are one line each naming the file, exit 1; good files still print", async () => {
    await writeFile(at("garbage.bin"), Uint8Array.from({ length: 300 }, (_, index) => (index * 37 + 11) % 256));
    await writeFile(at("truncated.pem"), (await readFile(at("kit/server.crt"), "utf8")).slice(0, 200));
    const result = await runInProcess(["inspect", "garbage.bin", "missing.pem", "truncated.pem", "kit/server.crt"], dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^mtls-lab: garbage\.bin: .+/);
    expect(lines[1]).toBe("mtls-lab: missing.pem: no such file or directory");
    expect(lines[2]).toMatch(/^mtls-lab: truncated\.pem: .+/);
    expect(result.stderr).not.toMatch(stackLine);
    expect(result.stdout).toContain("==> kit/server.crt <==");
  });
});
