import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCommand, type Command } from "../src/cli/command.js";
import { CliError } from "../src/cli/errors.js";
import { prepareOutputDir, writeFileAtomic, writeOutputFiles } from "../src/cli/files.js";
import { runCli } from "../src/cli/run-cli.js";
import { commands, entryOf } from "../src/cli/registry.js";
import { runInProcess, stackLine } from "./cli-helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const echo = defineCommand({
  name: "echo",
  summary: "print its arguments",
  usage: "mtls-lab echo <word...> [--upper] [--tag T...]",
  flags: {
    upper: { type: "boolean", description: "upper case" },
    tag: { type: "string", multiple: true, value: "T", description: "a tag" },
  },
  positionals: { name: "<word>", min: 1, max: 3 },
  async run(args, io) {
    const words = args.positionals.join(" ");
    io.stdout.write(`${args.flags.upper ? words.toUpperCase() : words} ${(args.flags.tag ?? []).join(",")}\n`);
    if (words === "boom") throw new Error("exploded\n    at somewhere (file.js:1:1)");
    if (words === "bad") throw new CliError("bad.pem: not a certificate");
    return 0;
  },
});
const list = [entryOf(echo as unknown as Command)];

async function call(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: dir }, list);
  return { code, stdout, stderr };
}

describe("the CLI framework", () => {
  it("parses typed flags and positionals", async () => {
    expect(await call(["echo", "a", "b", "--upper", "--tag", "x", "--tag", "y"])).toEqual({ code: 0, stdout: "A B x,y\n", stderr: "" });
  });

  it("usage errors exit 2 with one line naming the problem", async () => {
    for (const [argv, text] of [
      [["nope"], 'unknown command "nope"'],
      [["echo", "a", "--bogus"], "unknown flag --bogus"],
      [["echo", "a", "--tag"], "flag --tag needs a value"],
      [["echo"], "missing <word>"],
      [["echo", "a", "b", "c", "d"], "too many arguments"],
    ] as const) {
      const run = await call([...argv]);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.stderr).toContain(text);
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stdout).toBe("");
    }
  });

  it("no command prints the overview on stderr with exit 2; --help on stdout with exit 0", async () => {
    const none = await call([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("echo  print its arguments");
    const help = await call(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("usage: mtls-lab <command>");
    const cmdHelp = await call(["echo", "--help"]);
    expect(cmdHelp.code).toBe(0);
    expect(cmdHelp.stdout).toContain("--tag T");
    expect(cmdHelp.stdout).toContain("(repeatable)");
  });

  it("a thrown error becomes one line without a stack trace", async () => {
    const boom = await call(["echo", "boom"]);
    expect(boom.code).toBe(1);
    expect(boom.stderr).toBe("mtls-lab: exploded at somewhere (file.js:1:1)\n");
    const bad = await call(["echo", "bad"]);
    expect(bad).toMatchObject({ code: 1, stderr: "mtls-lab: bad.pem: not a certificate\n" });
    expect(bad.stderr).not.toMatch(stackLine);
  });

  it("registers every command with a unique name, and the registry's summary is the command's own", async () => {
    const names = commands.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("inspect");
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(entry.summary, entry.name).toBe(command.summary);
      expect(command.summary.length).toBeGreaterThan(10);
      expect(command.usage).toContain(`mtls-lab ${command.name}`);
    }
  });

  it("the real registry answers --help for every command", async () => {
    for (const command of commands) {
      const run = await runInProcess([command.name, "--help"], dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`usage: mtls-lab ${command.name}`);
    }
  });
});

describe("file output", () => {
  it("writes atomically with the asked mode and leaves no temp file", async () => {
    const out = join(dir, "atomic");
    await writeFileAtomic(join(out, "a.key"), "secret", 0o600);
    await writeFileAtomic(join(out, "a.crt"), "public", 0o644);
    expect((await stat(join(out, "a.key"))).mode & 0o777).toBe(0o600);
    expect((await stat(join(out, "a.crt"))).mode & 0o777).toBe(0o644);
    expect((await readdir(out)).sort()).toEqual(["a.crt", "a.key"]);
  });

  it("refuses a non-empty directory unless forced", async () => {
    const out = join(dir, "kitdir");
    await prepareOutputDir(dir, "kitdir", false);
    await writeFile(join(out, "old.txt"), "x");
    await expect(prepareOutputDir(dir, "kitdir", false)).rejects.toThrow(/kitdir: is not empty .*--force/);
    await expect(prepareOutputDir(dir, "kitdir", true)).resolves.toBe(out);
    await writeFile(join(dir, "plain"), "x");
    await expect(prepareOutputDir(dir, "plain", true)).rejects.toThrow(/plain: exists and is not a directory/);
  });

  it("never writes outside the output directory", async () => {
    await expect(writeOutputFiles(join(dir, "safe"), [{ path: "../escape.txt", contents: "x" }])).rejects.toThrow(/outside/);
  });
});
