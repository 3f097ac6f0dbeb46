/**
 * One e2e session: the built export served on 127.0.0.1, Debian's Chromium with a fresh profile, and every
 * request the page makes recorded (the privacy check). The test builds nothing: it needs apps/web/out.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { assertBuilt, outDir } from "./first-load.mjs";
import { serveStatic } from "./static-server.mjs";
import { launchBrowser } from "./browser.mjs";

export const screenshotDir = join(import.meta.dirname, "..", ".test-output", "screenshots");

export interface Session {
  base: string;
  context: BrowserContext;
  page: Page;
  /** Every URL the browser requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close: () => Promise<void>;
}

/** Starts the server and the browser; fails with "run the build first" when apps/web/out is missing. */
export async function startSession(options: { viewport?: { width: number; height: number }; hasTouch?: boolean; isMobile?: boolean } = {}): Promise<Session> {
  assertBuilt();
  mkdirSync(screenshotDir, { recursive: true });
  const server = (await serveStatic(outDir)) as { url: string; close: () => Promise<void> };
  const browser = (await launchBrowser(options)) as { context: BrowserContext; close: () => Promise<void> };
  const requests: string[] = [];
  const errors: string[] = [];
  browser.context.on("request", (request) => requests.push(request.url()));
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    base: server.url,
    context: browser.context,
    page,
    requests,
    errors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Requests to anything but the page's own origin (blob: and data: URLs stay in the page). */
export function foreignRequests(session: Session): string[] {
  const origin = new URL(session.base).origin;
  return session.requests.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:") && new URL(url).origin !== origin);
}

/** axe-core's serious and critical violations on the current page, as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}: ${v.help}`));
}

/** Saves a full-page screenshot as .test-output/screenshots/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}
