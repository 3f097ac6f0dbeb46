/**
 * Output paths are checked before any work (issue 16): a pseudo file system, a file in the way, a symlink
 * or directory where a kit file goes. And `kit --force` replaces only its own files: a kit.json planted in
 * the folder cannot make it delete anything.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBin, runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-out-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("output paths", () => {
  it("kit --force over a planted kit.json deletes nothing the new kit does not write", async () => {
    const out = join(dir, "planted");
    await mkdir(join(out, "listed-dir"), { recursive: true });
    await writeFile(join(out, "thesis.docx"), "years of work");
    const planted = { version: 1, keyType: "ec-p256", files: [{ name: "thesis.docx", role: "clientKey" }, { name: "listed-dir", role: "clientCert" }] };
    await writeFile(join(out, "kit.json"), JSON.stringify(planted));
    const result = await runInProcess(["kit", "--out", out, "--force"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(await readFile(join(out, "thesis.docx"), "utf8")).toBe("years of work");
    expect(await readdir(join(out, "listed-dir"))).toEqual([]);
    expect(JSON.parse(await readFile(join(out, "kit.json"), "utf8")).files.map((f: { name: string }) => f.name)).toContain("server.key");
  });

  it("kit --force refuses a symlink or a directory where a kit file goes, before writing anything", async () => {
    for (const [name, plant] of [
      ["server.key", (path: string) => symlink(join(dir, "elsewhere.key"), path)],
      ["client.crt", (path: string) => mkdir(path)],
    ] as const) {
      const out = join(dir, `in-place-${name}`);
      await mkdir(out, { recursive: true });
      await plant(join(out, name));
      const result = await runInProcess(["kit", "--out", out, "--force"], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^mtls-lab: .*${name.replace(".", "\\.")}: is a (symlink|directory); remove it first \\(nothing was written\\)\\n$`));
      expect((await readdir(out)).sort()).toEqual([name]);
    }
  });

  it("kit --out, config --out and serve --capture under /proc fail at once with one line", async () => {
    const kitDir = join(dir, "for-config");
    expect((await runInProcess(["kit", "--out", kitDir], dir)).code).toBe(0);
    for (const argv of [
      ["kit", "--out", "/proc/x"],
      ["config", "--kit", kitDir, "--target", "nginx-reverse", "--out", "/proc/x"],
      ["serve", "--cert", join(kitDir, "server-chain.crt"), "--key", join(kitDir, "server.key"), "--root-ca", join(kitDir, "client-ca.crt"), "--port", "0", "--capture", "/proc/x"],
    ]) {
      // The built bin as a user runs it: a hang here is what the issue found; 20 s is a generous guard.
      const result = await runBin(argv, dir, { timeoutMs: 20_000 });
      expect(result.code, argv.join(" ")).toBe(1);
      expect(result.stderr).toBe("mtls-lab: /proc/x: is on the proc pseudo file system, which cannot hold files; choose a normal directory\n");
      expect(result.stderr).not.toMatch(stackLine);
    }
  });

  it("a file where the output directory or one of its parents should be is one line, exit 1", async () => {
    await writeFile(join(dir, "plain"), "x");
    const same = await runInProcess(["kit", "--out", "plain"], dir);
    expect(same).toMatchObject({ code: 1, stderr: "mtls-lab: plain: exists and is not a directory\n" });
    const parent = await runInProcess(["kit", "--out", "plain/kit"], dir);
    expect(parent).toMatchObject({ code: 1, stderr: "mtls-lab: plain/kit: a part of the path is a file, not a directory\n" });
  });
});
