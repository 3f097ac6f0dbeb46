// Inspect in Chromium against the built export, with fixtures made by openssl in a temp dir:
// paste a PEM, upload DER and a password-protected PKCS#12, and the ASN.1 tree's byte highlight.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

let s: Session;
/** An editor tab's button, by file name. */
const tab = (name: string) => s.page.getByRole("navigation", { name: "Open editors" }).getByRole("button", { name, exact: true });
const tmp = tempDir("mtls-lab-web-inspect-");
const P12_PASSWORD = "e2e-secret-42";

async function openssl(args: string[]): Promise<string> {
  const r = await run("openssl", args, { cwd: tmp.path, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function makeCert(name: string) {
  return openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.crt`, "-days", "30", "-subj", `/O=mTLS Lab E2E/CN=${name}`, "-addext", "extendedKeyUsage=clientAuth", "-addext", `subjectAltName=DNS:${name}.test`]);
}

beforeAll(async () => {
  await makeCert("e2e-paste");
  await makeCert("e2e-der");
  await makeCert("e2e-p12");
  await openssl(["x509", "-in", "e2e-der.crt", "-outform", "DER", "-out", "e2e-der.der"]);
  // A client certificate without subjectAltName, as CAs issue them: no host-name advice belongs on it.
  await openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "e2e-client-nosan.key", "-out", "e2e-client-nosan.crt", "-days", "30", "-subj", "/CN=e2e-client-nosan", "-addext", "basicConstraints=critical,CA:FALSE", "-addext", "extendedKeyUsage=clientAuth"]);
  await openssl(["req", "-new", "-key", "e2e-paste.key", "-out", "e2e.csr", "-subj", "/O=mTLS Lab E2E/CN=e2e-csr"]);
  await openssl(["pkcs12", "-export", "-in", "e2e-p12.crt", "-inkey", "e2e-p12.key", "-out", "e2e-p12.p12", "-passout", `pass:${P12_PASSWORD}`, "-name", "e2e"]);
  s = await startSession();
  await s.page.goto(`${s.base}/inspect/`);
  await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
});
afterAll(async () => {
  await s?.close();
  tmp.cleanup();
});

describe("inspect", () => {
  it("pastes a PEM (inside other text) and shows its subject", async () => {
    const pem = readFileSync(join(tmp.path, "e2e-paste.crt"), "utf8");
    await s.page.getByLabel("Paste PEM text").fill(`log line before\n${pem}\ntrailing text`);
    await s.page.getByRole("button", { name: "Decode" }).click();
    const subject = s.page.getByTestId("subject");
    await expect.poll(() => subject.textContent()).toBe("CN=e2e-paste,O=mTLS Lab E2E");
    await expect.poll(() => s.page.getByTestId("validity").textContent()).toBe("expiring");
    // `openssl req -x509` marks this leaf CA:TRUE with a clientAuth EKU: x509's lint flags it in the Problems panel.
    await expect.poll(() => s.page.getByTestId("problems").textContent()).toMatch(/pasted\.pem: CN=e2e-paste/);
    await screenshot(s.page, "inspect-certificate");
    expect(await seriousViolations(s.page)).toEqual([]);
    // The same page in the light theme (the system's choice here): badges and problems keep their contrast.
    await s.page.emulateMedia({ colorScheme: "light" });
    await screenshot(s.page, "inspect-certificate-light");
    expect(await seriousViolations(s.page)).toEqual([]);
    await s.page.emulateMedia({ colorScheme: "dark" });
  });

  it("uploads a DER file and shows its subject", async () => {
    await s.page.setInputFiles("#inspect-file", join(tmp.path, "e2e-der.der"));
    await tab("e2e-der.der").waitFor();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-der,O=mTLS Lab E2E");
  });

  it("shows extensions for people: names, usages and names as text, never JSON", async () => {
    await s.page.getByRole("tab", { name: "Extensions" }).click();
    const ext = s.page.getByTestId("extensions");
    await ext.waitFor();
    const text = (await ext.textContent()) ?? "";
    expect(text).toContain("subjectAltName");
    expect(text).toContain("DNS: e2e-der.test");
    expect(text).toContain("clientAuth");
    expect(text).not.toMatch(/[[{]"|"type"|"value"/);
    await s.page.getByRole("tab", { name: "Summary" }).click();
  });

  it("opens the ASN.1 tree; selecting a node highlights exactly its bytes, clicking a byte selects its node", async () => {
    // Arrow keys move between the object's sections (Summary -> Extensions -> ASN.1).
    await s.page.getByRole("tab", { name: "Summary" }).focus();
    await s.page.keyboard.press("ArrowRight");
    await expect.poll(() => s.page.getByTestId("extensions").count()).toBe(1);
    await s.page.keyboard.press("ArrowRight");
    await expect.poll(() => s.page.getByRole("tab", { name: "ASN.1" }).getAttribute("aria-selected")).toBe("true");
    const tree = s.page.getByTestId("asn1-tree");
    await tree.waitFor();
    // Field names from the Certificate structure (RFC 5280 4.1), as lapo.it/asn1js shows them.
    await expect.poll(() => s.page.locator("#asn1-0\\.0").textContent()).toMatch(/^\S*\s*tbsCertificate SEQUENCE/);
    await expect(s.page.locator("#asn1-0\\.0\\.1").textContent()).resolves.toContain("serialNumber INTEGER");
    await expect(s.page.locator("#asn1-0\\.1").textContent()).resolves.toContain("signatureAlgorithm SEQUENCE");
    await expect(s.page.locator("#asn1-0\\.2").textContent()).resolves.toContain("signatureValue BIT STRING");
    // The hex view has an ASCII column: the subject's CN is readable in it.
    const ascii = (await s.page.locator("[data-testid=hex] .hex-ascii").allTextContents()).join("");
    expect(ascii.replace(/\s/g, "")).toContain("e2e-der");
    // openssl's own parse gives the expected header and content lengths of tbsCertificate (depth 1, the first child).
    const parse = (await openssl(["asn1parse", "-inform", "DER", "-in", "e2e-der.der"])).split("\n");
    const tbs = /^\s*(\d+):d=1\s+hl=(\d+)\s+l=\s*(\d+)/.exec(parse.find((l) => /:d=1 /.test(l)) ?? "");
    expect(tbs).not.toBeNull();
    const [start, hl, l] = [Number(tbs![1]), Number(tbs![2]), Number(tbs![3])];
    await s.page.locator("#asn1-0\\.0").click();
    await expect.poll(() => s.page.locator("[data-testid=hex] .hl, [data-testid=hex] .hl-header").count()).toBe(hl + l);
    await expect.poll(() => s.page.locator("[data-testid=hex] .hl-header").count()).toBe(hl);
    const first = await s.page.locator("[data-testid=hex] .hl-header").first().getAttribute("data-offset");
    expect(Number(first)).toBe(start);
    await screenshot(s.page, "inspect-asn1");
    // The other way round: a byte of the signature algorithm's OID selects that OID node.
    const sigAlg = parse.filter((l) => /:d=1 /.test(l))[1]!;
    const oidLine = parse[parse.indexOf(sigAlg) + 1]!;
    const oidOffset = Number(/^\s*(\d+):/.exec(oidLine)![1]);
    await s.page.locator(`[data-testid=hex] [data-offset="${oidOffset + 2}"]`).click();
    const selected = s.page.locator('[data-testid=asn1-tree] [aria-selected="true"]');
    await expect.poll(() => selected.getAttribute("id")).toBe("asn1-0.1.0");
    await expect.poll(() => selected.textContent()).toMatch(/OBJECT IDENTIFIER/);
    // Arrow keys move in the tree.
    await tree.focus();
    await s.page.keyboard.press("ArrowLeft");
    await expect.poll(() => selected.getAttribute("id")).toBe("asn1-0.1");
    expect(await seriousViolations(s.page)).toEqual([]);
    // "Copy as hex" puts exactly the node's bytes (signatureAlgorithm, per openssl) on the clipboard.
    const [, sigStart, sigHl, sigL] = /^\s*(\d+):d=1\s+hl=(\d+)\s+l=\s*(\d+)/.exec(sigAlg)!.map(Number);
    const der = readFileSync(join(tmp.path, "e2e-der.der"));
    await s.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.base });
    await s.page.getByRole("button", { name: "Copy as hex" }).click();
    await expect.poll(() => s.page.evaluate(() => navigator.clipboard.readText())).toBe(der.subarray(sigStart, sigStart! + sigHl! + sigL!).toString("hex"));
  });

  it("downloads the object as PEM, identical to what openssl writes", async () => {
    const [download] = await Promise.all([s.page.waitForEvent("download"), s.page.getByRole("button", { name: "Download PEM" }).click()]);
    expect(download.suggestedFilename()).toBe("e2e-der.pem");
    const saved = join(tmp.path, "downloaded.pem");
    await download.saveAs(saved);
    expect(readFileSync(saved, "utf8")).toBe(await openssl(["x509", "-inform", "DER", "-in", "e2e-der.der"]));
  });

  it("opens a file dropped anywhere on the page", async () => {
    const pem = readFileSync(join(tmp.path, "e2e-paste.crt"), "utf8");
    await s.page.evaluate((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], "dropped.crt", { type: "application/x-x509-ca-cert" }));
      const target = document.querySelector(".wb-activity")!;
      target.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: transfer }));
      target.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, pem);
    await tab("dropped.crt").waitFor();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-paste,O=mTLS Lab E2E");
  });

  it("uploads a PKCS#12 file, asks for its password, and lists what is inside", async () => {
    await s.page.setInputFiles("#inspect-file", join(tmp.path, "e2e-p12.p12"));
    const dialog = s.page.getByRole("dialog", { name: /password-protected PKCS#12/ });
    await dialog.waitFor();
    await dialog.getByLabel("PKCS#12 password").fill("wrong password");
    await dialog.getByRole("button", { name: "Open" }).click();
    await dialog.getByRole("alert").waitFor();
    await dialog.getByLabel("PKCS#12 password").fill(P12_PASSWORD);
    await dialog.getByRole("button", { name: "Open" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => s.page.getByTestId("bundle-count").textContent()).toMatch(/^PKCS#12 file with 1 certificate and 1 other object/);
    await s.page.getByTestId("chain-graph").getByRole("button", { name: "e2e-p12", exact: true }).click();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-p12,O=mTLS Lab E2E");
    await screenshot(s.page, "inspect-pkcs12");
  });

  it("opens a key and a CSR chosen together, each in its own tab, and says which opened objects the key fits", async () => {
    await s.page.setInputFiles("#inspect-file", [join(tmp.path, "e2e-paste.key"), join(tmp.path, "e2e.csr")]);
    await tab("e2e.csr").waitFor();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=e2e-csr,O=mTLS Lab E2E");
    // The CSR was made with e2e-paste.key: its key is named.
    await expect.poll(() => s.page.getByTestId("key-match").textContent()).toMatch(/matches\s*e2e-paste\.key/);
    await tab("e2e-paste.key").click();
    await expect.poll(() => s.page.getByTestId("summary").textContent()).toMatch(/pkcs8.*EC P-256/);
    // The key fits the pasted certificate and the CSR; a key has no Extensions tab and no certificate advice.
    const match = s.page.getByTestId("key-match");
    await expect.poll(() => match.textContent()).toContain("pasted.pem");
    await expect(match.textContent()).resolves.toContain("e2e.csr");
    await expect(s.page.getByRole("tablist", { name: "Sections" }).getByRole("tab").allTextContents()).resolves.toEqual(["Summary", "ASN.1", "Text"]);
    await expect(s.page.locator("#editor").textContent()).resolves.not.toMatch(/X\.509 v1|reissue/);
    // The DER certificate has no key opened: it says so.
    await tab("e2e-der.der").click();
    await expect.poll(() => s.page.getByTestId("key-match").textContent()).toMatch(/No opened private key matches/);
  });

  it("gives SAN advice to server leaves only", async () => {
    await s.page.setInputFiles("#inspect-file", join(tmp.path, "e2e-client-nosan.crt"));
    await tab("e2e-client-nosan.crt").waitFor();
    await expect.poll(() => s.page.getByTestId("summary").textContent()).toContain("none (not needed: a client certificate is not matched against a host name)");
    await expect(s.page.getByTestId("summary").textContent()).resolves.not.toContain("TLS clients will not match");
  });

  it("opens the sample certificate offered by the empty view, fetched from the site itself", async () => {
    await s.page.getByRole("complementary", { name: "Inspect side bar" }).getByRole("button", { name: "Sample" }).click();
    await tab("sample-server.crt").waitFor();
    await expect.poll(() => s.page.getByTestId("subject").textContent()).toBe("CN=localhost,O=mTLS Lab");
    expect(s.requests.some((url) => url.endsWith("/samples/server.crt"))).toBe(true);
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
