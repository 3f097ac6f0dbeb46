import { X509Certificate, createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-kit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Manifest {
  version: number;
  keyType: string;
  files: { name: string; role: string; sha256?: string; client?: string }[];
}

/** SHA-256 of the first certificate in a PEM file, as node:crypto (OpenSSL) computes it. */
async function firstCertSha256(path: string): Promise<string> {
  const pem = await readFile(path, "utf8");
  const der = new X509Certificate(pem).raw;
  return createHash("sha256").update(der).digest("hex");
}

async function opensslVerify(ca: string, purpose: string, leaf: string, untrusted?: string) {
  const args = ["verify", "-CAfile", ca, ...(untrusted ? ["-untrusted", untrusted] : []), "-purpose", purpose, leaf];
  return run("openssl", args, { timeoutMs: 30_000 });
}

describe("mtls-lab kit", () => {
  it("writes every file with its mode, a kit.json whose fingerprints match, and openssl verify passes", async () => {
    const out = join(dir, "default");
    const result = await runInProcess(["kit", "--out", out], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("openssl verify");

    const manifest = JSON.parse(await readFile(join(out, "kit.json"), "utf8")) as Manifest;
    expect(manifest.keyType).toBe("ec-p256");
    const names = (await readdir(out)).sort();
    expect(names).toEqual([...manifest.files.map((file) => file.name), "kit.json"].sort());
    for (const expected of ["server-ca.crt", "server-ca.key", "client-ca.crt", "client-ca.key", "server.crt", "server.key",
      "server-chain.crt", "client.crt", "client.key", "client-chain.crt", "client.p12"]) {
      expect(names).toContain(expected);
    }
    for (const file of manifest.files) {
      const mode = (await stat(join(out, file.name))).mode & 0o777;
      const secret = file.name.endsWith(".key") || file.name.endsWith(".p12");
      expect(mode, file.name).toBe(secret ? 0o600 : 0o644);
      if (file.name.endsWith(".crt")) {
        expect(file.sha256, file.name).toBe(await firstCertSha256(join(out, file.name)));
      }
    }
    expect((await stat(join(out, "kit.json"))).mode & 0o777).toBe(0o644);

    const server = await opensslVerify(join(out, "server-ca.crt"), "sslserver", join(out, "server.crt"));
    expect(server.stdout + server.stderr).toContain("server.crt: OK");
    const client = await opensslVerify(join(out, "client-ca.crt"), "sslclient", join(out, "client.crt"));
    expect(client.stdout + client.stderr).toContain("client.crt: OK");
    // Separate CAs: the client certificate must not verify against the server CA.
    const crossed = await opensslVerify(join(out, "server-ca.crt"), "sslclient", join(out, "client.crt"));
    expect(crossed.code).not.toBe(0);
  });

  it("honours --key, --host, --ip, --client, --intermediate and --days", async () => {
    const out = join(dir, "custom");
    const result = await runInProcess(
      ["kit", "--out", out, "--key", "rsa-2048", "--host", "api.test", "--ip", "::1", "--client", "alice", "--client", "bob",
        "--intermediate", "--days", "30", "--p12-password", "s3cret"],
      dir,
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, "kit.json"), "utf8")) as Manifest;
    expect(manifest.keyType).toBe("rsa-2048");
    const roles = manifest.files.map((file) => file.role);
    expect(roles).toContain("serverIntermediate");
    expect(roles).toContain("clientIntermediate");
    expect(manifest.files.filter((file) => file.role === "clientP12").map((file) => file.client).sort()).toEqual(["alice", "bob"]);

    const leaf = new X509Certificate(await readFile(join(out, "server.crt")));
    expect(leaf.subjectAltName).toContain("DNS:api.test");
    expect(leaf.subjectAltName).toContain("IP Address:0:0:0:0:0:0:0:1");
    expect(leaf.publicKey.asymmetricKeyType).toBe("rsa");
    const days = (Date.parse(leaf.validTo) - Date.parse(leaf.validFrom)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const server = await opensslVerify(join(out, "server-ca.crt"), "sslserver", join(out, "server.crt"), join(out, "server-intermediate.crt"));
    expect(server.code, server.stderr).toBe(0);
    for (const name of ["alice", "bob"]) {
      const client = await opensslVerify(join(out, "client-ca.crt"), "sslclient", join(out, `${name}.crt`), join(out, "client-intermediate.crt"));
      expect(client.code, client.stderr).toBe(0);
      const p12 = await run("openssl", ["pkcs12", "-in", join(out, `${name}.p12`), "-passin", "pass:s3cret", "-nokeys"], { timeoutMs: 30_000 });
      expect(p12.code, p12.stderr).toBe(0);
      expect(p12.stdout).toContain(`CN = ${name}`);
    }
  });

  it.each(["ec-p384", "ed25519"])("--key %s makes a kit openssl verifies, with that key type", async (keyType) => {
    const out = join(dir, keyType);
    const result = await runInProcess(["kit", "--out", out, "--key", keyType], dir);
    expect(result.code, result.stderr).toBe(0);
    const leaf = new X509Certificate(await readFile(join(out, "client.crt")));
    expect(leaf.publicKey.asymmetricKeyType).toBe(keyType === "ed25519" ? "ed25519" : "ec");
    const server = await opensslVerify(join(out, "server-ca.crt"), "sslserver", join(out, "server.crt"));
    expect(server.code, server.stderr).toBe(0);
    const client = await opensslVerify(join(out, "client-ca.crt"), "sslclient", join(out, "client.crt"));
    expect(client.code, client.stderr).toBe(0);
  });

  it("refuses a non-empty directory without --force, and overwrites with it", async () => {
    const out = join(dir, "busy");
    await runInProcess(["kit", "--out", out], dir);
    const before = await readFile(join(out, "server.crt"), "utf8");
    const refused = await runInProcess(["kit", "--out", out], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^mtls-lab: .*busy: is not empty .*--force to overwrite\n$/);
    expect(await readFile(join(out, "server.crt"), "utf8")).toBe(before);
    await writeFile(join(out, "notes.txt"), "mine");
    const forced = await runInProcess(["kit", "--out", out, "--force", "--client", "alice"], dir);
    expect(forced.code).toBe(0);
    expect(await readFile(join(out, "server.crt"), "utf8")).not.toBe(before);
    // Only the files this kit writes are replaced: the old client's files and a file the kit never wrote stay.
    const names = await readdir(out);
    expect(names).toContain("alice.key");
    expect(names).toContain("client.key");
    expect(names).toContain("notes.txt");
    expect((await readdir(out)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("bad flags are one-line usage errors (exit 2) and nothing is written", async () => {
    for (const [argv, text] of [
      [["kit"], "missing --out"],
      [["kit", "--out", "k1", "--key", "dsa"], "--key must be one of"],
      [["kit", "--out", "k2", "--ip", "300.1.1.1"], "not an IPv4 or IPv6 address"],
      [["kit", "--out", "k3", "--host", "bad host"], "is not a DNS name"],
      [["kit", "--out", "k4", "--client", "../x"], "--client"],
      [["kit", "--out", "k5", "--client", "server"], "clash"],
      [["kit", "--out", "k6", "--days", "0"], "--days must be a whole number"],
      [["kit", "--out", "k7", "--colour"], "unknown flag --colour"],
      [["kit", "--out", "k8", "extra"], "unexpected argument"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
    }
    const left = await readdir(dir);
    expect(left.filter((name) => /^k\d$/.test(name))).toEqual([]);
  });

  it("an output path that is a file is a one-line error (exit 1)", async () => {
    await writeFile(join(dir, "a-file"), "x");
    const result = await runInProcess(["kit", "--out", "a-file"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("mtls-lab: a-file: exists and is not a directory\n");
  });
});
