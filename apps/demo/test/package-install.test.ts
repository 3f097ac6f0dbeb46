/**
 * What a user of the npm registry gets: every publishable package packed with `pnpm pack`, the tarballs
 * installed with `npm install` in an empty folder outside the workspace (only third-party dependencies come
 * from the registry), then `npx mtls-lab` and the libraries used by their package names. The tarballs hold
 * built JavaScript only, their manifests leak no workspace detail, and publint finds no error.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Shared with bench/cli-start.bench.mjs.
import { cleanEnv, installTarballs, packAll, publishablePackages, root, type PackedPackage } from "../scripts/pack-install.mjs";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const libraries = ["@mtls-lab/x509", "@mtls-lab/handshake", "@mtls-lab/config"];
let work: string;
let app: string;
let packed: PackedPackage[];

/** Runs a command in the install folder with the clean environment, bounded against hangs. */
function runIn(cwd: string, command: string, args: string[], timeoutMs = 60_000): Run {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: cleanEnv(), timeout: timeoutMs });
  return { code: result.status, stdout: result.stdout ?? "", stderr: `${result.stderr ?? ""}${result.error ?? ""}` };
}

/** `npx --no mtls-lab ...`: --no makes npx fail instead of fetching a package of that name from the registry. */
const npx = (args: string[]) => runIn(app, "npx", ["--no", "mtls-lab", ...args]);

/** The file names inside a tarball. */
function tarList(tarball: string): string[] {
  const result = spawnSync("tar", ["tzf", tarball], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`tar tzf ${tarball}: ${result.stderr}`);
  return result.stdout.split("\n").filter(Boolean);
}

/** One file of a tarball as text. */
function tarRead(tarball: string, path: string): string {
  return spawnSync("tar", ["xzf", tarball, "-O", path], { encoding: "utf8" }).stdout;
}

/** publint's errors for a tarball, formatted one per line. */
async function publintErrors(tarball: string): Promise<string[]> {
  const bytes = readFileSync(tarball);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: "error", strict: true });
  return messages.filter((m) => m.type === "error").map((m) => `${m.code}: ${formatMessage(m, pkg) ?? ""}`);
}

/** Every `source` key anywhere under an exports map. */
function conditionsNamed(value: unknown, name: string): number {
  if (value === null || typeof value !== "object") return 0;
  return Object.entries(value).reduce((n, [key, inner]) => n + (key === name ? 1 : 0) + conditionsNamed(inner, name), 0);
}

