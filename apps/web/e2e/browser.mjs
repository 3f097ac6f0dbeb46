// Debian's Chromium driven by playwright-core (executablePath /usr/bin/chromium, these args, a fresh profile; no downloaded browser).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/**
 * A persistent context in a fresh --user-data-dir; `close()` stops the browser and removes the profile.
 * `viewport`, `hasTouch` and `isMobile` make a phone (the responsive tests tap at 360 and 390 px).
 */
export async function launchBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "mtls-lab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
    colorScheme: options.colorScheme ?? "dark",
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
