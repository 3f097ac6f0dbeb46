/**
 * `mtls-lab kit --p12-profile` and `mtls-lab p12`: the protection openssl reports, and a re-export that the
 * tools needing the compat profile (Go's x/crypto/pkcs12 here) then open.
 */
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./cli-helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-p12-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const info = async (file: string) => {
  const result = await run("openssl", ["pkcs12", "-in", file, "-passin", "pass:changeit", "-info", "-noout"], { timeoutMs: 30_000 });
  return result.stdout + result.stderr;
};

describe("PKCS#12 profiles in the CLI", () => {
  it("kit --p12-profile compat writes 3DES key bags with a SHA-1 MAC and an 8-byte salt", async () => {
    const out = join(dir, "compat");
    const made = await runInProcess(["kit", "--out", out, "--p12-profile", "compat"], dir);
    expect(made.code).toBe(0);
    const text = await info(join(out, "client.p12"));
    expect(text).toMatch(/MAC: sha1, Iteration 2048/);
    expect(text).toMatch(/salt length: 8/);
    expect(text).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    const inspected = await runInProcess(["inspect", join(out, "client.p12"), "--password", "changeit"], dir);
    expect(inspected.stdout).toMatch(/key: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 2048/);
    expect(inspected.stdout).not.toMatch(/Not into/);
  });

  it("p12 re-exports a modern file as compat (0600), keeping the key, the leaf and the password", async () => {
    const out = join(dir, "modern");
    expect((await runInProcess(["kit", "--out", out, "--intermediate"], dir)).code).toBe(0);
    expect(await info(join(out, "client.p12"))).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    const inspected = await runInProcess(["inspect", join(out, "client.p12"), "--password", "changeit"], dir);
    expect(inspected.stdout).toMatch(/Not into macOS Keychain/);
    const target = join(dir, "client-compat.p12");
    const result = await runInProcess(["p12", "--in", join(out, "client.p12"), "--password", "changeit", "--profile", "compat", "--out", target], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    const text = await info(target);
    expect(text).toMatch(/Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC/);
    const certs = await run("openssl", ["pkcs12", "-in", target, "-passin", "pass:changeit", "-nokeys"], { timeoutMs: 30_000 });
    expect(certs.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(certs.stdout).toMatch(/subject=O = mTLS Lab, CN = client/);
  });

  it("an openssl -legacy file (RC2-40 certificates) is inspected and re-exported as modern, which OpenSSL 3 opens without -legacy", async () => {
    const out = join(dir, "modern");
    const pem = join(dir, "legacy.pem");
    const legacy = join(dir, "legacy.p12");
    expect((await run("openssl", ["pkcs12", "-in", join(out, "client.p12"), "-passin", "pass:changeit", "-nodes", "-out", pem])).code).toBe(0);
    expect((await run("openssl", ["pkcs12", "-export", "-legacy", "-in", pem, "-passout", "pass:changeit", "-out", legacy])).code).toBe(0);
    expect((await run("openssl", ["pkcs12", "-in", legacy, "-passin", "pass:changeit", "-nodes", "-out", "/dev/null"])).code).not.toBe(0);
    const inspected = await runInProcess(["inspect", legacy, "--password", "changeit"], dir);
    expect(inspected.stdout).toMatch(/certificates: pbeWithSHA1And40BitRC2-CBC, Iteration 2048/);
    expect(inspected.stdout).toMatch(/Not into OpenSSL 3 \(openssl pkcs12, curl, nginx, Node\): needs -legacy/);
    const target = join(dir, "from-legacy.p12");
    const result = await runInProcess(["p12", "--in", legacy, "--password", "changeit", "--profile", "modern", "--out", target], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const certs = await run("openssl", ["pkcs12", "-in", target, "-passin", "pass:changeit", "-nokeys"], { timeoutMs: 30_000 });
    expect(certs.code).toBe(0);
    expect(certs.stdout.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(certs.stdout).toMatch(/subject=O = mTLS Lab, CN = client/);
  });

  it("a wrong password is one line naming the file, exit 1", async () => {
    const out = join(dir, "modern");
    const result = await runInProcess(["p12", "--in", join(out, "client.p12"), "--password", "nope", "--profile", "compat", "--out", join(dir, "x.p12")], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/client\.p12.*wrong password/);
  });
});
