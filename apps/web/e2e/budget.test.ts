// The first-load budget: for every route of the static export, the script chunks its HTML loads,
// gzipped, stay at or under 194 KB (the largest route before the one-shell change). Editors, the panel, the
// palette, shiki, the ASN.1 view and the X.509 worker load later.
import { describe, expect, it } from "vitest";
import { assertBuilt, BUDGET_BYTES, firstLoad, listRoutes } from "./first-load.mjs";

describe("first-load JavaScript budget", () => {
  it("holds every route at 194 KB gzipped or less", () => {
    assertBuilt();
    const routes = firstLoad() as { route: string; scripts: string[]; gzipBytes: number }[];
    expect(routes.map((r) => r.route)).toEqual(expect.arrayContaining(["/", "/inspect/", "/generate/", "/handshake/", "/diagnose/"]));
    for (const r of routes) {
      expect(r.scripts.length, `${r.route} loads no script: the measurement would be meaningless`).toBeGreaterThan(0);
      expect(r.gzipBytes, `${r.route}: ${r.gzipBytes} bytes gzipped`).toBeLessThanOrEqual(BUDGET_BYTES);
    }
  });

  it("lists every exported page", () => {
    assertBuilt();
    expect(listRoutes().length).toBeGreaterThanOrEqual(6);
  });
});
