#!/usr/bin/env node
// The CLI package ships the built workbench so that `npx mtls-lab up` serves it: `pnpm pack` / `pnpm publish`
// run `prepack` (copy: apps/web/out -> site/) and `postpack` (remove: site/ again, it is git-ignored).
// The site must be a root export (no BASE_PATH): `up` serves it at http://localhost:3000/.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const demo = join(import.meta.dirname, "..");
const out = join(demo, "..", "web", "out");
const site = join(demo, "site");
const action = process.argv[2];

function fail(message) {
  process.stderr.write(`pack-site: ${message}\n`);
  process.exit(1);
}

if (action === "remove") {
  rmSync(site, { recursive: true, force: true });
} else if (action === "copy") {
  const index = join(out, "index.html");
  if (!existsSync(index)) fail(`${index} is missing: build the site first (pnpm -s turbo run build --filter @mtls-lab/web)`);
  // Next writes asset URLs as "/_next/..." for a root export and "/<base>/_next/..." under BASE_PATH.
  if (!readFileSync(index, "utf8").includes('"/_next/')) fail(`${out} was built with a BASE_PATH; rebuild it without one`);
  rmSync(site, { recursive: true, force: true });
  cpSync(out, site, { recursive: true });
} else {
  fail(`unknown action ${JSON.stringify(action)} (copy or remove)`);
}
