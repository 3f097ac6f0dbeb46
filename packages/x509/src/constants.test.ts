import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateKit } from "./index.js";
import { kitFileNames, KitFileName, LEAF_DAYS } from "./constants.js";

describe("constants entry", () => {
  it("imports nothing, so a page can load it without the library or the Reflect polyfill", () => {
    const source = readFileSync(new URL("./constants.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/reflect-metadata/);
  });

  it("names exactly the files a kit writes, intermediates and every client included", async () => {
    const kit = await generateKit({ clients: ["alice", "bob"], intermediate: true, crl: true });
    const written = kit.files.map((f) => f.name).concat(KitFileName.manifest).sort();
    expect(written).toEqual([...new Set(kitFileNames(["alice", "bob"]))].sort());
  });

  it("keeps leaves at the CA/Browser Forum limit by default", async () => {
    const kit = await generateKit();
    expect(kit.options.days).toBe(LEAF_DAYS);
  });
});
