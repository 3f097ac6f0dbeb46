// Packs every publishable workspace package with `pnpm pack` and installs the tarballs with `npm install` in an
// empty folder outside the workspace, as a user of the npm registry gets them: only third-party dependencies
// come from the registry. Used by test/package-install.test.ts and bench/cli-start.bench.mjs.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The repository root. */
export const root = join(import.meta.dirname, "..", "..", "..");

/** Every workspace package without `private: true`, as `{ dir, name, version }` (packages/* and apps/*). */
export function publishablePackages() {
  const found = [];
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(root, group)).sort()) {
      const dir = join(root, group, name);
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      } catch {
        continue;
      }
      if (pkg.private !== true) found.push({ dir, name: pkg.name, version: pkg.version });
    }
  }
  return found;
}

/**
 * The environment for npm and the installed CLI: no npm_* variables of the pnpm or npm run that started us,
 * and no workspace node_modules/.bin on PATH, so nothing can resolve back into the workspace.
 */
export function cleanEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^npm_/i.test(key) || /^pnpm_/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "").split(delimiter).filter((entry) => !entry.startsWith(root)).join(delimiter);
  env.npm_config_update_notifier = "false";
  env.npm_config_fund = "false";
  env.npm_config_audit = "false";
  return env;
}

function check(step, result) {
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`${step} failed (${result.error ?? `exit ${result.status}`}):\n${output}`);
  }
  return result;
}

/** `pnpm pack` of each publishable package into `dest`; returns `[{ name, version, tarball }]`. */
export function packAll(dest) {
  mkdirSync(dest, { recursive: true });
  return publishablePackages().map((pkg) => {
    const result = check(
      `pnpm pack in ${pkg.dir}`,
      spawnSync("pnpm", ["pack", "--json", "--pack-destination", dest], { cwd: pkg.dir, encoding: "utf8", timeout: 120_000 }),
    );
    // --json prints the tarball's name (prepack output may come first): take the JSON object at the end.
    const json = JSON.parse(result.stdout.slice(result.stdout.indexOf("{")));
    const tarball = json.filename.startsWith("/") ? json.filename : join(dest, json.filename);
    return { ...pkg, tarball };
  });
}

/**
 * An app folder `dir` depending on every tarball (overrides make the CLI's exact-version dependencies on the
 * libraries resolve to the same tarballs, never to the registry), then `npm install`.
 */
export function installTarballs(dir, packed) {
  mkdirSync(dir, { recursive: true });
  const deps = Object.fromEntries(packed.map((p) => [p.name, `file:${p.tarball}`]));
  const manifest = { name: "mtls-lab-consumer", version: "0.0.0", private: true, type: "module", dependencies: deps, overrides: deps };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  check(
    `npm install in ${dir}`,
    spawnSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: dir,
      encoding: "utf8",
      env: cleanEnv(),
      timeout: 300_000,
    }),
  );
}
