import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;

interface Warning {
  id: string;
  severity: "error" | "warning" | "info";
  file?: string;
  subject: string;
  message: string;
  fix: string;
}

async function lintJson(...args: string[]): Promise<{ code: number; warnings: Warning[] }> {
  const result = await runInProcess(["lint", "--json", ...args], dir);
  expect(result.stderr).toBe("");
  return { code: result.code, warnings: (JSON.parse(result.stdout) as { warnings: Warning[] }).warnings };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-lint-"));
  const made = await runInProcess(["kit", "--out", "kit"], dir);
  expect(made.code, made.stderr).toBe(0);
  // The classic tutorial certificate: openssl req -x509 for 9999 days, CA:TRUE, no SAN, no EKU.
  const seed = await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "seed.key"), "-out", join(dir, "seed.crt"),
    "-days", "9999", "-subj", "/O=Acme/CN=localhost"], { timeoutMs: 60_000 });
  expect(seed.code, seed.stderr).toBe(0);
  // The classic hand-made set-up: server and client both `openssl req -x509`, the same DN, no CN, two keys.
  for (const name of ["same-server", "same-client"]) {
    const made = await run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, `${name}.key`), "-out", join(dir, `${name}.crt`),
      "-days", "9999", "-subj", "/C=US/O=Acme"], { timeoutMs: 60_000 });
    expect(made.code, made.stderr).toBe(0);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("mtls-lab lint", () => {
  it("a fresh kit has no warnings: exit 0", async () => {
    const result = await runInProcess(["lint", "--kit", "kit"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("no warnings\n");
  });

  it("the tutorial-style certificate gets its warnings with fixes; the exit code follows the severities", async () => {
    const { code, warnings } = await lintJson("seed.crt");
    const ids = warnings.map((warning) => warning.id);
    expect(ids).toContain("no-san");
    expect(ids).toContain("validity-over-398-days");
    for (const warning of warnings) {
      expect(warning.file).toBe("seed.crt");
      expect(warning.fix.length).toBeGreaterThan(10);
    }
    expect(code).toBe(warnings.some((warning) => warning.severity === "error") ? 1 : 0);
    const strict = await runInProcess(["lint", "seed.crt", "--strict"], dir);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("fix:");
  });

  it("lints the files given as one set: two certificates with one DN and two keys are found, each by its file", async () => {
    const { code, warnings } = await lintJson("same-server.crt", "same-client.crt");
    const twins = warnings.filter((warning) => warning.id === "same-dn-different-key");
    expect(twins.map((warning) => warning.file).sort()).toEqual(["same-client.crt", "same-server.crt"]);
    expect(code).toBe(1);
    // Alone, each file is a plausible self-signed root: nothing to compare it with.
    expect((await lintJson("same-client.crt")).warnings.filter((warning) => warning.id === "same-dn-different-key")).toEqual([]);
  });

  it("--at and --expiring-days move the expiry checks", async () => {
    const later = await lintJson("--kit", "kit", "--at", "2100-01-01T00:00:00Z");
    expect(later.warnings.map((warning) => warning.id)).toContain("expired");
    expect(later.warnings.every((warning) => warning.file?.startsWith("kit/"))).toBe(true);
    expect(later.code).toBe(later.warnings.some((warning) => warning.severity === "error") ? 1 : 0);
    const soon = await lintJson("kit/server.crt", "--expiring-days", "1000");
    expect(soon.warnings.map((warning) => warning.id)).toEqual(["expiring-soon"]);
  });

  it("bad input: one line naming the file (exit 1); usage errors (exit 2)", async () => {
    for (const [argv, code, text] of [
      [["lint", "kit/server.key"], 1, "kit/server.key: holds a private key, not a certificate"],
      [["lint", "--kit", "nokit"], 1, "nokit/kit.json: no such file or directory"],
      [["lint"], 2, "give certificate files or --kit DIR"],
      [["lint", "--kit", "kit", "kit/server.crt"], 2, "not both"],
      [["lint", "kit/server.crt", "--role", "root"], 2, "--role must be one of leaf, ca"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
    }
  });
});
