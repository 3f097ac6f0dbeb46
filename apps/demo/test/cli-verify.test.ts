import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-verify-"));
  for (const [out, extra] of [["kit", []], ["ikit", ["--intermediate"]]] as const) {
    const made = await runInProcess(["kit", "--out", out, ...extra], dir);
    expect(made.code, made.stderr).toBe(0);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface VerifyJson {
  valid: boolean;
  firstError: string | null;
  lastError: string | null;
  errors: { code: string; depth: number; message: string }[];
  path: string[];
}

async function verifyJson(...args: string[]): Promise<{ code: number; result: VerifyJson }> {
  const out = await runInProcess(["verify", "--json", ...args], dir);
  expect(out.stderr).toBe("");
  return { code: out.code, result: JSON.parse(out.stdout) as VerifyJson };
}

/** `openssl verify`'s exit code for the same question, as the reference. */
async function opensslAgrees(ca: string, purpose: string, leaf: string, untrusted?: string): Promise<number | null> {
  const args = ["verify", "-CAfile", ca, ...(untrusted ? ["-untrusted", untrusted] : []), "-purpose", purpose, leaf];
  return (await run("openssl", args, { cwd: dir, timeoutMs: 30_000 })).code;
}

describe("mtls-lab verify", () => {
  it("a valid server chain exits 0 and prints the path", async () => {
    const result = await runInProcess(["verify", "kit/server-chain.crt", "--trust", "kit/server-ca.crt", "--purpose", "server", "--host", "localhost"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^kit\/server-chain\.crt: OK/);
    expect(result.stdout).toContain("CN=mTLS Lab Server CA");
    expect(await opensslAgrees("kit/server-ca.crt", "sslserver", "kit/server.crt")).toBe(0);
  });

  it("a client certificate against the server CA exits 1 with Node's code, as openssl also fails", async () => {
    const { code, result } = await verifyJson("kit/client.crt", "--trust", "kit/server-ca.crt", "--purpose", "client");
    expect(code).toBe(1);
    expect(result.valid).toBe(false);
    expect(result.firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(await opensslAgrees("kit/server-ca.crt", "sslclient", "kit/client.crt")).not.toBe(0);
    const text = await runInProcess(["verify", "kit/client.crt", "--trust", "kit/server-ca.crt"], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("FAILED");
    expect(text.stdout).toContain("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(text.stdout).toContain("fix:");
  });

  it("a leaf without its intermediate fails; with --chain or a chain file it verifies", async () => {
    const missing = await verifyJson("ikit/client.crt", "--trust", "ikit/client-ca.crt", "--purpose", "client");
    expect(missing.code).toBe(1);
    // openssl verify reports the first error, Node and nginx the last.
    expect(missing.result.firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(missing.result.lastError).toBe("UNABLE_TO_VERIFY_LEAF_SIGNATURE");
    const text = await runInProcess(["verify", "ikit/client.crt", "--trust", "ikit/client-ca.crt"], dir);
    expect(text.stdout).toContain("Node and nginx report UNABLE_TO_VERIFY_LEAF_SIGNATURE; openssl verify and curl report UNABLE_TO_GET_ISSUER_CERT_LOCALLY");

    const withChain = await verifyJson("ikit/client.crt", "--chain", "ikit/client-intermediate.crt", "--trust", "ikit/client-ca.crt", "--purpose", "client");
    expect(withChain.code).toBe(0);
    expect(withChain.result.path).toHaveLength(3);
    const chainFile = await verifyJson("ikit/client-chain.crt", "--trust", "ikit/client-ca.crt", "--purpose", "client");
    expect(chainFile.code).toBe(0);
    expect(await opensslAgrees("ikit/client-ca.crt", "sslclient", "ikit/client.crt", "ikit/client-intermediate.crt")).toBe(0);
  });

  it("wrong purpose, wrong host and a time after expiry each fail with their code", async () => {
    const purpose = await verifyJson("kit/server.crt", "--trust", "kit/server-ca.crt", "--purpose", "client");
    expect(purpose.code).toBe(1);
    expect(purpose.result.errors.map((error) => error.code)).toContain("INVALID_PURPOSE");
    expect(await opensslAgrees("kit/server-ca.crt", "sslclient", "kit/server.crt")).not.toBe(0);

    const host = await verifyJson("kit/server.crt", "--trust", "kit/server-ca.crt", "--host", "evil.test");
    expect(host.code).toBe(1);
    expect(host.result.errors.map((error) => error.code)).toContain("ERR_TLS_CERT_ALTNAME_INVALID");

    const later = await verifyJson("kit/server.crt", "--trust", "kit/server-ca.crt", "--purpose", "server", "--at", "2100-01-01T00:00:00Z");
    expect(later.code).toBe(1);
    expect(later.result.errors.map((error) => error.code)).toContain("CERT_HAS_EXPIRED");
  });

  it("a key where a certificate belongs, garbage and a missing file: one line naming the file, exit 1", async () => {
    await writeFile(join(dir, "garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
    for (const [argv, text] of [
      [["verify", "kit/server.crt", "--trust", "kit/server-ca.key"], "kit/server-ca.key: holds a private key, not a certificate"],
      [["verify", "kit/server.key", "--trust", "kit/server-ca.crt"], "kit/server.key: holds a private key, not a certificate"],
      [["verify", "garbage.pem", "--trust", "kit/server-ca.crt"], "garbage.pem: "],
      [["verify", "kit/server.crt", "--trust", "nothere.crt"], "nothere.crt: no such file or directory"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
      expect(result.stdout).toBe("");
    }
  });

  it("usage errors exit 2", async () => {
    for (const [argv, text] of [
      [["verify", "kit/server.crt"], "missing --trust"],
      [["verify", "--trust", "kit/server-ca.crt"], "missing <leaf>"],
      [["verify", "kit/server.crt", "--trust", "kit/server-ca.crt", "--purpose", "both"], "--purpose must be one of server, client"],
      [["verify", "kit/server.crt", "--trust", "kit/server-ca.crt", "--at", "tomorrow"], "--at must be an ISO 8601 time"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toContain(text);
    }
  });
});
