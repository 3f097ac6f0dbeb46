/**
 * `mtls-lab up --dir DIR` on a folder that already holds a kit the lab did not make (clients not named
 * "client", or a lab kit missing a file) refuses it in one line and writes nothing; --force replaces it.
 * It used to generate a new kit over it: new CAs and keys in place of the user's.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "@mtls-lab/peers";
import type { CommandIo } from "../src/cli/command.js";
import { runCli } from "../src/cli/run-cli.js";
import { ensureLabKit, hasLabKit } from "../src/lab/kit.js";
import { runInProcess, stackLine } from "./cli-helpers.js";

const cwd = tempDir("mtls-lab-kit-dir-");
afterAll(() => cwd.cleanup());

/** Every file of `dir` with its bytes, to show nothing was written. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), "base64")]));
}

/** Runs `mtls-lab up ...`; if it ever comes up (the bug), it is stopped at once instead of serving on. */
async function up(argv: string[]) {
  const controller = new AbortController();
  let stdout = "";
  let stderr = "";
  const io: CommandIo = {
    stdout: { write: (text: string) => ((stdout += text), text.includes("Ctrl-C") && controller.abort()) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: cwd.path,
    signal: controller.signal,
  };
  const code = await runCli(["up", "--port", "0", ...argv], io);
  return { code, stdout, stderr };
}

describe("the lab kit folder", () => {
  it("up --dir on a kit with other clients refuses in one line and leaves every file as it was", async () => {
    const made = await runInProcess(["kit", "--out", "team", "--client", "alice", "--client", "bob"], cwd.path);
    expect(made.code, made.stderr).toBe(0);
    const dir = join(cwd.path, "team");
    const before = snapshot(dir);
    expect(Object.keys(before)).toContain("alice.crt");

    const run = await up(["--dir", "team"]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n").filter((line) => line.startsWith("mtls-lab:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/already holds a kit \(.*kit\.json.*\) with clients alice, bob but not the lab's client\.crt, client\.key, client\.p12/);
    expect(lines[0]).toContain("--force");
    expect(run.stderr).not.toMatch(stackLine);
    expect(run.stdout).not.toContain("is up");
    expect(snapshot(dir)).toEqual(before);
  });

  it("a lab kit missing a file is refused too, not regenerated", async () => {
    const dir = join(cwd.path, "partial");
    expect(await ensureLabKit(dir)).toEqual({ created: true });
    rmSync(join(dir, "client.p12"));
    const before = snapshot(dir);
    await expect(ensureLabKit(dir)).rejects.toThrow(/already holds a kit .* but not the lab's client\.p12: not replacing it/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("--force writes a lab kit over it; other files are left alone", async () => {
    const dir = join(cwd.path, "team");
    const caBefore = readFileSync(join(dir, "server-ca.crt"), "utf8");
    const alice = readFileSync(join(dir, "alice.crt"), "utf8");
    expect(await ensureLabKit(dir, { force: true })).toEqual({ created: true });
    expect(hasLabKit(dir)).toBe(true);
    expect(readFileSync(join(dir, "server-ca.crt"), "utf8")).not.toBe(caBefore);
    expect(readFileSync(join(dir, "alice.crt"), "utf8")).toBe(alice);
    expect(await ensureLabKit(dir)).toEqual({ created: false });
  });

  it("a folder without kit files gets a lab kit beside what is there", async () => {
    const dir = join(cwd.path, "notes");
    mkdirSync(dir);
    writeFileSync(join(dir, "README.txt"), "mine\n");
    expect(await ensureLabKit(dir)).toEqual({ created: true });
    expect(hasLabKit(dir)).toBe(true);
    expect(readFileSync(join(dir, "README.txt"), "utf8")).toBe("mine\n");
  });
});
