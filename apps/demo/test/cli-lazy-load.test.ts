/**
 * The CLI imports a command's module only when that command runs or shows its help: the built bin is run
 * with a module resolve hook (node:module register, Node's customization hooks) that lists every module
 * it resolves, and the lists are checked. Not timed: what is imported, not how long it takes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binPath } from "./cli-helpers.js";

const dir = mkdtempSync(join(tmpdir(), "mtls-lab-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister("./hook.mjs", import.meta.url);\n`);
writeFileSync(
  join(dir, "hook.mjs"),
  [
    `import { appendFileSync } from "node:fs";`,
    `export async function resolve(specifier, context, next) {`,
    `  const result = await next(specifier, context);`,
    `  appendFileSync(process.env.MTLS_LAB_LOAD_LOG, result.url + "\\n");`,
    `  return result;`,
    `}`,
  ].join("\n"),
);

/** Runs the bin with `argv` and returns the exit code, stdout and every module URL it resolved. */
function modulesOf(argv: string[]): { code: number | null; stdout: string; urls: string[] } {
  const log = join(dir, `${argv.join("-").replace(/\W/g, "_")}.log`);
  writeFileSync(log, "");
  const run = spawnSync(process.execPath, ["--import", join(dir, "register.mjs"), binPath, ...argv], {
    cwd: dir,
    env: { ...process.env, MTLS_LAB_LOAD_LOG: log },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, urls: readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

const commandModules = (urls: string[]) =>
  urls.map((url) => /\/dist\/cli\/commands\/([\w-]+)\.js$/.exec(url)?.[1]).filter((name) => name !== undefined && name !== "index");
const libraries = (urls: string[]) => urls.filter((url) => /\/(asn1js|pkijs|@peculiar)\/|\/x509\/dist\/index\.js$|\/handshake\/dist\/index\.js$/.test(url));

describe("the CLI loads commands on demand", () => {
  it("--help lists every command without importing a command module or the x509 library", () => {
    const run = modulesOf(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}inspect +show what is inside/m);
    expect(run.stdout).toMatch(/^ {2}serve +run the demo mTLS server/m);
    expect(run.urls.some((url) => url.endsWith("/dist/main.js")), "the hook saw the CLI's own modules").toBe(true);
    expect(commandModules(run.urls)).toEqual([]);
    expect(libraries(run.urls)).toEqual([]);
  });

  it("a command's --help imports that command only", () => {
    const run = modulesOf(["inspect", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("usage: mtls-lab inspect");
    expect(commandModules(run.urls)).toEqual(["inspect"]);
  });

  it("an unknown command imports no command module", () => {
    const run = modulesOf(["nosuch"]);
    expect(run.code).toBe(2);
    expect(commandModules(run.urls)).toEqual([]);
  });
});
