/** Snapshot of every emitted file for every target x profile x verify mode (test/__snapshots__). */
import { describe, expect, it } from "vitest";
import { everyCase } from "./helpers/matrix.js";

describe("emitted files", () => {
  for (const { target, profile, verify, result } of everyCase()) {
    it(`${target} ${profile} ${verify}`, () => {
      expect(result.files.length).toBeGreaterThan(0);
      for (const file of result.files) {
        expect(file.contents).toMatchSnapshot(`${file.path}${file.mode ? ` (mode ${file.mode.toString(8)})` : ""}`);
      }
      expect(result.warnings).toMatchSnapshot("warnings");
    });
  }
});
