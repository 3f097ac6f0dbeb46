/**
 * `mtls-lab diagnose` leads with the user's mistake in their own terms: the files as they named them,
 * what each holds, and the kit's file that holds the right certificate.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./cli-helpers.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-leading-"));
  for (const out of [".lab", "other"]) {
    const made = await runInProcess(["kit", "--out", out], dir);
    expect(made.code, made.stderr).toBe(0);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mtls-lab diagnose: the leading cause", () => {
  it("the server CA file given as the client CA file: names both files and the fix line", async () => {
    const result = await runInProcess(["diagnose", "--kit", ".lab", "--client-ca", ".lab/server-ca.crt"], dir);
    expect(result.code).toBe(1);
    const lines = result.stdout.split("\n");
    expect(lines[2]).toBe(
      "cause [server-ca-as-client-ca]: The client CA file `.lab/server-ca.crt` holds CN=mTLS Lab Server CA, the CA of the server's own certificate; the client certificate `.lab/client-chain.crt` (CN=client) was issued by CN=mTLS Lab Client CA, which is in `.lab/client-ca.crt`.",
    );
    expect(lines[3]).toBe("fix: nginx: ssl_client_certificate .lab/client-ca.crt;");
    // The per-side explanation says the same, not the generic "leaf without its intermediate".
    expect(result.stdout).not.toMatch(/without the intermediate/);
  });

  it("names the kit's file even without --kit, for a Node server", async () => {
    const result = await runInProcess(["diagnose", "--server-chain", ".lab/server-chain.crt", "--client-ca", ".lab/server-ca.crt", "--client-chain", ".lab/client-chain.crt", "--server", "node", "--json"], dir);
    const diagnosis = JSON.parse(result.stdout) as { leading: { kind: string; fix: string; files: string[] } };
    expect(diagnosis.leading.kind).toBe("server-ca-as-client-ca");
    expect(diagnosis.leading.fix).toBe('Node server: ca: readFileSync(".lab/client-ca.crt")');
    expect(diagnosis.leading.files).toEqual([".lab/server-ca.crt", ".lab/client-chain.crt", ".lab/client-ca.crt"]);
  });

  it("another kit's client: same CA name, another key", async () => {
    const result = await runInProcess(["diagnose", "--kit", ".lab", "--client-chain", "other/client-chain.crt", "--client-key", "other/client.key", "--json"], dir);
    const diagnosis = JSON.parse(result.stdout) as { leading: { kind: string; cause: string }; secondary: { id: string }[] };
    expect(diagnosis.leading.kind).toBe("client-from-another-ca");
    expect(diagnosis.leading.cause).toContain("same name, another key");
    expect(diagnosis.leading.cause).toContain("`other/client-chain.crt`");
    expect(diagnosis.secondary.map((f) => f.id)).not.toContain("client-ca-mismatch");
  });

  it("a key that is not the certificate's: says whose it is and that the peers stop before the handshake", async () => {
    const result = await runInProcess(["diagnose", "--kit", ".lab", "--client-key", ".lab/server.key"], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("cause [client-key-mismatch]: The client key `.lab/server.key` is not the key of `.lab/client-chain.crt` (CN=client): it belongs to `.lab/server.crt` (CN=localhost).");
    expect(result.stdout).toContain("fix: curl --cert .lab/client-chain.crt --key .lab/client.key;");
    expect(result.stdout).toContain("before any handshake: curl exits 58, a Node client throws ERR_OSSL_X509_KEY_VALUES_MISMATCH;");
  });

  it("a working kit has no leading cause", async () => {
    const result = await runInProcess(["diagnose", "--kit", ".lab", "--json"], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { leading: unknown }).leading).toBeNull();
  });
});