beforeAll(() => {
  for (const dir of ["packages/x509/dist/index.js", "apps/demo/dist/main.js", "apps/web/out/index.html"]) {
    if (!existsSync(join(root, dir))) throw new Error(`${dir} is missing: build first (pnpm -s turbo run build; npm test does)`);
  }
  work = mkdtempSync(join(tmpdir(), "mtls-lab-pack-"));
  packed = packAll(join(work, "tarballs"));
  app = join(work, "app");
  installTarballs(app, packed);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed packages", () => {
  it("are the three libraries and the mtls-lab CLI, each at its workspace version", () => {
    expect(packed.map((p) => p.name).sort()).toEqual([...libraries, "mtls-lab"].sort());
    expect(publishablePackages().length).toBe(4);
    for (const p of packed) expect(p.tarball.endsWith(".tgz"), p.tarball).toBe(true);
  });

  it("hold built JavaScript, README and LICENSE only: no TypeScript source, tests, fixtures or maps", () => {
    const licence = readFileSync(join(root, "LICENSE"), "utf8");
    for (const p of packed) {
      const files = tarList(p.tarball);
      const code = files.filter((f) => !f.startsWith("package/site/"));
      expect(code, p.name).toContain("package/package.json");
      expect(code, p.name).toContain("package/README.md");
      expect(tarRead(p.tarball, "package/LICENSE"), `${p.name} LICENSE`).toBe(licence);
      const unwanted = code.filter((f) => /\.map$|\.test\.|\/test\/|fixtures|\/src\/|\.tsbuildinfo$|(?<!\.d)\.ts$|\.tsx$/.test(f));
      expect(unwanted, p.name).toEqual([]);
      expect(code.filter((f) => f.endsWith(".js")).length, `${p.name} ships built JavaScript`).toBeGreaterThan(5);
      const unpacked = join(work, "unpacked", p.name);
      mkdirSync(unpacked, { recursive: true });
      expect(spawnSync("tar", ["xzf", p.tarball, "-C", unpacked]).status, p.name).toBe(0);
      for (const f of code.filter((name) => name.endsWith(".js"))) {
        expect(readFileSync(join(unpacked, f), "utf8"), `${p.name} ${f}`).not.toContain("sourceMappingURL");
      }
    }
    const cli = packed.find((p) => p.name === "mtls-lab")!;
    // The CLI exports no library API, so it ships no declarations; the site is the built workbench.
    expect(tarList(cli.tarball).filter((f) => f.endsWith(".d.ts"))).toEqual([]);
    expect(tarList(cli.tarball)).toContain("package/site/index.html");
    for (const lib of packed.filter((p) => p.name !== "mtls-lab")) expect(tarList(lib.tarball)).toContain("package/dist/index.d.ts");
  });

  it("publish manifests with types and import conditions, no source condition, exact versions of each other", () => {
    const versions = Object.fromEntries(packed.map((p) => [p.name, p.version]));
    for (const p of packed) {
      const text = tarRead(p.tarball, "package/package.json");
      const manifest = JSON.parse(text);
      expect(text, p.name).not.toMatch(/workspace:|catalog:/);
      expect(conditionsNamed(manifest.exports, "source"), `${p.name} exports a source condition`).toBe(0);
      expect(manifest.private, p.name).toBeUndefined();
      expect(manifest.license, p.name).toBe("Apache-2.0");
      expect(manifest.engines?.node, p.name).toBe(">=20.19");
      expect(manifest.repository?.directory, p.name).toBe(p.dir.slice(root.length + 1));
      expect(manifest.keywords?.length, p.name).toBeGreaterThan(3);
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        if (dep in versions) expect(range, `${p.name} -> ${dep}`).toBe(versions[dep]);
      }
      if (p.name === "mtls-lab") {
        expect(manifest.bin).toEqual({ "mtls-lab": "./bin/mtls-lab.js" });
        expect(Object.keys(manifest.dependencies).sort()).toEqual([...libraries].sort());
      } else {
        expect(manifest.exports["."], p.name).toEqual({ types: "./dist/index.d.ts", import: "./dist/index.js" });
        expect(manifest.sideEffects, p.name).toBeDefined();
        // sideEffects is false or the list of files that have them; the constants entry is never one.
        expect(JSON.stringify(manifest.sideEffects), p.name).not.toContain("constants");
        if (p.name === "@mtls-lab/x509") {
          expect(manifest.exports["./constants"]).toEqual({ types: "./dist/constants.d.ts", import: "./dist/constants.js" });
        }
      }
    }
  });

  it("pass publint with no error, and publint does fail a broken package", async () => {
    for (const p of packed) expect(await publintErrors(p.tarball), p.name).toEqual([]);
    // The control: an export that points at a file the tarball does not hold is an error.
    const broken = join(work, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "package.json"), JSON.stringify({ name: "broken", version: "1.0.0", type: "module", exports: { ".": { import: "./missing.js" } } }));
    writeFileSync(join(broken, "index.js"), "export {};\n");
    const pack = spawnSync("npm", ["pack", "--pack-destination", work], { cwd: broken, encoding: "utf8", env: cleanEnv() });
    expect(pack.status, pack.stderr).toBe(0);
    expect((await publintErrors(join(work, "broken-1.0.0.tgz"))).length).toBeGreaterThan(0);
  });
});

