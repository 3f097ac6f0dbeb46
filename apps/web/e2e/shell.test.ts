// The workbench as one shell (issue 15) in Debian's Chromium against the built export: the workspace survives
// every view, back/forward and a kept reload, and "Clear workspace" empties it; /learn/ and the 404 page;
// Problems as the truth; the keyboard (F1, no browser-reserved shortcut, skip link, 2 px focus ring); the drop target.
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { BROWSER_RESERVED } from "../lib/keybindings";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

let s: Session;
const tmp = tempDir("mtls-lab-web-shell-");

async function openssl(args: string[]): Promise<void> {
  const r = await run("openssl", args, { cwd: tmp.path, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
}

beforeAll(async () => {
  // A good server certificate (x509's lint finds nothing in it): a CA-signed leaf, 90 days, serverAuth, a SAN.
  await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "90", "-subj", "/CN=Shell Test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
  await openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "good.key", "-out", "good.csr", "-subj", "/CN=good.test"]);
  writeFileSync(join(tmp.path, "ext"), "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:good.test\n");
  await openssl(["x509", "-req", "-in", "good.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "90", "-extfile", "ext", "-out", "good.crt"]);
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

const chapters = readdirSync(join(import.meta.dirname, "..", "..", "..", "docs", "learn")).filter((n) => /^\d+-[a-z0-9-]+\.md$/i.test(n));
const VIEWS = ["Learn", "Handshake", "Inspect", "Generate", "Diagnose"] as const;

/** Clicks a view in the activity bar and waits until it is the current one. */
async function go(title: string) {
  await s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: title, exact: true }).click();
  await s.page.locator(`nav[aria-label="Views"] a[aria-current="page"][aria-label="${title}"]`).waitFor();
}

/** The open file tabs by name (the view's own page tab left out). */
const openTabs = () => s.page.locator('nav[aria-label="Open editors"] .wb-tab:not(.wb-tab-home) .wb-tab-title').allTextContents();
const tree = () => s.page.getByRole("tree", { name: "Session files" });

/** Opens the kit's server.crt from the explorer and reads its SHA-256 fingerprint from the decoded summary. */
async function serverFingerprint(): Promise<string> {
  await tree().getByRole("treeitem", { name: "server.crt", exact: true }).click();
  const dd = s.page.getByTestId("sha256");
  await dd.waitFor();
  return (await dd.getAttribute("data-value")) ?? "";
}

describe("one shell, one workspace", () => {
  it("keeps the kit and the open tabs through all five views, back and forward, and a kept reload; Clear removes everything", async () => {
    await s.page.goto(`${s.base}/generate/`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    await tree().getByRole("treeitem", { name: "nginx.conf", exact: true }).waitFor({ timeout: 60_000 });
    const fingerprint = await serverFingerprint();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The kit's certificate in Inspect, and the sample certificate opened there too.
    await s.page.getByRole("button", { name: "Inspect the server certificate" }).click();
    await s.page.locator('nav[aria-label="Views"] a[aria-current="page"][aria-label="Inspect"]').waitFor();
    await expect.poll(() => s.page.getByTestId("sha256").getAttribute("data-value")).toBe(fingerprint);
    await s.page.getByRole("complementary", { name: "Inspect side bar" }).getByRole("button", { name: "Sample" }).click();
    await s.page.getByRole("button", { name: "sample-server.crt", exact: true }).waitFor();
    const tabs = await openTabs();
    expect(tabs).toEqual(["README.md", "server.crt", "sample-server.crt"]);
    // A mark on the shell's element: gone if the shell were built again or the page reloaded.
    await s.page.evaluate(() => ((document.querySelector(".wb") as HTMLElement).dataset.probe = "same-shell"));

    for (const view of [...VIEWS, "Inspect"]) {
      await go(view);
      expect(await openTabs(), `tabs on ${view}`).toEqual(tabs);
      await expect(s.page.getByTestId("kit-status").textContent()).resolves.toMatch(/^kit: ec-p256/);
    }
    for (const step of ["back", "back", "back", "forward"] as const) {
      const before = s.page.url();
      await (step === "back" ? s.page.goBack() : s.page.goForward());
      await expect.poll(() => s.page.url()).not.toBe(before);
      expect(await openTabs(), `tabs after ${step}`).toEqual(tabs);
    }
    await expect(s.page.evaluate(() => (document.querySelector(".wb") as HTMLElement).dataset.probe)).resolves.toBe("same-shell");
    expect(await serverFingerprint()).toBe(fingerprint);
    // Switching views neither fetched the sample again nor reloaded anything.
    expect(s.requests.filter((u) => u.endsWith("/samples/server.crt"))).toHaveLength(1);

    // Keep this workspace in this tab: a reload brings back the same kit and tabs.
    await s.page.getByRole("checkbox", { name: "Keep this workspace in this tab" }).check();
    await expect.poll(() => s.page.evaluate(() => sessionStorage.length)).toBe(1);
    await s.page.reload();
    await tree().getByRole("treeitem", { name: "server.crt", exact: true }).waitFor();
    expect(await openTabs()).toEqual(tabs);
    expect(await serverFingerprint()).toBe(fingerprint);
    await expect(s.page.getByRole("checkbox", { name: "Keep this workspace in this tab" }).isChecked()).resolves.toBe(true);

    // Clear workspace: nothing left, not even after a reload.
    await s.page.getByRole("button", { name: "Clear workspace" }).click();
    await expect.poll(() => tree().count()).toBe(0);
    expect(await openTabs()).toEqual([]);
    await expect(s.page.getByTestId("kit-status").count()).resolves.toBe(0);
    await expect.poll(() => s.page.evaluate(() => sessionStorage.length)).toBe(0);
    await s.page.reload();
    await s.page.getByText("No files yet.").waitFor();
    expect(await openTabs()).toEqual([]);
    await expect(s.page.getByTestId("kit-status").count()).resolves.toBe(0);
  }, 120_000);

  it("/learn/ answers 200 with the chapter index", async () => {
    const response = await s.page.goto(`${s.base}/learn/`);
    expect(response?.status()).toBe(200);
    const index = s.page.getByTestId("chapter-index");
    await index.waitFor();
    expect(chapters.length).toBeGreaterThan(0);
    await expect(index.getByRole("link").count()).resolves.toBe(chapters.length);
    await index.getByRole("link").first().click();
    await s.page.getByTestId("chapter").waitFor();
    expect(new URL(s.page.url()).pathname).toBe(`/learn/${chapters.sort()[0]!.replace(/\.md$/, "")}/`);
  });

  it("the landing page offers all five views", async () => {
    await s.page.goto(`${s.base}/`);
    const cards = s.page.getByRole("list", { name: "What you can do here" }).getByRole("link");
    await expect.poll(() => cards.count()).toBe(5);
    const text = (await cards.allTextContents()).join("\n");
    for (const view of VIEWS) expect(text).toContain(view);
  });

  it("an unknown path shows the branded 404 with working navigation", async () => {
    const response = await s.page.goto(`${s.base}/no-such-page/`);
    expect(response?.status()).toBe(404);
    await s.page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor();
    await expect.poll(() => s.page.getByRole("navigation", { name: "Views" }).getByRole("link").count()).toBe(5);
    await expect(s.page.getByTestId("privacy").textContent()).resolves.toContain("nothing leaves this page");
    await screenshot(s.page, "not-found");
    expect(await seriousViolations(s.page)).toEqual([]);
    await go("Inspect");
    await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
  });

  it("garbage or an empty file after a good one: each error in Problems once (the badge counts them) and in its tab", async () => {
    await s.page.goto(`${s.base}/inspect/`);
    await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    await s.page.setInputFiles("#inspect-file", join(tmp.path, "good.crt"));
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=good.test");
    const badge = s.page.getByTestId("status-problems");
    await expect.poll(() => badge.textContent()).toBe("Problems 0");
    await s.page.setInputFiles("#inspect-file", { name: "garbage.pem", mimeType: "application/x-pem-file", buffer: Buffer.from("this is not a certificate\n") });
    await expect.poll(() => s.page.getByTestId("file-error").textContent()).toMatch(/^Could not open garbage\.pem: /);
    await expect.poll(() => badge.textContent()).toBe("Problems 1");
    await expect.poll(() => s.page.getByTestId("problems-badge").textContent()).toBe("1");
    const problems = s.page.getByTestId("problems");
    await expect.poll(() => problems.getByRole("listitem").count()).toBe(1);
    await expect(problems.textContent()).resolves.toMatch(/garbage\.pem: could not be opened: /);
    // The same garbage again is still one problem; an empty file is a second one.
    await s.page.setInputFiles("#inspect-file", { name: "garbage.pem", mimeType: "application/x-pem-file", buffer: Buffer.from("this is not a certificate\n") });
    await s.page.setInputFiles("#inspect-file", { name: "empty.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.alloc(0) });
    await expect.poll(() => badge.textContent()).toBe("Problems 2");
    await expect.poll(() => s.page.getByTestId("file-error").textContent()).toMatch(/^Could not open empty\.crt: /);
    await expect(s.page.locator('nav[aria-label="Open editors"] .wb-tab[data-failed]').count()).resolves.toBe(2);
    await screenshot(s.page, "inspect-failed-file");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("F1 opens the palette, and no advertised shortcut is one the browser keeps", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await s.page.keyboard.press("F1");
    const palette = s.page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    const shortcuts = (await palette.locator("kbd").allTextContents()).flatMap((k) => k.split(", "));
    expect(shortcuts).toEqual(expect.arrayContaining(["Ctrl+P", "Ctrl+B", "Ctrl+J"]));
    const titles = await s.page.evaluate(() => Array.from(document.querySelectorAll("[title]"), (e) => e.getAttribute("title") ?? ""));
    const advertised = [...shortcuts, ...titles.flatMap((t) => t.match(/Ctrl\+(?:Shift\+)?\w+/g) ?? [])];
    expect(advertised.length).toBeGreaterThan(3);
    for (const chord of advertised) expect(BROWSER_RESERVED as readonly string[]).not.toContain(chord);
    await s.page.keyboard.press("Escape");
    await palette.waitFor({ state: "detached" });
    // The close-editor command has no shortcut, and is in the palette by name.
    await s.page.keyboard.press("F1");
    await s.page.keyboard.type("close editor");
    await expect.poll(() => palette.getByRole("option").first().textContent()).toBe("View: Close Editor");
    await s.page.keyboard.press("Escape");
  });

  it("a skip link is the first Tab stop, and focus shows a 2 px ring", async () => {
    await s.page.goto(`${s.base}/diagnose/`);
    await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
    await s.page.keyboard.press("Tab");
    await expect(s.page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await s.page.keyboard.press("Enter");
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.id)).toBe("editor");
    await s.page.keyboard.press("Tab");
    const ring = await s.page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { width: style.outlineWidth, style: style.outlineStyle };
    });
    expect(ring).toEqual({ width: "2px", style: "solid" });
  });

  it("shows a drop target while a file is dragged over the page, and opens the dropped file", async () => {
    await s.page.goto(`${s.base}/learn/`);
    await s.page.getByTestId("chapter-index").waitFor();
    const pem = await (await fetch(`${s.base}/samples/server.crt`)).text();
    await s.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dragged.crt"));
      (window as unknown as { __transfer: DataTransfer }).__transfer = transfer;
    }, pem);
    // A real drag fires dragover every few dozen milliseconds while the pointer moves: so does this loop.
    await expect
      .poll(async () => {
        await s.page.evaluate(() => {
          const transfer = (window as unknown as { __transfer: DataTransfer }).__transfer;
          document.body.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: transfer }));
        });
        return s.page.getByTestId("drop-target").count();
      })
      .toBe(1);
    await expect(s.page.getByTestId("drop-target").textContent()).resolves.toContain("Drop to open");
    await screenshot(s.page, "drop-target");
    await s.page.evaluate(() => {
      const transfer = (window as unknown as { __transfer: DataTransfer }).__transfer;
      document.body.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer }));
    });
    await s.page.getByTestId("drop-target").waitFor({ state: "detached" });
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=localhost,O=mTLS Lab");
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
