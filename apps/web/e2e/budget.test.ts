// The first-load budget: for every route of the static export, the module scripts its HTML loads, gzipped,
// stay at or under BUDGET_BYTES (first-load.mjs says how it was set); the noModule polyfills, which
// module-capable browsers skip, are reported apart. Editors, the panel, the palette, shiki, the ASN.1 view
// and the X.509 worker load later.
import { describe, expect, it } from "vitest";
import { assertBuilt, BUDGET_BYTES, firstLoad, listRoutes } from "./first-load.mjs";

describe("first-load JavaScript budget", () => {
  it("holds every route at the budget or less (module scripts, gzipped)", () => {
    assertBuilt();
    const routes = firstLoad() as { route: string; scripts: string[]; noModuleScripts: string[]; gzipBytes: number; noModuleBytes: number }[];
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(["/", "/inspect/", "/generate/", "/handshake/", "/diagnose/"]));
    for (const r of routes) {
      expect(r.scripts.length, `${r.route} loads no script: the measurement would be meaningless`).toBeGreaterThan(0);
      // The budget is what module-capable browsers load; the noModule polyfills are counted apart, never in it.
      expect(r.scripts.some((s) => r.noModuleScripts.includes(s)), `${r.route}: a script counted both ways`).toBe(false);
      expect(r.gzipBytes, `${r.route}: ${r.gzipBytes} bytes gzipped (module scripts)`).toBeLessThanOrEqual(BUDGET_BYTES);
    }
  });

  it("lists every exported page", () => {
    assertBuilt();
    expect(listRoutes().length).toBeGreaterThanOrEqual(6);
  });
});
