// Every Learn chapter of docs/learn renders in Chromium from the built export: its title as the page heading,
// a table of contents, highlighted code, working links between chapters and to the views, no console errors,
// no serious axe violation, no request to another origin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsoleMessage } from "playwright-core";
import { listChapters, readChapter } from "../views/learn/chapters";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

/** expect.poll with room for a loaded CI machine (vitest's default is 1 s): a passing poll returns at once. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

let s: Session;
const consoleErrors: string[] = [];
beforeAll(async () => {
  s = await startSession();
  s.page.on("console", (m: ConsoleMessage) => {
    if (m.type() === "error") consoleErrors.push(`${s.page.url()}: ${m.text()} (${m.location().url})`);
  });
});
afterAll(async () => {
  await s?.close();
});

const chapters = listChapters();

describe("learn", () => {
  it("lists the chapters on the start page", async () => {
    await s.page.goto(`${s.base}/`);
    await s.page.getByRole("heading", { level: 1, name: "mTLS Lab" }).waitFor();
    const nav = s.page.getByRole("navigation", { name: "Chapters" });
    await poll(() => nav.getByRole("link").count()).toBe(chapters.length);
  });

  for (const chapter of chapters) {
    it(`renders ${chapter.slug} without console errors`, async () => {
      await s.page.goto(`${s.base}/learn/${chapter.slug}/`);
      await s.page.getByRole("heading", { level: 1, name: chapter.title }).waitFor();
      const article = s.page.getByTestId("chapter");
      await expect(article.count()).resolves.toBe(1);
      await expect(s.page.getByRole("navigation", { name: "Chapters" }).getByRole("link", { name: chapter.title }).getAttribute("aria-current")).resolves.toBe("page");
      // Every table-of-contents entry points at a heading of the chapter.
      const toc = s.page.getByRole("navigation", { name: "On this page" }).getByRole("link");
      for (const href of await toc.evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))) {
        expect(await s.page.locator(`[id="${href.slice(1)}"]`).count(), href).toBe(1);
      }
      // Code was highlighted at build time: no highlighter script runs here.
      const blocks = await article.locator("pre").count();
      if (blocks > 0) expect(await article.locator("pre.shiki").count()).toBeGreaterThan(0);
      // Internal links go to pages of this site that exist.
      const hrefs = await article.locator("a[href^='/']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
      for (const href of new Set(hrefs)) {
        const response = await s.page.request.get(`${s.base}${href.split("#")[0]}`);
        expect(response.status(), `${chapter.slug} links to ${href}`).toBe(200);
      }
      expect(await seriousViolations(s.page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(s.errors).toEqual([]);
    });
  }

  it("moves between chapters with the pager", async () => {
    if (chapters.length < 2) return;
    await s.page.goto(`${s.base}/learn/${chapters[0]!.slug}/`);
    await s.page.getByRole("navigation", { name: "Previous and next chapter" }).getByRole("link", { name: new RegExp(chapters[1]!.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).click();
    await s.page.getByRole("heading", { level: 1, name: chapters[1]!.title }).waitFor();
    await screenshot(s.page, "learn-chapter-2");
  });

  it("opens a chapter from the command palette", async () => {
    if (chapters.length === 0) return;
    const last = chapters[chapters.length - 1]!;
    await s.page.goto(`${s.base}/`);
    await s.page.getByRole("heading", { level: 1, name: "mTLS Lab" }).waitFor();
    await s.page.keyboard.press("Control+Shift+P");
    await s.page.getByRole("dialog", { name: "Command palette" }).waitFor();
    await s.page.keyboard.type(`Learn: ${last.title}`);
    await s.page.keyboard.press("Enter");
    await s.page.getByRole("heading", { level: 1, name: last.title }).waitFor();
    expect(new URL(s.page.url()).pathname).toBe(`/learn/${last.slug}/`);
  });

  it("follows a chapter's link to a view without reloading the page (the visit's files stay)", async () => {
    const withLink = chapters.find((c) => /\]\(\/(handshake|generate|inspect|diagnose)\b/.test(readChapter(c.slug) ?? ""));
    if (!withLink) return;
    await s.page.goto(`${s.base}/learn/${withLink.slug}/`);
    await s.page.getByTestId("chapter").waitFor();
    await s.page.evaluate(() => ((window as unknown as { visitMarker: number }).visitMarker = 1));
    const link = s.page.getByTestId("chapter").locator("a[href^='/handshake/'], a[href^='/generate/'], a[href^='/inspect/'], a[href^='/diagnose/']").first();
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await poll(() => new URL(s.page.url()).pathname).toBe(href.split(/[?#]/)[0]);
    await s.page.getByRole("heading", { level: 1 }).first().waitFor();
    expect(await s.page.evaluate(() => (window as unknown as { visitMarker?: number }).visitMarker)).toBe(1);
  });

  it("a Problems panel topic link (/learn/validity/) goes on to the chapter section that explains it", async () => {
    if (chapters.length === 0) return;
    await s.page.goto(`${s.base}/learn/validity/`);
    await s.page.getByTestId("chapter").waitFor();
    const url = new URL(s.page.url());
    expect(chapters.map((c) => `/learn/${c.slug}/`)).toContain(url.pathname);
    if (url.hash) expect(await s.page.locator(`[id="${url.hash.slice(1)}"]`).count()).toBe(1);
  });

  it("requested nothing from any origin but its own", () => {
    expect(foreignRequests(s)).toEqual([]);
  });
});
