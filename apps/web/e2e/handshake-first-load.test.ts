// The illustrated handshake loads on demand: the annotation (packages/handshake/annotate), its proof code
// (key schedule, openssl lines) and the page that shows them are in the static export, but in none of the
// scripts the /handshake/ route loads first, which stays within the first-load budget.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, BUDGET_BYTES, firstLoad, outDir } from "./first-load.mjs";

/** Strings found only in the on-demand code: an annotation explanation, an openssl proof line, the page's own text. */
const MARKERS = ["The record's plaintext as recovered with the key log.", "-kdfopt mode:EXPAND_ONLY", "Could not annotate this capture"];

describe("handshake first load", () => {
  it("leaves the annotation, the proof and the illustrated page out of /handshake/'s first-load scripts", () => {
    assertBuilt();
    const route = (firstLoad() as { route: string; scripts: string[]; gzipBytes: number }[]).find((r) => r.route === "/handshake/");
    expect(route, "the export has /handshake/").toBeDefined();
    expect(route!.scripts.length).toBeGreaterThan(0);
    const first = route!.scripts.map((src) => readFileSync(join(outDir, src.split("?")[0]!), "utf8")).join("\n");
    const chunks = join(outDir, "_next", "static", "chunks");
    const all = readdirSync(chunks)
      .filter((n) => n.endsWith(".js"))
      .map((n) => readFileSync(join(chunks, n), "utf8"))
      .join("\n");
    for (const marker of MARKERS) {
      // The marker is built into some chunk (so its absence below means something) ...
      expect(all.includes(marker), `${marker} is in the export`).toBe(true);
      // ... but not into the scripts the route loads first.
      expect(first.includes(marker), `${marker} is in /handshake/'s first load`).toBe(false);
    }
    expect(route!.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
