// The workbench in Debian's Chromium against the built export: every view renders, passes axe, is
// screenshotted; the palette runs commands from the keyboard; nothing is requested from another origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, listRoutes } from "./first-load.mjs";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

/** One exported page per activity-bar entry (the first route of each; "/" for Learn). Chapters are Learn's own tests. */
const titles: Record<string, string> = { "": "Learn", learn: "Learn", handshake: "Handshake", inspect: "Inspect", generate: "Generate", diagnose: "Diagnose" };
assertBuilt(); // before listing the export: a missing build fails with "run the build first"
const views = (listRoutes() as { route: string }[]).map(({ route }) => {
  const first = route.split("/")[1] ?? "";
  return { route, title: titles[first] ?? "", name: route === "/" ? "home" : route.slice(1, -1).replace(/\//g, "-") };
}).filter((view, i, all) => all.findIndex((v) => v.title === view.title) === i);

/** Waits until the page is the workbench with `title` current in the activity bar. */
async function waitForView(page: Session["page"], title: string) {
  await page.locator(`nav[aria-label="Views"] a[aria-current="page"][aria-label="${title}"]`).waitFor();
  await page.locator("main").first().waitFor();
}

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

describe("workbench", () => {
  it("has a page for each of the five views", () => {
    expect(new Set(views.map((v) => v.title))).toEqual(new Set(["Learn", "Handshake", "Inspect", "Generate", "Diagnose"]));
  });

  for (const view of views) {
    it(`${view.route} renders the ${view.title} view with no serious or critical axe violation`, async () => {
      await s.page.goto(`${s.base}${view.route}`);
      await waitForView(s.page, view.title);
      await expect.poll(() => s.page.getByRole("navigation", { name: "Views" }).getByRole("link").count()).toBe(5);
      await expect(s.page.getByTestId("privacy").textContent()).resolves.toContain("nothing leaves this page");
      await screenshot(s.page, view.name);
      expect(await seriousViolations(s.page)).toEqual([]);
    });
  }

  it("opens the command palette with Ctrl+Shift+P and runs a command from the keyboard", async () => {
    await s.page.goto(`${s.base}/inspect/`);
    await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    const panel = s.page.getByRole("region", { name: "Panel" });
    // The panel starts closed: nothing is in it yet.
    await expect.poll(() => panel.count()).toBe(0);
    await s.page.keyboard.press("Control+Shift+P");
    const palette = s.page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
    await screenshot(s.page, "command-palette");
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.keyboard.type("toggle panel");
    await s.page.keyboard.press("Enter");
    await palette.waitFor({ state: "detached" });
    await expect.poll(() => panel.count()).toBe(1);
    // Ctrl+J hides it again, Ctrl+B hides the side bar.
    await s.page.keyboard.press("Control+J");
    await expect.poll(() => panel.count()).toBe(0);
    await s.page.keyboard.press("Control+B");
    await expect.poll(() => s.page.getByRole("complementary", { name: "Inspect side bar" }).count()).toBe(0);
    // Every palette action is also a button: the status bar brings the side bar back.
    await s.page.getByRole("button", { name: "Side bar" }).click();
    await expect.poll(() => s.page.getByRole("complementary", { name: "Inspect side bar" }).count()).toBe(1);
  });

  it("quick open (Ctrl+P) goes to a view by name", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await waitForView(s.page, "Handshake");
    await s.page.keyboard.press("Control+P");
    const quick = s.page.getByRole("dialog", { name: "Quick open" });
    await quick.waitFor();
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
    await s.page.keyboard.type("generate");
    await s.page.keyboard.press("Enter");
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    expect(new URL(s.page.url()).pathname).toBe("/generate/");
  });

  it("switches the theme from the status bar, following the system until then", async () => {
    await s.page.goto(`${s.base}/generate/`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    const html = s.page.locator("html");
    await expect(html.getAttribute("data-theme")).resolves.toBeNull();
    const background = () => s.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const dark = await background();
    await s.page.getByTestId("theme-switch").click(); // system -> dark
    await s.page.getByTestId("theme-switch").click(); // dark -> light
    await expect.poll(() => html.getAttribute("data-theme")).toBe("light");
    expect(await background()).not.toBe(dark);
    await screenshot(s.page, "generate-light");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("requested nothing from any origin but its own", () => {
    expect(s.requests.length).toBeGreaterThan(views.length);
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
