// The illustrated handshake in Chromium against the built export: a shipped sample opened from the
// Handshake view, a byte of the client's Certificate selected (its field and explanation light up, and back),
// keyboard moves through fields and records, the proof with both signatures verified, the client
// certificate decoded in Inspect, a rejection's alert marked, and a 360 px phone without sideways scroll.
// Expected values come from packages/handshake's annotateCapture run here on the same sample.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCapture } from "@mtls-lab/handshake";
import { annotateCapture, type AnnotatedHandshake, type ByteNode } from "@mtls-lab/handshake/annotate";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
const samples = join(import.meta.dirname, "..", "..", "..", "packages", "handshake", "samples");
const annotate = (file: string) => annotateCapture(readFileSync(join(samples, file), "utf8"));

/** The deepest node of `tree` holding byte `b`. */
function leafAt(tree: ByteNode, b: number): ByteNode {
  const child = tree.children?.find((c) => b >= c.range[0] && b < c.range[1]);
  return child ? leafAt(child, b) : tree;
}
function find(tree: ByteNode, test: (n: ByteNode) => boolean): ByteNode | undefined {
  if (test(tree)) return tree;
  for (const c of tree.children ?? []) {
    const hit = find(c, test);
    if (hit) return hit;
  }
  return undefined;
}

