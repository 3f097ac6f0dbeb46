// The workbench in Debian's Chromium against the built export: every view renders, passes axe, is
// screenshotted; the palette runs commands from the keyboard; nothing is requested from another origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

const views = [
  { route: "/", name: "learn", heading: "mTLS Lab" },
  { route: "/handshake/", name: "handshake", heading: "Handshake" },
  { route: "/inspect/", name: "inspect", heading: "Inspect" },
  { route: "/generate/", name: "generate", heading: "Generate an mTLS kit" },
  { route: "/diagnose/", name: "diagnose", heading: "Diagnose" },
  { route: "/learn/introduction/", name: "learn-chapter", heading: "mTLS Lab" },
];

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

describe("workbench", () => {
  for (const view of views) {
    it(`${view.route} renders the ${view.name} view with no serious or critical axe violation`, async () => {
      await s.page.goto(`${s.base}${view.route}`);
      await s.page.getByRole("heading", { level: 1, name: view.heading }).waitFor();
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
    await expect.poll(() => panel.count()).toBe(1);
    await s.page.keyboard.press("Control+Shift+P");
    const palette = s.page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    await screenshot(s.page, "command-palette");
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.keyboard.type("toggle panel");
    await s.page.keyboard.press("Enter");
    await palette.waitFor({ state: "detached" });
    await expect.poll(() => panel.count()).toBe(0);
    // Ctrl+J brings it back, Ctrl+B hides the side bar.
    await s.page.keyboard.press("Control+J");
    await expect.poll(() => panel.count()).toBe(1);
    await s.page.keyboard.press("Control+B");
    await expect.poll(() => s.page.getByRole("complementary", { name: "Inspect side bar" }).count()).toBe(0);
    // Every palette action is also a button: the status bar brings the side bar back.
    await s.page.getByRole("button", { name: "Side bar" }).click();
    await expect.poll(() => s.page.getByRole("complementary", { name: "Inspect side bar" }).count()).toBe(1);
  });

  it("quick open (Ctrl+P) goes to a view by name", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await s.page.keyboard.press("Control+P");
    const quick = s.page.getByRole("dialog", { name: "Quick open" });
    await quick.waitFor();
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
