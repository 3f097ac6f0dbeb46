import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { views } from "../views/registry";
import { ViewId } from "./view-ids";

const app = join(import.meta.dirname, "..", "app");

describe("view registry", () => {
  it("lists the five views in activity-bar order, each once", () => {
    expect(views.map((v) => v.id)).toEqual([ViewId.learn, ViewId.handshake, ViewId.inspect, ViewId.generate, ViewId.diagnose]);
  });

  it("gives every view a route file and a folder", () => {
    for (const view of views) {
      const route = view.href === "/" ? "page.tsx" : join(view.href.replace(/^\/|\/$/g, ""), "page.tsx");
      expect(existsSync(join(app, route)), `${view.id}: app/${route}`).toBe(true);
      expect(existsSync(join(import.meta.dirname, "..", "views", view.id)), `views/${view.id}/`).toBe(true);
      expect(view.href.endsWith("/"), `${view.id}: trailing slash, as the export serves it`).toBe(true);
    }
  });
});
