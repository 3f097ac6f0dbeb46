// The Handshake view in Chromium against the built export: stepping through the TLS 1.3 mTLS flow, switching
// to a failure flow, reduced motion, and "Your handshake" with the bundled sample capture decoded, its
// client certificate opened in an Inspect tab. Expected values come from packages/handshake run here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCapture, flows } from "@mtls-lab/handshake";
import { foreignRequests, screenshot, seriousViolations, startSession, type Session } from "./harness";

/** expect.poll with room for a loaded CI machine (vitest's default is 1 s): a passing poll returns at once. */
const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { timeout: 30_000, ...options });

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

const position = () => s.page.getByTestId("step-position").textContent();
const detailTitle = () => s.page.getByTestId("step-detail").getByRole("heading", { level: 2 }).textContent();

describe("handshake", () => {
  it("steps through the TLS 1.3 mTLS flow message by message", async () => {
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    const steps = flows["tls13-mtls"].steps;
    await poll(position).toBe(`Step 1 of ${steps.length}: ${steps[0]!.name}`);
    for (let i = 1; i < steps.length; i++) {
      await s.page.getByRole("button", { name: "Next", exact: true }).click();
      await poll(position).toBe(`Step ${i + 1} of ${steps.length}: ${steps[i]!.name}`);
      await poll(detailTitle).toContain(steps[i]!.name);
      await poll(() => s.page.locator('.seq-step[data-state="current"]').getAttribute("data-step")).toBe(steps[i]!.id);
      await poll(() => new URL(s.page.url()).searchParams.get("step")).toBe(steps[i]!.id);
    }
    await expect(s.page.getByRole("button", { name: "Next", exact: true }).isDisabled()).resolves.toBe(true);
    // The client's Certificate from the step list: its fields and what can fail there.
    const at = steps.findIndex((x) => x.id === "client-certificate");
    await s.page.getByRole("navigation", { name: "Steps" }).getByRole("button").nth(at).click();
    await poll(detailTitle).toContain(`${at + 1}. Certificate`);
    await expect(s.page.getByTestId("step-detail").textContent()).resolves.toContain("certificate_list");
    await expect(s.page.getByTestId("step-detail").textContent()).resolves.toContain("What can fail here");
    await screenshot(s.page, "handshake-tls13");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("switches to a failure flow at the same message and shows what client and server print", async () => {
    await s.page.getByLabel("Flow").selectOption("tls13-rejected-client");
    await poll(() => s.page.getByTestId("flow-title").textContent()).toBe(flows["tls13-rejected-client"].title);
    await poll(detailTitle).toContain("Certificate");
    const outcome = s.page.getByTestId("outcome");
    await expect(outcome.textContent()).resolves.toContain("socket hang up");
    await expect(outcome.textContent()).resolves.toContain("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    await s.page.getByLabel("Flow").selectOption("tls13-no-client-cert");
    await poll(() => outcome.textContent()).toContain("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED");
    await poll(() => new URL(s.page.url()).searchParams.get("step")).toBe("client-certificate-empty");
    await poll(() => new URL(s.page.url()).searchParams.get("flow")).toBe("tls13-no-client-cert");
    await screenshot(s.page, "handshake-failure");
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("a link opens a flow at a step, and reduced motion turns the arrow animation off", async () => {
    await s.page.emulateMedia({ reducedMotion: "reduce" });
    await s.page.goto(`${s.base}/handshake/?flow=tls12-no-client-cert&step=alert-handshake-failure`);
    await poll(detailTitle).toContain("Alert");
    const arrow = s.page.locator('.seq-step[data-state="current"] .seq-arrow').first();
    await poll(() => arrow.evaluate((e) => getComputedStyle(e).animationName)).toBe("none");
    await s.page.emulateMedia({ reducedMotion: "no-preference" });
    await s.page.getByRole("button", { name: "Previous", exact: true }).click();
    await poll(() => arrow.evaluate((e) => getComputedStyle(e).animationName)).toBe("seq-draw");
  });

  it("opens the bundled sample capture: records decoded and decrypted, the client certificate in an Inspect tab", async () => {
    const sample = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "..", "packages", "handshake", "samples", "tls13-mtls.json"), "utf8"));
    const decoded = await decodeCapture(sample);
    const clientCert = decoded.steps.find((x) => x.from === "client" && x.name === "Certificate")!;
    const subject = clientCert.certificates![0]!.subject!;
    expect(subject).toMatch(/CN=/);

    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await s.page.getByRole("button", { name: "Open the TLS 1.3 sample" }).click();
    // The tab opens on the illustrated page; "Messages" is the message-by-message view.
    await s.page.getByRole("tab", { name: "Messages" }).click();
    const summary = s.page.getByTestId("capture-summary");
    await poll(() => summary.textContent()).toContain(decoded.tlsVersion);
    await expect(summary.textContent()).resolves.toContain("verified on both sides");
    await poll(() => s.page.getByRole("list", { name: "Messages in the capture" }).getByRole("button").count()).toBe(decoded.steps.length);
    // It opens at the client's Certificate: decrypted, its bytes highlighted in the client's stream.
    const step = s.page.getByTestId("capture-step");
    await poll(() => step.getByRole("heading", { level: 2 }).textContent()).toContain("Certificate");
    await expect(s.page.getByTestId("capture-certificate").first().textContent()).resolves.toBe(subject);
    const [start, end] = clientCert.range;
    await poll(() => s.page.getByTestId("capture-hex").locator(".hl").count()).toBe(end - start);
    // The highlighted bytes scroll into view inside the hex box; the message's title and fields stay in view.
    expect(await s.page.locator("#editor").evaluate((e) => e.scrollTop)).toBe(0);
    await screenshot(s.page, "handshake-capture");
    expect(await seriousViolations(s.page)).toEqual([]);

    await step.getByRole("button", { name: "Open in Inspect tab" }).first().click();
    await s.page.getByRole("heading", { level: 1, name: "client-certificate-0.crt" }).waitFor();
    const cn = /CN=([^,]+)/.exec(subject)![1]!;
    await poll(() => s.page.locator("#editor").textContent()).toContain(cn);
    await screenshot(s.page, "handshake-capture-certificate");
  }, 120_000);

  it("opens a capture file from disk, and a file that is not a capture gets one clear line", async () => {
    const dir = join(import.meta.dirname, "..", "..", "..", "packages", "handshake", "samples");
    const decoded = await decodeCapture(JSON.parse(readFileSync(join(dir, "tls12-mtls.json"), "utf8")));
    await s.page.goto(`${s.base}/handshake/`);
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    await s.page.locator("#capture-file").setInputFiles(join(dir, "tls12-mtls.json"));
    await poll(() => s.page.getByTestId("capture-summary").textContent()).toContain(decoded.tlsVersion);
    await s.page.getByRole("tab", { name: "Messages" }).click();
    await poll(() => s.page.getByRole("list", { name: "Messages in the capture" }).getByRole("button").count()).toBe(decoded.steps.length);
    await s.page.locator("#capture-file").setInputFiles({ name: "not-a-capture.json", mimeType: "application/json", buffer: Buffer.from('{"format":"pcap"}') });
    const alert = s.page.locator("#editor").getByRole("alert");
    await poll(() => alert.textContent()).toMatch(/^Could not read this capture: capture\.format: /);
    expect((await alert.textContent())!.split("\n")).toHaveLength(1);
  });

  it("the bottom panel's Handshake tab shows the diagram in small beside another view", async () => {
    await s.page.goto(`${s.base}/inspect/`);
    await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    // The panel starts closed; the status bar opens it.
    await s.page.getByRole("button", { name: "Panel", exact: true }).click();
    await s.page.getByRole("tab", { name: "Handshake" }).click();
    await s.page.getByTestId("sequence-diagram-small").waitFor();
    await expect(s.page.getByTestId("handshake-panel").getByRole("link", { name: "Open in Handshake" }).getAttribute("href")).resolves.toMatch(/^\/handshake\/\?flow=tls13-mtls&step=/);
    expect(await seriousViolations(s.page)).toEqual([]);
  });

  it("a certificate inspected in this visit becomes the walkthrough's example", async () => {
    await s.page.goto(`${s.base}/inspect/`);
    await s.page.getByRole("heading", { level: 1, name: "Inspect" }).waitFor();
    await s.page.getByRole("button", { name: "sample certificate" }).click();
    await poll(() => s.page.getByRole("tree", { name: "Session files" }).getByRole("treeitem", { name: "sample-server.crt", exact: true }).count()).toBe(1);
    await s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Handshake" }).click();
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    const at = flows["tls13-mtls"].steps.findIndex((x) => x.id === "server-certificate");
    await s.page.getByRole("navigation", { name: "Steps" }).getByRole("button").nth(at).click();
    await poll(() => s.page.getByTestId("session-example").textContent()).toContain("the certificates you inspected the server sends: sample-server.crt");
  });

  it("a kit generated in this visit becomes the walkthrough's example and Diagnose's input", async () => {
    await s.page.goto(`${s.base}/generate/?key=ec-p256`);
    await s.page.getByRole("heading", { level: 1, name: "Generate an mTLS kit" }).waitFor();
    await s.page.getByRole("form", { name: "Kit settings" }).getByRole("button", { name: "Generate kit" }).click();
    await poll(() => s.page.getByRole("tree", { name: "Session files" }).getByRole("treeitem", { name: "server.crt", exact: true }).count(), { timeout: 60_000 }).toBe(1);
    // Client-side navigation keeps the visit: the activity bar, not a reload.
    await s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Handshake" }).click();
    await s.page.getByRole("heading", { level: 1, name: "Handshake" }).waitFor();
    const at = flows["tls13-mtls"].steps.findIndex((x) => x.id === "server-certificate");
    await s.page.getByRole("navigation", { name: "Steps" }).getByRole("button").nth(at).click();
    await poll(() => s.page.getByTestId("session-example").textContent()).toContain("server.crt");
    await expect(s.page.getByTestId("session-example").textContent()).resolves.toContain("CN=localhost");

    await s.page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Diagnose" }).click();
    await s.page.getByRole("heading", { level: 1, name: "Diagnose" }).waitFor();
    await s.page.getByRole("button", { name: "Use this visit's kit" }).click();
    await poll(() => s.page.getByTestId("diagnosis-client").getAttribute("data-verdict")).toBe("ok");
    await expect(s.page.getByTestId("diagnosis-server").getAttribute("data-verdict")).resolves.toBe("ok");
    await expect(s.page.getByTestId("diagnose-verdict").textContent()).resolves.toContain("The handshake succeeds");
  }, 120_000);

  it("requested nothing from any origin but its own, and nothing went wrong in the page", () => {
    expect(foreignRequests(s)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});