describe("the illustrated handshake", () => {
  let s: Session;
  let tls13: AnnotatedHandshake;
  beforeAll(async () => {
    tls13 = await annotate("tls13-mtls.json");
    s = await startSession({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("selecting a byte of the client's Certificate highlights its field and explanation, and a field its bytes", async () => {
    const record = tls13.records.find((r) => r.from === "client" && r.carries.includes("Certificate"))!;
    const der = find(record.plaintext!.tree, (n) => n.certificate !== undefined)!;
    const b = der.range[0] + 40;
    const leaf = leafAt(record.plaintext!.tree, b);
    expect(leaf.explain.length).toBeGreaterThan(10);

    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("button", { name: "Open the TLS 1.3 sample" }).click();
    await s.page.getByTestId("illustrated").waitFor();
    await poll(() => s.page.getByTestId("il-record").count()).toBe(tls13.records.length);
    const card = s.page.locator('[data-testid="il-record"][data-from="client"][data-carries="Certificate"]');
    await expect(card.textContent()).resolves.toContain("mTLS");
    // The records client authentication adds are marked (and open); the server's own Certificate is not.
    const marked = await s.page.getByTestId("il-record").evaluateAll((els) => els.filter((e) => e.classList.contains("il-mtls")).map((e) => `${e.getAttribute("data-from")} ${e.getAttribute("data-carries")}`));
    expect(marked).toEqual(expect.arrayContaining(["server CertificateRequest", "client Certificate", "client CertificateVerify"]));
    expect(marked).not.toContain("server Certificate");
    await expect(s.page.locator('[data-testid="il-record"][data-carries="CertificateRequest"]').textContent()).resolves.toContain("certificate_authorities");
    // The second block of the record is its decrypted content.
    const block = card.locator(".ab").nth(1);
    await block.locator(`[data-b="${b}"]`).click();
    await poll(() => block.getByTestId("field-explanation").textContent()).toBe(leaf.explain);
    await expect(block.locator('.ab-field[aria-current="true"] .ab-label').textContent()).resolves.toBe(leaf.label);
    await expect(block.locator('.ab-field[aria-current="true"]').evaluate((e) => e.classList.contains("ab-on"))).resolves.toBe(true);
    await expect(block.locator(`[data-b="${b}"]`).evaluate((e) => e.parentElement!.classList.contains("ab-on"))).resolves.toBe(true);
    await screenshot(s.page, "illustrated-client-certificate");

    // Back the other way: the certificate_list field lights up exactly its bytes.
    const list = find(record.plaintext!.tree, (n) => n.key.endsWith("certificate_list"))!;
    await block.locator(`.ab-field[data-key="${list.key}"]`).first().click();
    await poll(() => block.locator(".ab-leaf.ab-on [data-b]").count()).toBe(list.range[1] - list.range[0]);
    await expect(block.getByTestId("field-explanation").textContent()).resolves.toBe(list.explain);
    // Hovering a byte of the record header shows that field's explanation.
    const header = leafAt(record.tree, 0);
    await card.locator(".ab").first().locator('[data-b="0"]').hover();
    await poll(() => card.locator(".ab").first().getByTestId("field-explanation").textContent()).toBe(header.explain);
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("keys: arrows move between fields and bytes, PageDown goes to the next record", async () => {
    const card = s.page.locator('[data-testid="il-record"][data-from="client"][data-carries="Certificate"]');
    const block = card.locator(".ab").nth(1);
    const current = block.locator('.ab-field[aria-current="true"]');
    const before = Number(await current.getAttribute("data-node"));
    await current.focus();
    await s.page.keyboard.press("ArrowDown");
    await poll(() => block.locator('.ab-field[aria-current="true"]').getAttribute("data-node")).toBe(String(before + 1));
    await expect(s.page.evaluate(() => document.activeElement?.getAttribute("data-node"))).resolves.toBe(String(before + 1));
    await s.page.keyboard.press("PageDown");
    const next = s.page.getByTestId("il-record").nth((await s.page.getByTestId("il-record").evaluateAll((els) => els.findIndex((e) => e.getAttribute("data-carries") === "Certificate" && e.getAttribute("data-from") === "client"))) + 1);
    await poll(() => next.evaluate((e) => e.contains(document.activeElement))).toBe(true);
    // In the bytes: → moves one byte, the explanation follows.
    const hex = block.getByTestId("annotated-hex");
    await hex.locator('[data-b="4"]').click();
    await hex.focus();
    await s.page.keyboard.press("ArrowRight");
    await poll(() => hex.locator(".ab-cur").getAttribute("data-b")).toBe("5");
  });

  it("records client authentication does not change open on demand: the ClientHello's bytes", async () => {
    const hello = s.page.getByTestId("il-record").first();
    await expect(hello.getAttribute("data-carries")).resolves.toBe("ClientHello");
    await expect(hello.locator(".ab").count()).resolves.toBe(0);
    await hello.getByTestId("record-toggle").click();
    await poll(() => hello.locator(".ab [data-b]").count()).toBe(tls13.records[0]!.hex.length / 2);
    const suites = find(tls13.records[0]!.tree, (n) => n.key.endsWith("cipher_suites"))!;
    await hello.locator(`.ab-field[data-key="${suites.key}"]`).first().click();
    await poll(() => hello.getByTestId("field-explanation").textContent()).toBe(suites.explain);
    await hello.getByTestId("record-toggle").click();
    await poll(() => hello.locator(".ab").count()).toBe(0);
  });

  it("proves the handshake: both CertificateVerify signatures and both Finished verified, with openssl commands", async () => {
    const proof = s.page.getByTestId("proof");
    await expect(proof.getByTestId("proof-summary").textContent()).resolves.toBe(
      "CertificateVerify: client ✓ verified, server ✓ verified. Finished: client ✓ verified, server ✓ verified.",
    );
    const client = proof.getByTestId("signature-client");
    await expect(client.textContent()).resolves.toContain("signature verified with the certificate's public key");
    await expect(client.textContent()).resolves.toContain(tls13.proof.signatures.client!.signedContent);
    await expect(client.locator("pre").textContent()).resolves.toContain("openssl pkeyutl -verify");
    // TLS 1.3 signs 64 spaces, the context string, 0x00 and the transcript hash (RFC 8446 4.4.3): shown part by part.
    await expect(client.getByTestId("signed-parts").locator("li").allTextContents()).resolves.toEqual([
      `64 spaces (0x20) ${"20".repeat(64)}`,
      `"TLS 1.3, client CertificateVerify" ${Buffer.from("TLS 1.3, client CertificateVerify").toString("hex")}`,
      "0x00 00",
      `transcript hash ${tls13.proof.signatures.client!.transcriptHash}`,
    ]);
    await expect(proof.getByTestId("finished-client").textContent()).resolves.toContain("matches the capture");
  });

  it("opens the client's certificate decoded in Inspect", async () => {
    const card = s.page.locator('[data-testid="il-record"][data-from="client"][data-carries="Certificate"]');
    await card.getByRole("button", { name: "Open client certificate 1 in Inspect" }).click();
    await s.page.getByRole("heading", { level: 1, name: "client-certificate-0.crt" }).waitFor();
    const decoded = await decodeCapture(JSON.parse(readFileSync(join(samples, "tls13-mtls.json"), "utf8")));
    const subject = decoded.steps.find((x) => x.from === "client" && x.name === "Certificate")!.certificates![0]!.subject!;
    const cn = /CN=([^,]+)/.exec(subject)?.[1];
    expect(cn, subject).toBeTruthy();
    await poll(() => s.page.locator("#editor").textContent()).toContain(cn!);
    await screenshot(s.page, "illustrated-certificate-in-inspect");
  });

  it("marks where a rejection's alert lands, and the missing client signature", async () => {
    const rejected = await annotate("tls12-rejected-client.json");
    const alert = rejected.records.find((r) => r.from === "server" && r.carries.some((c) => c.startsWith("Alert")))!;
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("button", { name: "Open the TLS 1.2 rejected-client sample" }).click();
    await s.page.getByTestId("illustrated").waitFor();
    const card = s.page.locator(`[data-testid="il-record"][data-from="server"][data-carries="${alert.carries.join(", ")}"]`);
    await poll(() => card.getByTestId("rejection").count()).toBe(1);
    await expect(s.page.getByTestId("rejection").count()).resolves.toBe(1);
    await expect(s.page.getByTestId("proof-summary").textContent()).resolves.toContain(`client ${rejected.certificateVerifyVerified.client ? "✓" : "✗"}`);
    await screenshot(s.page, "illustrated-rejected");
    expect(await seriousViolations(s.page)).toEqual([]);
    // The light theme's colours pass too (the field tints, the highlight, the badges).
    await card.locator(".ab [data-b]").first().click();
    await s.page.emulateMedia({ colorScheme: "light" });
    expect(await seriousViolations(s.page)).toEqual([]);
    await screenshot(s.page, "illustrated-rejected-light");
    await s.page.emulateMedia({ colorScheme: "dark" });
    // TLS 1.2 sends the client's certificate in clear: it opens in Inspect from the record's own bytes.
    const decoded = await decodeCapture(JSON.parse(readFileSync(join(samples, "tls12-rejected-client.json"), "utf8")));
    const subject = decoded.steps.find((x) => x.from === "client" && x.name === "Certificate")!.certificates![0]!.subject!;
    const clientCard = s.page.locator('[data-testid="il-record"][data-from="client"][data-carries="Certificate"]');
    await clientCard.getByRole("button", { name: "Open client certificate 1 in Inspect" }).click();
    await s.page.getByRole("heading", { level: 1, name: "client-certificate-0.crt" }).waitFor();
    await poll(() => s.page.locator("#editor").textContent()).toContain(/CN=([^,]+)/.exec(subject)![1]!);
  });

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

describe("the illustrated handshake on a 360 px phone", () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession({ viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("fits the width: nothing scrolls sideways, a byte tap shows its field", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("button", { name: "Open the TLS 1.3 sample" }).click();
    await s.page.getByTestId("illustrated").waitFor();
    await poll(() => s.page.getByTestId("il-record").count()).toBeGreaterThan(5);
    await s.page.getByTestId("proof").waitFor();
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // No element of the page is wider than the editor (hex rows wrap; commands scroll in their own box).
    const editorWidth = await s.page.locator("#editor").evaluate((e) => e.clientWidth);
    const wide = await s.page.locator("#editor .il *").evaluateAll(
      (els, max) => els.filter((e) => e.getBoundingClientRect().right > max + 1).map((e) => e.className || e.tagName),
      editorWidth,
    );
    expect(wide).toEqual([]);
    const block = s.page.locator('[data-testid="il-record"][data-from="client"][data-carries="Certificate"] .ab').first();
    await block.locator('[data-b="0"]').tap();
    await poll(() => block.getByTestId("field-explanation").textContent()).toMatch(/Content type|What the fragment carries/);
    await screenshot(s.page, "illustrated-phone");
  });
});
