/**
 * The CLI as a user runs it: the built bin (`node apps/demo/bin/mtls-lab.js`) and `pnpm -s mtls-lab`
 * from the repository root, checking exit codes and that stderr never carries a stack trace.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, stackLine } from "./cli-helpers.js";

const root = join(import.meta.dirname, "..", "..", "..");
let dir: string;

/** True when the built CLI is missing or older than a source file of the app. */
async function needsBuild(): Promise<boolean> {
  const built = await stat(join(root, "apps", "demo", "dist", "main.js")).catch(() => null);
  if (!built) return true;
  const sources = await readdir(join(root, "apps", "demo", "src"), { recursive: true, withFileTypes: true });
  for (const entry of sources) {
    if (entry.isFile() && (await stat(join(entry.parentPath, entry.name))).mtimeMs > built.mtimeMs) return true;
  }
  return false;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-e2e-"));
  // `npm test` builds everything before the tests; building again here would rewrite dist/ files that
  // other suites running in parallel are importing. Build only when run alone on a stale tree.
  if (!(await needsBuild())) return;
  const build = spawnSync("pnpm", ["-s", "turbo", "run", "build", "--filter", "mtls-lab..."], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    timeout: 110_000,
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the mtls-lab bin", () => {
  it("--help lists the commands and exits 0; no command exits 2", async () => {
    const help = await runBin(["--help"], dir);
    expect(help.code).toBe(0);
    for (const name of ["inspect", "kit", "verify", "config", "explain"]) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\s`, "m"));
    const none = await runBin([], dir);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe("");
  });

  it("usage errors exit 2 with one line on stderr and no stack trace", async () => {
    for (const argv of [["frobnicate"], ["kit", "--out", "x", "--colour"], ["verify"], ["inspect"]]) {
      const result = await runBin(argv, dir);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/^mtls-lab: [^\n]+\n$/);
      expect(result.stderr).not.toMatch(stackLine);
      expect(result.stdout).toBe("");
    }
  });

  it("kit writes a kit that openssl verifies, keys 0600", async () => {
    const result = await runBin(["kit", "--out", "kit", "--intermediate"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect((await stat(join(dir, "kit", "server.key"))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, "kit", "server.crt"))).mode & 0o777).toBe(0o644);
    const verify = await run("openssl", ["verify", "-CAfile", "kit/client-ca.crt", "-untrusted", "kit/client-intermediate.crt",
      "-purpose", "sslclient", "kit/client.crt"], { cwd: dir, timeoutMs: 30_000 });
    expect(verify.code, verify.stderr).toBe(0);
    const again = await runBin(["kit", "--out", "kit"], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^mtls-lab: kit: is not empty .*\n$/);
  });

  it("inspect - reads standard input", async () => {
    const pem = await readFile(join(dir, "kit", "server.crt"), "utf8");
    const result = await runBin(["inspect", "-", "--json"], dir, { input: `pasted:\n${pem}` });
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { items: { subject: string }[] }).items[0]?.subject).toBe("CN=localhost,O=mTLS Lab");
    const empty = await runBin(["inspect", "-"], dir, { input: "" });
    expect(empty).toMatchObject({ code: 1, stderr: "mtls-lab: -: standard input is empty\n" });
  });

  it("a missing file or a directory is one line naming it, exit 1", async () => {
    await writeFile(join(dir, "empty.pem"), "");
    for (const [argv, text] of [
      [["inspect", "nothere.pem"], "nothere.pem: no such file or directory"],
      [["inspect", "empty.pem"], "empty.pem: is empty"],
      [["inspect", "."], ".: is a directory"],
    ] as const) {
      const result = await runBin([...argv], dir);
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stderr).toContain(text);
      expect(result.stderr).not.toMatch(stackLine);
    }
  });

  it("`pnpm -s mtls-lab` from the repository root prints only the command's own output", async () => {
    const result = await run("pnpm", ["-s", "mtls-lab", "kit", "--out", join(dir, "via-pnpm")], { cwd: root, timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^wrote an mTLS kit to /);
    expect(result.stdout).not.toMatch(/^\$ |ELIFECYCLE/m);
    expect(result.stderr).toBe("");
    expect(JSON.parse(await readFile(join(dir, "via-pnpm", "kit.json"), "utf8"))).toHaveProperty("files");
  });
});
