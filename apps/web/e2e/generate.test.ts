// Generate in Chromium against the built export: an EC kit from URL settings, its files in the explorer with
// highlighting, the zip downloaded and unpacked here (fflate), `openssl verify` on its certificates and
// `nginx -t` on its nginx.conf with the kit folder as prefix; a kit with CRLs and compat .p12 files, a client
// revoked in the page and the CRL checked here (x509's decode, openssl verify -crl_check_all), the .p12
// opened by real openssl as Inspect predicts; RSA keys made in the worker with per-key progress.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { has, run, tempDir } from "@mtls-lab/peers";
import { decode, type CertificateInfo, type CrlInfo, type DecodedItem } from "@mtls-lab/x509";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

let s: Session;
const tmp = tempDir("mtls-lab-web-generate-");
const kitDir = join(tmp.path, "mtls-kit");
const crlKitDir = join(tmp.path, "crl", "mtls-kit");

/** Unpacks a downloaded zip under `into`. */
function unpack(zip: Uint8Array, into: string): void {
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    const path = join(into, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}

/** Clicks `button` and returns the bytes of the download it starts. */
async function downloaded(click: () => Promise<void>, name: string): Promise<Uint8Array> {
  const [download] = await Promise.all([s.page.waitForEvent("download"), click()]);
  const path = join(tmp.path, `dl-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(path);
  expect(download.suggestedFilename()).toBe(name);
  return new Uint8Array(readFileSync(path));
}

const crlsOf = (items: DecodedItem[]) => items.filter((i): i is CrlInfo => i.kind === "crl");
const normalSerial = (serial: string) => serial.replace(/[:\s]/g, "").toLowerCase().replace(/^0+/, "");

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

  it("makes a kit with CRLs and compat .p12 files, revokes a client in the page, and the CRL, the zip and nginx's config follow", async () => {
    await s.page.goto(`${s.base}/generate/?crl=1&p12=compat&clients=alice,bob&intermediate=1`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await expect.poll(() => s.page.getByLabel("PKCS#12 profile").inputValue()).toBe("compat");
    await expect.poll(() => s.page.getByLabel("Certificate revocation lists (CRLs)").isChecked()).toBe(true);
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    await s.page.locator("[data-testid=kit-zip][data-ready=true]").waitFor({ timeout: 60_000 });
    // The nginx config the page shows checks the kit's CRL file.
    const tree = s.page.getByRole("tree", { name: "Session files" });
    await tree.getByRole("treeitem", { name: "mtls-reverse.conf", exact: true }).click();
    await expect.poll(() => s.page.getByTestId("code").textContent()).toMatch(/ssl_crl\s+\S*client-crls\.pem;/);

    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "Generate" }).click();
    const revocation = s.page.getByTestId("revocation");
    await revocation.getByLabel("Reason for revoking").selectOption("keyCompromise");
    await revocation.getByRole("button", { name: "Revoke alice" }).click();
    await expect.poll(() => s.page.getByTestId("revocation-alice").textContent()).toMatch(/revoked \(keyCompromise\), serial [0-9a-f]+/);
    await expect.poll(() => s.page.getByTestId("revocation-bob").getByRole("button", { name: "Revoke bob" }).count()).toBe(1);
    await s.page.locator("[data-testid=kit-zip][data-ready=true]").waitFor();
    // The CRL's tab opens decoded: the intermediate CA issued alice, so its CRL lists one certificate.
    await tree.getByRole("treeitem", { name: "client-intermediate.crl", exact: true }).click();
    await expect.poll(() => s.page.getByTestId("summary").textContent()).toMatch(/Revoked\s*1 certificates/);
    await s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name: "Generate" }).click();
    await screenshot(s.page, "generate-revoked");
    expect(await seriousViolations(s.page)).toEqual([]);

    // The CRL downloaded from the page lists alice's serial, with the reason, and not bob's.
    const crlBytes = await downloaded(() => revocation.getByRole("button", { name: /Download the CRL/ }).click(), "client-crls.pem");
    const zip = await downloaded(() => s.page.getByRole("button", { name: "Download kit (.zip)" }).click(), "mtls-kit.zip");
    unpack(zip, join(tmp.path, "crl"));
    expect(readFileSync(join(crlKitDir, "client-crls.pem"))).toEqual(Buffer.from(crlBytes));
    const serial = async (name: string) => normalSerial(((await decode(readFileSync(join(crlKitDir, name)))).items[0] as CertificateInfo).serialNumber);
    const crls = crlsOf((await decode(crlBytes)).items);
    expect(crls).toHaveLength(2);
    const listed = crls.flatMap((c) => c.revoked.map((r) => ({ serial: normalSerial(r.serialNumber), reason: r.reason })));
    expect(listed).toEqual([{ serial: await serial("alice.crt"), reason: "keyCompromise" }]);
    expect(listed.map((l) => l.serial)).not.toContain(await serial("bob.crt"));
    expect(JSON.parse(readFileSync(join(crlKitDir, "kit.json"), "utf8")).revoked.map((r: { client: string }) => r.client)).toEqual(["alice"]);
    expect(readFileSync(join(crlKitDir, "nginx", "mtls-reverse.conf"), "utf8")).toMatch(/ssl_crl\s+\S*client-crls\.pem;/);

    // OpenSSL agrees: alice is revoked, bob still verifies, with every CRL of the chain checked.
    const verify = (leaf: string) =>
      run("openssl", ["verify", "-crl_check_all", "-CRLfile", "client-crls.pem", "-CAfile", "client-ca.crt", "-untrusted", "client-intermediate.crt", leaf], { cwd: crlKitDir, timeoutMs: 30_000 });
    const alice = await verify("alice.crt");
    expect(`${alice.stdout}${alice.stderr}`).toMatch(/certificate revoked/);
    expect(alice.code).not.toBe(0);
    expect((await verify("bob.crt")).stdout.trim()).toBe("bob.crt: OK");
  });

  it("shows a compat .p12's protection in Inspect, and real openssl opens it exactly as Inspect predicts", async () => {
    const tree = s.page.getByRole("tree", { name: "Session files" });
    await tree.getByRole("treeitem", { name: "bob.p12", exact: true }).click();
    await s.page.getByRole("button", { name: "Open it decoded" }).click();
    const dialog = s.page.getByRole("dialog", { name: /password-protected PKCS#12/ });
    await dialog.getByLabel("PKCS#12 password").fill("changeit");
    await dialog.getByRole("button", { name: "Open" }).click();
    await dialog.waitFor({ state: "detached" });
    const protection = s.page.getByTestId("p12-protection");
    await expect.poll(() => protection.getByTestId("p12-mac").textContent()).toMatch(/^sha1, 2048 iterations, salt \d+ bytes$/);
    const parts = (await protection.getByTestId("p12-parts").textContent()) ?? "";
    expect(parts).toMatch(/key: pbeWithSHA1And3-KeyTripleDES-CBC, 2048 iterations · friendly name bob · local key id [0-9a-f:]+/i);
    expect(parts).toMatch(/certificates: not encrypted/);
    await protection.scrollIntoViewIfNeeded();
    await screenshot(s.page, "inspect-p12-protection");
    const predicted = async (system: string) => (await protection.locator(`[data-system="${system}"]`).getAttribute("data-imports")) === "yes";
    const openssl = async (legacy: boolean) =>
      (await run("openssl", ["pkcs12", ...(legacy ? ["-legacy"] : []), "-in", "bob.p12", "-passin", "pass:changeit", "-noout"], { cwd: crlKitDir, timeoutMs: 30_000 })).code === 0;
    expect(await openssl(false)).toBe(await predicted("OpenSSL 3 (openssl pkcs12, curl, nginx, Node)"));
    expect(await openssl(true)).toBe(await predicted("OpenSSL 3 with -legacy"));
    // The compat profile is the one older macOS and Windows 7/8 import; the modern kit's file (first test) is not.
    expect(await predicted("macOS Keychain (SecPKCS12Import)")).toBe(true);
    expect(await predicted("Windows 7 / 8 / Server 2012 (certutil, MMC)")).toBe(true);
    const modern = (await decode(readFileSync(join(kitDir, "alice.p12")), { password: "changeit" })).items[0];
    expect(modern?.kind === "pkcs12" && modern.protection?.macAlgorithm).toBe("sha256");
    const modernOpenssl = modern?.kind === "pkcs12" ? modern.importers?.find((i) => i.system.startsWith("OpenSSL 3 ("))?.imports : undefined;
    const real = await run("openssl", ["pkcs12", "-in", "alice.p12", "-passin", "pass:changeit", "-noout"], { cwd: kitDir, timeoutMs: 30_000 });
    expect(real.code === 0).toBe(modernOpenssl);
    expect(modern?.kind === "pkcs12" && modern.importers?.find((i) => i.system.startsWith("macOS"))?.imports).toBe(false);
  });

  it("makes RSA keys in the worker with progress for each key, and the page keeps drawing frames meanwhile; the password stays out of the link", async () => {
    await s.page.goto(`${s.base}/generate/`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await s.page.getByLabel("Key type").selectOption("rsa-3072");
    await s.page.getByLabel("PKCS#12 password (not kept in the link)").fill("link-must-not-show-this");
    await expect.poll(() => new URL(s.page.url()).searchParams.get("key")).toBe("rsa-3072");
    expect(s.page.url()).not.toContain("link-must-not-show-this");
    // Every progress text the page shows, with the number of animation frames drawn by then: frames only
    // advance while the main thread is free, so a count that grows between keys means the page stayed responsive.
    await s.page.evaluate(() => {
      const w = globalThis as unknown as { __frames: number; __seen: { text: string; frames: number }[] };
      w.__frames = 0;
      w.__seen = [];
      const tick = () => {
        w.__frames += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new MutationObserver(() => {
        const text = document.querySelector("[data-testid=progress]")?.textContent ?? "";
        if (text && w.__seen.at(-1)?.text !== text) w.__seen.push({ text, frames: w.__frames });
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    await expect.poll(() => s.page.getByTestId("progress").textContent()).toMatch(/RSA/);
    await s.page.getByTestId("progress").waitFor({ state: "detached", timeout: 120_000 });
    await expect.poll(() => s.page.getByRole("tree", { name: "Session files" }).getByRole("treeitem", { name: "server.key", exact: true }).count()).toBe(1);
    const seen = await s.page.evaluate(() => (globalThis as unknown as { __seen: { text: string; frames: number }[] }).__seen);
    // Two CAs, the server and one client: four keys, each reported as made.
    const made = seen.flatMap((e) => {
      const m = /RSA-3072 keys: made the (.+?) key \((\d) of 4\)/.exec(e.text);
      return m ? [{ key: m[1], n: Number(m[2]), frames: e.frames }] : [];
    });
    expect(made.map((m) => m.n)).toEqual([1, 2, 3, 4]);
    expect(made.map((m) => m.key)).toEqual(["server CA", "client CA", "server", "client client"]);
    expect(made.at(-1)!.frames - made[0]!.frames, "frames drawn while keys 2 to 4 were made").toBeGreaterThanOrEqual(3);
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
