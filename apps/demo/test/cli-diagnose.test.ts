import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-diagnose-"));
  for (const out of ["kit", "other"]) {
    const made = await runInProcess(["kit", "--out", out], dir);
    expect(made.code, made.stderr).toBe(0);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mtls-lab diagnose", () => {
  it("a consistent kit works: exit 0", async () => {
    const result = await runInProcess(["diagnose", "--kit", "kit"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^the mTLS handshake works/);
  });

  it("a client of another kit is rejected, with what nginx and Node say: exit 1", async () => {
    const nginx = await runInProcess(["diagnose", "--kit", "kit", "--client-chain", "other/client-chain.crt", "--client-key", "other/client.key"], dir);
    expect(nginx.code).toBe(1);
    expect(nginx.stdout).toContain("client certificate, as the server checks it: REJECTED");
    expect(nginx.stdout).toContain("nginx: 400");
    // Both kits name their client CA alike: the cause is another CA of that name, not a missing intermediate.
    expect(nginx.stdout).toContain("same name, another key");
    expect(nginx.stdout).not.toContain("without the intermediate");
    const node = await runInProcess(["diagnose", "--kit", "kit", "--client-chain", "other/client-chain.crt", "--client-key", "other/client.key", "--server", "node", "--json"], dir);
    expect(node.code).toBe(1);
    const diagnosis = JSON.parse(node.stdout) as { ok: boolean; client: { verdict: string; node: { code: string | null } } };
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.client.verdict).toBe("rejected");
    expect(diagnosis.client.node.code).toMatch(/^UNABLE_TO_/);
  });

  it("a key that does not match, no client certificate, and a later time are each found", async () => {
    const mismatch = await runInProcess(["diagnose", "--kit", "kit", "--server-key", "other/server.key", "--json"], dir);
    expect(mismatch.code).toBe(1);
    expect((JSON.parse(mismatch.stdout) as { findings: { id: string }[] }).findings.map((f) => f.id)).toContain("key-mismatch");

    const none = await runInProcess(["diagnose", "--kit", "kit", "--no-client-cert"], dir);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("no certificate sent");

    const later = await runInProcess(["diagnose", "--kit", "kit", "--at", "2100-01-01T00:00:00Z", "--json"], dir);
    expect(later.code).toBe(1);
    expect(later.stdout).toContain("CERT_HAS_EXPIRED");
  });

  it("takes issue 3's spelling: separate files and --nginx MODE, the same as --server nginx --verify-client MODE", async () => {
    const files = ["--server-chain", "kit/server-chain.crt", "--client-chain", "other/client-chain.crt", "--client-ca", "kit/client-ca.crt", "--server-ca", "kit/server-ca.crt"];
    for (const mode of ["on", "optional", "optional_no_ca"]) {
      const short = await runInProcess(["diagnose", ...files, "--nginx", mode, "--tls", "1.2", "--json"], dir);
      const long = await runInProcess(["diagnose", ...files, "--server", "nginx", "--verify-client", mode, "--tls", "1.2", "--json"], dir);
      expect(short.stderr).toBe("");
      expect(short.code).toBe(long.code);
      expect(short.stdout).toBe(long.stdout);
    }
    const both = await runInProcess(["diagnose", ...files, "--nginx", "on", "--verify-client", "optional"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--nginx MODE already names the server");
    const bad = await runInProcess(["diagnose", ...files, "--nginx", "maybe"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--nginx must be one of on, optional, optional_no_ca");
  });

  it("--kit reads the kit's own kit.json: named clients, and --client to pick one", async () => {
    const made = await runInProcess(["kit", "--out", "named", "--client", "alice", "--client", "bob"], dir);
    expect(made.code, made.stderr).toBe(0);
    const first = await runInProcess(["diagnose", "--kit", "named", "--json"], dir);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const bob = await runInProcess(["diagnose", "--kit", "named", "--client", "bob", "--json"], dir);
    expect(bob.code).toBe(0);
    expect(bob.stdout).toContain("CN=bob");
    const nobody = await runInProcess(["diagnose", "--kit", "named", "--client", "carol"], dir);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("named/kit.json");
    expect(nobody.stderr).toContain("carol");
    expect(nobody.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("bad input: one line naming the file (exit 1); usage errors (exit 2)", async () => {
    for (const [argv, code, text] of [
      [["diagnose", "--kit", "kit", "--server-chain", "kit/server.key"], 1, "kit/server.key: holds a private key, not a certificate"],
      [["diagnose", "--kit", "kit", "--client-key", "kit/client.crt"], 1, "kit/client.crt: holds a certificate, not a private key"],
      [["diagnose", "--kit", "nokit"], 1, "nokit/server-chain.crt: no such file or directory"],
      [["diagnose"], 2, "missing --server-chain"],
      [["diagnose", "--kit", "kit", "--server", "lighttpd"], 2, "--server must be one of nginx, node, haproxy, caddy, apache"],
      [["diagnose", "--kit", "kit", "--tls", "1.1"], 2, "--tls must be one of 1.2, 1.3"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
    }
  });
});

describe("mtls-lab diagnose --server haproxy|caddy|apache", () => {
  it("another kit's client: the alert each server sends, and exit 1", async () => {
    const expected = { haproxy: "alert 48 unknown_ca", caddy: "alert 42 bad_certificate", apache: "alert 48 unknown_ca" } as const;
    for (const server of ["haproxy", "caddy", "apache"] as const) {
      const result = await runInProcess(["diagnose", "--kit", "kit", "--client-chain", "other/client-chain.crt", "--client-key", "other/client.key", "--server", server], dir);
      expect(result.code, server).toBe(1);
      expect(result.stdout).toContain(`the handshake fails, ${expected[server]}`);
      expect(result.stdout).not.toContain("nginx: 400");
    }
  });

  it("a valid client works (exit 0); with --json the proxy outcome is in the output", async () => {
    const result = await runInProcess(["diagnose", "--kit", "kit", "--server", "apache", "--json"], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).proxy).toMatchObject({ server: "apache", handshake: true, status: 200, identityForwarded: true });
  });

  it("optional without a certificate: 403 on the protected path; optional_no_ca is optional for HAProxy", async () => {
    const none = await runInProcess(["diagnose", "--kit", "kit", "--no-client-cert", "--server", "haproxy", "--verify-client", "optional_no_ca"], dir);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("HAProxy (optional): 403 on the protected path");
  });

  it("an unknown server is a usage error naming the choices", async () => {
    const result = await runInProcess(["diagnose", "--kit", "kit", "--server", "lighttpd"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("haproxy");
  });
});
