// Generate in Chromium against the built export: an EC kit from URL settings, its files in the explorer with
// highlighting, the zip downloaded and unpacked here (fflate), `openssl verify` on its certificates and
// `nginx -t` on its nginx.conf with the kit folder as prefix.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { has, run, tempDir } from "@mtls-lab/peers";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

let s: Session;
const tmp = tempDir("mtls-lab-web-generate-");
const kitDir = join(tmp.path, "mtls-kit");

beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

describe("generate", () => {
  it("generates an EC kit from the settings in the link and shows its files", async () => {
    await s.page.goto(`${s.base}/generate/?key=ec-p256&hosts=localhost,kit.test&clients=alice,bob&intermediate=1`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await expect.poll(() => s.page.getByLabel("Server host names").inputValue()).toBe("localhost, kit.test");
    await expect.poll(() => s.page.getByLabel("Intermediate CAs").isChecked()).toBe(true);
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    const tree = s.page.getByRole("tree", { name: "Session files" });
    await tree.getByRole("treeitem", { name: "nginx.conf", exact: true }).waitFor({ timeout: 60_000 });
    for (const name of ["server-ca.crt", "client-ca.crt", "server.crt", "server.key", "alice.p12", "bob.crt", "README.md", "test.sh"]) {
      await expect.poll(() => tree.getByRole("treeitem", { name, exact: true }).count()).toBe(1);
    }
    // README opens first; nginx.conf opens highlighted by shiki.
    await expect.poll(() => s.page.getByTestId("code").textContent()).toMatch(/^# mTLS kit/);
    await tree.getByRole("treeitem", { name: "nginx.conf", exact: true }).click();
    await expect.poll(() => s.page.locator("[data-testid=code] .shiki").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => s.page.getByTestId("code").textContent()).toMatch(/include nginx\/mtls-reverse\.conf;/);
    await expect.poll(() => s.page.getByTestId("kit-status").textContent()).toBe("kit: ec-p256 · 2 CAs + 2 intermediates, 1 server, 2 clients");
    await screenshot(s.page, "generate-kit");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("puts the form in the editor area with one line of help for every choice, and the files in a folder tree", async () => {
    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "Generate" }).click();
    const form = s.page.locator("#editor").getByRole("form", { name: "Kit settings" });
    await form.waitFor();
    const help = await form.locator("input, select").evaluateAll((controls) =>
      controls.map((c) => [c.getAttribute("name"), (c.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join("")]),
    );
    expect(help.length).toBeGreaterThanOrEqual(10);
    for (const [name, text] of help) expect(text!.length, `help for ${name}`).toBeGreaterThan(15);
    // The kit is a folder with folders inside (nginx/, curl/, ...), not a flat list of paths.
    const tree = s.page.getByRole("tree", { name: "Session files" });
    await expect(tree.getByRole("treeitem", { name: /kit$/ }).first().getAttribute("aria-level")).resolves.toBe("1");
    const nginx = tree.locator('[role=treeitem][data-folder][aria-level="2"]', { hasText: "nginx" });
    await expect(nginx.count()).resolves.toBe(1);
    await expect(tree.getByRole("treeitem", { name: "mtls-reverse.conf", exact: true }).getAttribute("aria-level")).resolves.toBe("3");
    // No notice about a setting the form does not have.
    await s.page.getByRole("button", { name: "Panel", exact: true }).click();
    await expect(s.page.getByRole("region", { name: "Panel" }).textContent()).resolves.not.toMatch(/skipped|needs upstream/);
  });

  it("opens a kit certificate decoded, with its PEM one click away", async () => {
    const tree = s.page.getByRole("tree", { name: "Session files" });
    await tree.getByRole("treeitem", { name: "server.crt", exact: true }).click();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=localhost,O=mTLS Lab");
    await expect(s.page.getByTestId("summary").textContent()).resolves.toContain("DNS:kit.test");
    await s.page.getByRole("button", { name: "Show PEM" }).click();
    await expect.poll(() => s.page.getByTestId("code").textContent()).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it("makes the kit again when a setting changes, with the same keys", async () => {
    const tree = s.page.getByRole("tree", { name: "Session files" });
    const readFile = async (name: string) => {
      await tree.getByRole("treeitem", { name, exact: true }).click();
      const show = s.page.getByRole("button", { name: "Show PEM" });
      if (await show.count()) await show.click();
      return (await s.page.getByTestId("code").textContent()) ?? "";
    };
    const key = await readFile("server.key");
    const cert = await readFile("server.crt");
    expect(key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "Generate" }).click();
    await s.page.getByLabel("Server host names").fill("localhost, kit.test, changed.test");
    // Debounced: the files follow the form a moment after typing stops.
    await expect.poll(async () => (await readFile("server.crt")) !== cert, { timeout: 60_000 }).toBe(true);
    await tree.getByRole("treeitem", { name: "server.crt", exact: true }).click();
    await s.page.getByRole("button", { name: "Show decoded" }).click();
    await expect.poll(() => s.page.getByTestId("summary").textContent()).toContain("DNS:changed.test");
    expect(await readFile("server.key")).toBe(key);
  });

  it("links the kit to Diagnose", async () => {
    await s.page.getByRole("button", { name: "Diagnose this kit" }).click();
    await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
    await expect.poll(() => s.page.getByTestId("diagnose-verdict").textContent()).toContain("The handshake succeeds");
    await s.page.goBack();
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
  });

  it("downloads the kit as a zip that unpacks with fflate, with keys kept 0600", async () => {
    const [download] = await Promise.all([s.page.waitForEvent("download"), s.page.getByRole("button", { name: "Download kit (.zip)" }).click()]);
    expect(download.suggestedFilename()).toBe("mtls-kit.zip");
    const zipPath = join(tmp.path, "kit.zip");
    await download.saveAs(zipPath);
    const entries = unzipSync(readFileSync(zipPath));
    expect(Object.keys(entries)).toContain("mtls-kit/server-ca.crt");
    for (const [name, bytes] of Object.entries(entries)) {
      const path = join(tmp.path, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    expect(readFileSync(join(kitDir, "README.md"), "utf8")).toMatch(/## Run it/);
    // The zip's Unix modes, read back with unzip -Z (zipinfo) when it is installed.
    if (has("unzip")) {
      const listing = (await run("unzip", ["-Z", zipPath], { timeoutMs: 30_000 })).stdout;
      expect(listing).toMatch(/-rw-------.*mtls-kit\/server\.key/);
      expect(listing).toMatch(/-rw-r--r--.*mtls-kit\/server\.crt/);
    }
    expect(statSync(join(kitDir, "server.crt")).size).toBeGreaterThan(0);
  });

  it("openssl verify accepts the kit's server and client certificates against their own CAs", async () => {
    const verify = (ca: string, chain: string, leaf: string, purpose: string) =>
      run("openssl", ["verify", "-CAfile", ca, "-untrusted", chain, "-purpose", purpose, leaf], { cwd: kitDir, timeoutMs: 30_000 });
    const server = await verify("server-ca.crt", "server-chain.crt", "server.crt", "sslserver");
    expect(server.stdout.trim()).toBe("server.crt: OK");
    for (const client of ["alice", "bob"]) {
      const r = await verify("client-ca.crt", `${client}-chain.crt`, `${client}.crt`, "sslclient");
      expect(r.stdout.trim()).toBe(`${client}.crt: OK`);
    }
    // Two CAs: the server CA must not vouch for a client.
    const crossed = await verify("server-ca.crt", "alice-chain.crt", "alice.crt", "sslclient");
    expect(crossed.code).not.toBe(0);
  });

  it("nginx -t accepts the kit's nginx.conf with the kit folder as prefix", async () => {
    const r = await run("nginx", ["-t", "-p", `${kitDir}/`, "-c", join(kitDir, "nginx.conf")], { timeoutMs: 30_000 });
    expect(`${r.stderr}`).toMatch(/syntax is ok/);
    expect(`${r.stderr}`).toMatch(/test is successful/);
    expect(r.code).toBe(0);
  });

  it("shows progress while RSA keys are generated, and keeps the settings in the link but never the password", async () => {
    await s.page.goto(`${s.base}/generate/`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await s.page.getByLabel("Key type").selectOption("rsa-3072");
    await s.page.getByLabel("PKCS#12 password (not kept in the link)").fill("link-must-not-show-this");
    await expect.poll(() => new URL(s.page.url()).searchParams.get("key")).toBe("rsa-3072");
    expect(s.page.url()).not.toContain("link-must-not-show-this");
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    await expect.poll(() => s.page.getByTestId("progress").textContent()).toMatch(/RSA/);
    await s.page.getByTestId("progress").waitFor({ state: "detached", timeout: 120_000 });
    await expect.poll(() => s.page.getByRole("tree", { name: "Session files" }).getByRole("treeitem", { name: "server.key", exact: true }).count()).toBe(1);
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
