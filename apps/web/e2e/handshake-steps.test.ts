// The Handshake walkthrough's drawing and keys in Chromium against the built export: plaintext arrows are
// dashed on screen, step numbers sit on their label's first line, the final Alert's arrow is scrolled into
// view (desktop and phone), arrow keys step, and upcoming steps stay readable (contrast).
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flows } from "@mtls-lab/handshake";
import { screenshot, startSession, type Session } from "./harness";

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

/** WCAG relative luminance contrast of two "rgb(r, g, b)" colours, the first drawn at `alpha` over the second. */
function contrast(fg: string, bg: string, alpha: number): number {
  const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
  const [f, b] = [parse(fg), parse(bg)];
  const mixed = f.map((v, i) => v * alpha + b[i]! * (1 - alpha));
  const lum = (rgb: number[]) => {
    const [r, g, bl] = rgb.map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [l1, l2] = [lum(mixed), lum(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

describe("handshake walkthrough at 1280x720", () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession({ viewport: { width: 1280, height: 720 } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("draws plaintext arrows dashed and encrypted ones solid, as the legend says", async () => {
    await s.page.goto(`${s.base}/handshake/?flow=tls13-mtls&step=client-hello`);
    await s.page.getByTestId("sequence-diagram").waitFor();
    // The rendered dash: stroke-dasharray scaled by pathLength (when set) must be shorter than the arrow.
    const dash = (selector: string) =>
      s.page.locator(selector).first().evaluate((el) => {
        const line = el as SVGLineElement;
        const pattern = getComputedStyle(line).strokeDasharray;
        const total = line.getTotalLength();
        const pathLength = Number(line.getAttribute("pathLength") ?? total);
        const first = Number.parseFloat(pattern);
        return { pattern, dashOnScreen: Number.isNaN(first) ? total : (first * total) / pathLength, total };
      });
    // The ServerHello (plaintext, not the current step) and the first encrypted message.
    const plain = await dash('.seq-step[data-step="server-hello"] .seq-arrow');
    const encrypted = await dash(".seq-encrypted .seq-arrow");
    expect(plain.pattern).not.toBe(encrypted.pattern);
    expect(encrypted.pattern).toBe("none");
    expect(plain.dashOnScreen).toBeLessThan(plain.total / 4);
    await expect(s.page.getByText("Dashed arrows travel in plaintext").count()).resolves.toBe(1);
  });

  it("keeps each step's number on its label's first line, also when the label wraps", async () => {
    await s.page.goto(`${s.base}/handshake/?flow=tls12-mtls`);
    const buttons = s.page.getByRole("navigation", { name: "Steps" }).getByRole("button");
    await poll(() => buttons.count()).toBe(flows["tls12-mtls"].steps.length);
    // Narrow the side bar so labels wrap (the sash allows it): the check must see wrapped labels.
    await s.page.locator("#side-bar").evaluate((el) => ((el as HTMLElement).style.width = "170px"));
    const lines = await buttons.evaluateAll((els) =>
      els.map((b) => {
        const num = b.querySelector(".hs-step-num")!.getBoundingClientRect();
        const label = b.querySelector(".hs-step-label")!;
        const rects = label.getClientRects();
        const range = document.createRange();
        range.selectNodeContents(label);
        const lineRects = Array.from(range.getClientRects());
        return { text: label.textContent, numTop: num.top, labelTop: rects[0]!.top, lines: new Set(lineRects.map((r) => Math.round(r.top))).size };
      }),
    );
    expect(lines.filter((l) => l.lines > 1).length, "some label wraps at this width").toBeGreaterThan(0);
    for (const l of lines) expect(Math.abs(l.numTop - l.labelTop), `${l.text}`).toBeLessThanOrEqual(1);
  });

  it("arrow keys step through the list and the diagram", async () => {
    await s.page.goto(`${s.base}/handshake/?flow=tls13-mtls&step=client-hello`);
    const steps = flows["tls13-mtls"].steps;
    const position = () => s.page.getByTestId("step-position").textContent();
    await poll(position).toBe(`Step 1 of ${steps.length}: ${steps[0]!.name}`);
    const list = s.page.getByRole("navigation", { name: "Steps" });
    await list.getByRole("button").first().focus();
    await s.page.keyboard.press("ArrowDown");
    await poll(position).toBe(`Step 2 of ${steps.length}: ${steps[1]!.name}`);
    await s.page.keyboard.press("ArrowDown");
    await poll(position).toBe(`Step 3 of ${steps.length}: ${steps[2]!.name}`);
    // The focus follows the selection: the next key moves on from the new step.
    await expect(s.page.evaluate(() => document.activeElement?.getAttribute("aria-current"))).resolves.toBe("step");
    await s.page.keyboard.press("ArrowUp");
    await poll(position).toBe(`Step 2 of ${steps.length}: ${steps[1]!.name}`);
    await s.page.getByRole("group", { name: "Sequence diagram: arrow keys step" }).focus();
    await s.page.keyboard.press("ArrowRight");
    await poll(position).toBe(`Step 3 of ${steps.length}: ${steps[2]!.name}`);
    await s.page.keyboard.press("ArrowLeft");
    await poll(position).toBe(`Step 2 of ${steps.length}: ${steps[1]!.name}`);
    await s.page.keyboard.press("End");
    await poll(position).toBe(`Step ${steps.length} of ${steps.length}: ${steps.at(-1)!.name}`);
  });

  it("scrolls the final Alert's arrow into view when it is chosen", async () => {
    const flow = flows["tls13-rejected-client"];
    expect(flow.steps.at(-1)!.name).toBe("Alert");
    await s.page.goto(`${s.base}/handshake/?flow=${flow.id}`);
    const buttons = s.page.getByRole("navigation", { name: "Steps" }).getByRole("button");
    await poll(() => buttons.count()).toBe(flow.steps.length);
    await buttons.last().click();
    const arrow = s.page.locator('[data-testid="sequence-diagram"] .seq-step[data-state="current"] .seq-arrow');
    await poll(() => arrow.evaluate((e) => e.closest(".seq-step")!.classList.contains("seq-alert"))).toBe(true);
    await poll(async () => {
      const box = (await arrow.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 720 && box.x >= 0 && box.x + box.width <= 1280;
    }).toBe(true);
    await screenshot(s.page, "handshake-alert-1280");
  });

  it("upcoming steps stay readable: contrast of the step list and the diagram's text", async () => {
    await s.page.goto(`${s.base}/handshake/?flow=tls13-mtls&step=client-hello`);
    await s.page.getByTestId("sequence-diagram").waitFor();
    const axe = await new AxeBuilder({ page: s.page }).include(".hs-steps").include('[data-testid="sequence-diagram"]').withRules(["color-contrast"]).analyze();
    expect(axe.violations.flatMap((v) => v.nodes.map((n) => n.target.join(" ")))).toEqual([]);
    // axe leaves SVG text out: measure the upcoming steps' labels against the editor's background directly.
    const later = await s.page.locator('[data-testid="sequence-diagram"] .seq-step[data-state="later"] text').evaluateAll((els) =>
      els.map((t) => {
        let alpha = 1;
        for (let e: Element | null = t; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
        const bg = getComputedStyle(document.getElementById("editor") ?? document.body).backgroundColor;
        return { fill: getComputedStyle(t).fill, alpha, bg, text: t.textContent };
      }),
    );
    expect(later.length).toBeGreaterThan(5);
    for (const l of later) expect(contrast(l.fill, l.bg === "rgba(0, 0, 0, 0)" ? "rgb(30, 30, 30)" : l.bg, l.alpha), `${l.text}`).toBeGreaterThanOrEqual(4.5);
  });
});

describe("handshake walkthrough on a phone (390x844)", () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("scrolls the final Alert's arrow into view when Next reaches it", async () => {
    const flow = flows["tls12-rejected-client"];
    await s.page.goto(`${s.base}/handshake/?flow=${flow.id}&step=${flow.steps.at(-2)!.id}`);
    await poll(() => s.page.getByTestId("step-position").textContent()).toContain(`Step ${flow.steps.length - 1} of`);
    await s.page.evaluate(() => document.getElementById("editor")?.scrollTo(0, 0));
    await s.page.getByRole("button", { name: "Next", exact: true }).click();
    const arrow = s.page.locator('[data-testid="sequence-diagram"] .seq-step[data-state="current"] .seq-arrow');
    await poll(() => arrow.evaluate((e) => e.closest(".seq-step")!.getAttribute("data-step"))).toBe(flow.steps.at(-1)!.id);
    await poll(async () => {
      const box = (await arrow.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 844;
    }).toBe(true);
    // Nothing scrolls sideways.
    expect(await s.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(s.page, "handshake-alert-390");
  });
});
