import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-config-"));
  const made = await runInProcess(["kit", "--out", "kit", "--client", "alice", "--client", "bob"], dir);
  expect(made.code, made.stderr).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file under `root`, relative, sorted. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1)).sort();
}

describe("mtls-lab config", () => {
  it("writes one target's files naming the kit's files by absolute path", async () => {
    const result = await runInProcess(["config", "--kit", "kit", "--target", "nginx-reverse", "--out", "conf", "--server-name", "api.test", "--listen", "9443"], dir);
    expect(result.code, result.stderr).toBe(0);
    const files = await listFiles(join(dir, "conf"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(result.stdout).toContain(file);
    const text = (await Promise.all(files.map((file) => readFile(join(dir, "conf", file), "utf8")))).join("\n");
    expect(text).toContain(join(dir, "kit", "server-chain.crt"));
    expect(text).toContain(join(dir, "kit", "client-ca.crt"));
    expect(text).toContain("9443");
    expect(text).toContain("api.test");
  });

  it("--target all writes every target, --client picks the client, and a skipped target is a warning", async () => {
    const result = await runInProcess(["config", "--kit", "kit", "--target", "all", "--out", "all", "--client", "bob"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("warning: nginx-forward");
    const files = await listFiles(join(dir, "all"));
    const text = (await Promise.all(files.map((file) => readFile(join(dir, "all", file), "utf8")))).join("\n");
    expect(text).toContain(join(dir, "kit", "bob.key"));
    expect(text).not.toContain(join(dir, "kit", "alice.key"));
    for (const file of files) {
      const mode = (await stat(join(dir, "all", file))).mode & 0o777;
      expect([0o644, 0o755], file).toContain(mode);
    }
  });

  it("kit --config writes the configurations into DIR/config", async () => {
    const result = await runInProcess(["kit", "--out", "withconf", "--config"], dir);
    expect(result.code, result.stderr).toBe(0);
    const files = await listFiles(join(dir, "withconf", "config"));
    expect(files.length).toBeGreaterThan(3);
    expect(result.stdout).toContain(`${files.length} files`);
  });

  it("bad input: usage errors exit 2, a missing or broken kit exits 1, one line each", async () => {
    for (const [argv, code, text] of [
      [["config", "--kit", "kit", "--out", "x"], 2, "missing --target"],
      [["config", "--kit", "kit", "--target", "apache", "--out", "x"], 2, "--target must be one of"],
      [["config", "--kit", "kit", "--target", "curl", "--out", "x", "--verify", "maybe"], 2, "--verify must be one of"],
      [["config", "--kit", "kit", "--target", "curl", "--out", "x", "--listen", "70000"], 2, "--listen must be a whole number"],
      [["config", "--kit", "nokit", "--target", "curl", "--out", "x"], 1, "nokit/kit.json: no such file"],
      [["config", "--kit", "kit/server.crt", "--target", "curl", "--out", "x"], 1, "kit.json"],
      [["config", "--kit", "kit", "--target", "curl", "--out", "x", "--client", "carol"], 1, "carol"],
    ] as const) {
      const result = await runInProcess([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(code);
      expect(result.stderr).toContain(text);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(stackLine);
    }
  });
});