describe("installed from the tarballs", () => {
  it("are real copies in the install folder, not links into the workspace", () => {
    for (const name of [...libraries, "mtls-lab"]) {
      const dir = join(app, "node_modules", name);
      expect(lstatSync(dir).isSymbolicLink(), name).toBe(false);
      expect(existsSync(join(dir, "src")), `${name} has no src/`).toBe(false);
    }
  });

  it("npx mtls-lab kit, inspect and verify work", () => {
    const kit = npx(["kit", "--out", "k"]);
    expect(kit.code, kit.stderr).toBe(0);
    expect(kit.stdout).toContain("wrote an mTLS kit to k");
    for (const file of ["client.p12", "client.crt", "client-ca.crt", "server-chain.crt", "kit.json"]) expect(existsSync(join(app, "k", file)), file).toBe(true);

    const inspect = npx(["inspect", "k/client.p12", "--password", "changeit"]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toContain("Subject: CN=client,O=mTLS Lab");
    const wrongPassword = npx(["inspect", "k/client.p12", "--password", "nope"]);
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toMatch(/^mtls-lab: k\/client\.p12: [^\n]+\n$/);

    const verify = npx(["verify", "k/client.crt", "--trust", "k/client-ca.crt", "--purpose", "client"]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain("k/client.crt: OK");
    const wrongCa = npx(["verify", "k/client.crt", "--trust", "k/server-ca.crt", "--purpose", "client", "--json"]);
    expect(wrongCa.code).toBe(1);
    expect(JSON.parse(wrongCa.stdout).firstError).toBe("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  });

  it("the installed bin refuses an older Node than engines allows in one line", () => {
    // Node's version as an older Node reports it: the bin reads process.versions.node before loading anything.
    const preload = join(work, "old-node.cjs");
    writeFileSync(preload, `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.11.1" } });\n`);
    const bin = join(app, "node_modules", "mtls-lab", "bin", "mtls-lab.js");
    const old = runIn(app, process.execPath, ["--require", preload, bin, "--help"]);
    expect(old.code).toBe(1);
    expect(old.stderr).toBe("mtls-lab: needs Node 20.19 or later, this is Node 20.11.1\n");
    expect(old.stdout).toBe("");
  });

  it("each library's README example runs as an ESM script importing it by name", () => {
    const expected: Record<string, RegExp[]> = {
      "@mtls-lab/x509": [/^alice\.crt: OK$/m, /^against server-ca\.crt: UNABLE_TO_GET_ISSUER_CERT_LOCALLY/m, /Subject: CN=alice,O=mTLS Lab/],
      "@mtls-lab/handshake": [/^client Certificate\s+encrypted/m, /^CERT_HAS_EXPIRED: at the client's Certificate/m],
      "@mtls-lab/config": [/ssl_verify_client on;/, /ssl_client_certificate \/etc\/mtls\/client-ca\.crt;/, /curl /],
    };
    for (const name of libraries) {
      const readme = readFileSync(join(app, "node_modules", name, "README.md"), "utf8");
      const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(example, `${name} README has a js example`).toBeDefined();
      const file = join(app, `example-${name.split("/")[1]}.mjs`);
      writeFileSync(file, example!);
      const result = runIn(app, process.execPath, [file]);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
      for (const pattern of expected[name]!) expect(result.stdout, name).toMatch(pattern);
    }
  });

  it("resolve by name to the installed dist, also for a consumer that asks for the source condition", () => {
    const script = [
      ...libraries.map((name, i) => `import * as lib${i} from ${JSON.stringify(name)};`),
      `const resolved = ${JSON.stringify(libraries)}.map((name) => import.meta.resolve(name));`,
      `console.log(JSON.stringify({ resolved, sizes: [lib0, lib1, lib2].map((m) => Object.keys(m).length),`,
      `  fns: [typeof lib0.decode, typeof lib1.decodeCapture, typeof lib2.emit] }));`,
    ].join("\n");
    writeFileSync(join(app, "imports.mjs"), script);
    for (const flags of [[], ["--conditions=source"]]) {
      const result = runIn(app, process.execPath, [...flags, "imports.mjs"]);
      expect(result.code, result.stderr).toBe(0);
      const out = JSON.parse(result.stdout);
      for (const url of out.resolved) expect(url).toMatch(new RegExp(`^file://${app}/node_modules/@mtls-lab/[a-z0-9]+/dist/index\\.js$`));
      expect(out.fns).toEqual(["function", "function", "function"]);
      for (const size of out.sizes) expect(size).toBeGreaterThan(5);
    }
    // The constants entry loads nothing else: no library, no Reflect polyfill (the main entry installs it).
    const constants = runIn(app, process.execPath, [
      "--input-type=module",
      "-e",
      [
        `const c = await import("@mtls-lab/x509/constants");`,
        `const before = typeof Reflect.getMetadata;`,
        `await import("@mtls-lab/x509");`,
        `console.log(JSON.stringify({ clientCa: c.KitFileName.clientCa, before, after: typeof Reflect.getMetadata }));`,
      ].join("\n"),
    ]);
    expect(constants.code, constants.stderr).toBe(0);
    expect(JSON.parse(constants.stdout)).toEqual({ clientCa: "client-ca.crt", before: "undefined", after: "function" });
    // Nothing but the declared entry points is exported.
    const deep = runIn(app, process.execPath, ["--input-type=module", "-e", `await import("@mtls-lab/x509/dist/index.js")`]);
    expect(deep.code).not.toBe(0);
    expect(deep.stderr).toContain("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  it("type-check by name through the types condition (TypeScript, NodeNext)", () => {
    writeFileSync(
      join(app, "typed.ts"),
      [
        `import { verifyChain, type VerifyResult } from "@mtls-lab/x509";`,
        `import { getFlow } from "@mtls-lab/handshake";`,
        `import { emit, type EmitResult } from "@mtls-lab/config";`,
        `export const checks: [typeof verifyChain, typeof getFlow, typeof emit] = [verifyChain, getFlow, emit];`,
        `export type Both = [VerifyResult, EmitResult];`,
        `// @ts-expect-error: the result is a promise, not a boolean; proves the declarations are read.`,
        `export const wrong: boolean = verifyChain({ leaf: "", trustAnchors: "" });`,
      ].join("\n"),
    );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const options = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--lib", "es2022,dom", "--skipLibCheck", "typed.ts"];
    const result = runIn(app, process.execPath, [tsc, ...options]);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });

  it("mtls-lab up serves the workbench site shipped in the package", async () => {
    const bin = join(app, "node_modules", "mtls-lab", "bin", "mtls-lab.js");
    const child = spawn(process.execPath, [bin, "up", "--port", "0", "--site-port", "0", "--dir", "lab"], { cwd: app, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!/Workbench +http:\/\/localhost:\d+\//.test(stdout) && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const port = /Workbench +http:\/\/localhost:(\d+)\//.exec(stdout)?.[1];
      expect(port, `up printed no site address:\n${stdout}\n${stderr}`).toBeDefined();
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("/_next/");
      expect(html).toBe(readFileSync(join(app, "node_modules", "mtls-lab", "site", "index.html"), "utf8"));
      expect(stderr).not.toContain("no workbench site");
    } finally {
      child.kill("SIGINT");
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r("timeout"), 10_000))]);
      if (code === "timeout") child.kill("SIGKILL");
    }
    expect(stdout).toContain("stopped");
  });
});
