// The phone layout (issue 15) in Debian's Chromium with a touch screen at 360x740 and 390x844: every route
// without sideways scrolling, the editor at least 300 px wide, no serious or critical axe violation, a
// screenshot each, and every view's main action done by tapping controls of at least 44x44 px.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

const SIZES = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
] as const;

const sample = readFileSync(join(import.meta.dirname, "..", "public", "samples", "server.crt"));

/** Every kind of route: landing, chapter index, a chapter, the four tools and a path that is no page. */
const ROUTES = [
  { path: "/", name: "home", heading: "mTLS Lab" },
  { path: "/learn/", name: "learn", heading: "Learn mutual TLS" },
  { path: "/learn/01-what-is-mtls/", name: "learn-chapter", heading: null },
  { path: "/handshake/", name: "handshake", heading: "Handshake" },
  { path: "/inspect/", name: "inspect", heading: "Inspect" },
  { path: "/generate/", name: "generate", heading: "Generate an mTLS kit" },
  { path: "/diagnose/", name: "diagnose", heading: "Diagnose" },
  { path: "/no-such-page/", name: "not-found", heading: "Page not found" },
] as const;

for (const size of SIZES) {
  describe(`phone layout at ${size.width}x${size.height}`, () => {
    let s: Session;
    beforeAll(async () => {
      s = await startSession({ viewport: size, hasTouch: true, isMobile: true });
    });
    afterAll(async () => {
      await s?.close();
    });

    /** No sideways scrolling, and the editor keeps at least 300 px. */
    async function checkLayout(where: string) {
      const m = await s.page.evaluate(() => ({
        inner: window.innerWidth,
        doc: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        editor: document.getElementById("editor")?.getBoundingClientRect().width ?? 0,
      }));
      expect(m.doc, `${where}: document scrollWidth`).toBeLessThanOrEqual(m.inner);
      expect(m.body, `${where}: body scrollWidth`).toBeLessThanOrEqual(m.inner);
      expect(m.editor, `${where}: editor width`).toBeGreaterThanOrEqual(300);
    }

    /** Taps `control` after checking it is touch-sized (44x44 px, WCAG 2.5.5). */
    async function tap(control: Locator) {
      await control.scrollIntoViewIfNeeded();
      const box = await control.boundingBox();
      expect(box, "control is on screen").not.toBeNull();
      expect(box!.height, `${await control.textContent()}: height`).toBeGreaterThanOrEqual(44);
      expect(box!.width, `${await control.textContent()}: width`).toBeGreaterThanOrEqual(44);
      await control.tap();
    }

    for (const route of ROUTES) {
      it(`${route.path} fits, passes axe and has the bottom bar with labels`, async () => {
        await s.page.goto(`${s.base}${route.path}`);
        if (route.heading) await s.page.getByRole("heading", { level: 1, name: route.heading }).waitFor();
        else await s.page.getByTestId("chapter").waitFor();
        await checkLayout(route.path);
        // The activity bar is a bottom bar: at the bottom of the screen, each view named in words.
        const bar = s.page.getByRole("navigation", { name: "Views" });
        const box = (await bar.boundingBox())!;
        expect(box.y + box.height).toBeGreaterThanOrEqual(size.height - 2);
        expect(box.width).toBeGreaterThanOrEqual(size.width - 1);
        expect((await bar.getByRole("link").allInnerTexts()).map((t) => t.trim())).toEqual(["Learn", "Handshake", "Inspect", "Generate", "Diagnose"]);
        // The side bar is a drawer: closed until asked for.
        await expect(s.page.getByRole("complementary").count()).resolves.toBe(0);
        await screenshot(s.page, `phone-${size.width}-${route.name}`);
        expect(await seriousViolations(s.page)).toEqual([]);
      });
    }

    it("reads a chapter, steps the handshake, opens a file, generates a kit and runs a diagnosis by touch", async () => {
      // Read a chapter.
      await s.page.goto(`${s.base}/learn/`);
      await tap(s.page.getByTestId("chapter-index").getByRole("link").first());
      await s.page.getByTestId("chapter").waitFor();
      await checkLayout("chapter");

      // Step the handshake (the bottom bar is a client-side link: the visit goes on).
      await tap(s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Handshake" }));
      await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
      await tap(s.page.getByRole("button", { name: "Next", exact: true }));
      await expect.poll(() => s.page.getByTestId("step-position").textContent()).toMatch(/^Step 2 of/);
      await checkLayout("handshake step 2");

      // Open a file.
      await tap(s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Inspect" }));
      await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
      const [chooser] = await Promise.all([s.page.waitForEvent("filechooser"), tap(s.page.locator(".dropzone").getByRole("button", { name: "Open file…" }))]);
      await chooser.setFiles({ name: "sample.crt", mimeType: "application/x-x509-ca-cert", buffer: sample });
      await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=localhost,O=mTLS Lab");
      await checkLayout("inspect certificate");
      await screenshot(s.page, `phone-${size.width}-inspect-certificate`);
      expect(await seriousViolations(s.page)).toEqual([]);

      // Generate a kit.
      await tap(s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Generate" }));
      await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
      await tap(s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }));
      await s.page.getByRole("button", { name: "README.md", exact: true }).waitFor({ timeout: 60_000 });
      await checkLayout("generated README");
      // The explorer is in the drawer.
      await tap(s.page.getByRole("button", { name: "☰ Files and options" }));
      const drawer = s.page.getByRole("complementary", { name: "Generate side bar" });
      await drawer.waitFor();
      await tap(drawer.getByRole("treeitem", { name: "server.crt", exact: true }));
      await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=localhost,O=mTLS Lab");
      await expect(drawer.count()).resolves.toBe(0);
      await checkLayout("kit certificate");
      await screenshot(s.page, `phone-${size.width}-generate-kit`);

      // Run a diagnosis of that kit.
      await tap(s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Diagnose" }));
      await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
      await tap(s.page.getByRole("button", { name: "Use this visit's kit" }));
      await expect.poll(() => s.page.getByTestId("diagnose-verdict").textContent()).toContain("The handshake succeeds");
      await checkLayout("diagnosis");
      await screenshot(s.page, `phone-${size.width}-diagnose-result`);
      expect(await seriousViolations(s.page)).toEqual([]);

      // The panel is a sheet: Problems from the status bar, closed again with its ×.
      await tap(s.page.getByTestId("status-problems"));
      const panel = s.page.getByRole("region", { name: "Panel" });
      await panel.waitFor();
      await checkLayout("panel sheet");
      await tap(panel.getByRole("button", { name: "Close panel" }));
      await expect.poll(() => panel.count()).toBe(0);
      // The status bar's secondary items are behind More.
      await tap(s.page.getByRole("button", { name: "More" }));
      await tap(s.page.getByRole("group", { name: "More" }).getByTestId("theme-switch"));
      await expect.poll(() => s.page.locator("html").getAttribute("data-theme")).toBe("dark");
      await checkLayout("status menu");
    }, 150_000);

    it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
      expect(foreignRequests(s)).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  });
}
