/**
 * docs/api/ is the libraries' API reference generated from their TSDoc (`pnpm api-docs`: typedoc with
 * typedoc-plugin-markdown, typedoc.json). It is committed, so it must be what the sources generate now:
 * this regenerates it into a temporary folder and compares file by file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const committed = join(root, "docs", "api");
const fresh = mkdtempSync(join(tmpdir(), "mtls-lab-api-"));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe("docs/api", () => {
  it("is what `pnpm api-docs` generates from the current sources", () => {
    const typedoc = spawnSync(process.execPath, [join(root, "node_modules", "typedoc", "bin", "typedoc"), "--out", fresh], {
      cwd: root,
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(typedoc.status, `${typedoc.stdout}${typedoc.stderr}`).toBe(0);
    const stale = "docs/api/ is out of date: run `pnpm api-docs` and commit docs/api/";
    expect(files(committed), stale).toEqual(files(fresh));
    for (const file of files(fresh)) {
      expect(readFileSync(join(committed, file), "utf8"), `${stale} (${file})`).toBe(readFileSync(join(fresh, file), "utf8"));
    }
    // Every library is documented, with its main entry points.
    const x509 = readFileSync(join(fresh, "@mtls-lab", "x509", "index.md"), "utf8");
    for (const name of ["decode", "generateKit", "verifyChain", "diagnose"]) expect(x509).toMatch(new RegExp(`^### ${name}\\(\\)$`, "m"));
    // The side-effect-free constants entry (@mtls-lab/x509/constants) has its own page.
    expect(readFileSync(join(fresh, "@mtls-lab", "x509", "constants.md"), "utf8")).toMatch(/^### KitFileName$/m);
    expect(readFileSync(join(fresh, "@mtls-lab", "config.md"), "utf8")).toMatch(/^### emit\(\)$/m);
    expect(readFileSync(join(fresh, "@mtls-lab", "handshake.md"), "utf8")).toMatch(/^### decodeCapture\(\)$/m);
  }, 180_000);
});
