import { describe, expect, it } from "vitest";
import { toPem } from "../encoding.js";
import { decode } from "./decode.js";
import { PemLimits, lineAt, scanArmour } from "./pem-scan.js";

/** The regex the scanner replaces: the meaning to keep, on inputs small enough for its quadratic time. */
const oldRegex = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;

function byRegex(text: string) {
  return [...text.matchAll(oldRegex)].map((m) => ({ label: m[1], start: m.index, end: (m.index ?? 0) + m[0].length }));
}

function byScan(text: string) {
  return scanArmour(text).blocks.map(({ label, start, end }) => ({ label, start, end }));
}

const begin = (label: string) => `-----BEGIN ${label}-----`;
const end = (label: string) => `-----END ${label}-----`;

describe("scanArmour", () => {
  it("finds the blocks the regex found, on hand-made edge cases", () => {
    const cases = [
      `${begin("CERTIFICATE")}\nMIIB\n${end("CERTIFICATE")}\n`,
      `junk ${begin("A")}x${end("B")}${begin("B")}y${end("B")} tail`,
      `${begin("A")}\n${begin("A")}\nbody\n${end("A")}\n${end("A")}`, // a BEGIN inside a block is its body
      `${begin("A")}${end("A")}`, // empty body
      `${begin("X509 CRL")}\n..\n${end("X509 CRL")}${begin("PKCS #7")}..${end("PKCS #7")}`,
      `${begin("A")}..-----END A------`, // six closing dashes
      `${begin("A")}..-----END A X-----`, // another label: no match
      `${begin("a")}..${end("a")}`, // lowercase is no label
      `-----BEGIN -----..-----END -----`, // empty label
      `${begin("A")}..${end("A")}BEGIN A-----..${end("A")}`, // shared dashes are not reused
      `${begin("A")} no end ${begin("B")} b ${end("B")}`, // the unmatched BEGIN is skipped, the next one pairs
    ];
    for (const text of cases) expect(byScan(text), text).toEqual(byRegex(text));
  });

  it("finds the blocks the regex found, on 500 random marker soups", () => {
    const parts = [begin("A"), begin("B"), end("A"), end("B"), "-----", "x", "\n", "-----BEGIN A", "A-----"];
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n += 1) {
      const text = Array.from({ length: 1 + Math.floor(random() * 12) }, () => parts[Math.floor(random() * parts.length)]).join("");
      expect(byScan(text), text).toEqual(byRegex(text));
    }
  });

  it("reports the first BEGIN without an END", () => {
    const text = `x\n${begin("A")}\nbody\n${end("B")}\n${begin("C")}\n`;
    expect(scanArmour(text)).toEqual({ blocks: [], unmatched: { label: "A", at: 2 } });
    expect(lineAt(text, 2)).toBe(2);
  });

  it("refuses more blocks than the bound, with one clear line", () => {
    const text = `${begin("A")}QQ==${end("A")}\n`.repeat(5);
    expect(scanArmour(text, 5).blocks).toHaveLength(5);
    expect(() => scanArmour(text, 4)).toThrow("more than 4 PEM blocks in one input; split it into smaller files");
    expect(PemLimits.maxBlocks).toBe(10_000);
  });
});

describe("decode of hostile armour", () => {
  it("200,000 BEGIN lines without END (6.6 MB) give the usual error well inside 10 s", { timeout: 20_000 }, async () => {
    const text = `${begin("CERTIFICATE")}\n`.repeat(200_000);
    const started = performance.now();
    await expect(decode(text)).rejects.toThrow('PEM block "CERTIFICATE" at line 1 has no matching "-----END CERTIFICATE-----" line');
    // A generous anti-hang guard, not a speed claim (the regex took 290 s here).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("200,000 damaged blocks stop at the block bound, and 10,000 damaged ones name the first at once", { timeout: 20_000 }, async () => {
    const damaged = `${begin("CERTIFICATE")}\n@@@\n${end("CERTIFICATE")}\n`;
    await expect(decode(damaged.repeat(200_000))).rejects.toThrow(`more than ${PemLimits.maxBlocks} PEM blocks in one input`);
    await expect(decode(damaged.repeat(PemLimits.maxBlocks))).rejects.toThrow('PEM block "CERTIFICATE" at line 1: the body is not valid base64');
  });

  it("still decodes a block with junk and an unmatched BEGIN before it", async () => {
    const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);
    await expect(decode(`${begin("CERTIFICATE")}\nnever ends\n${toPem(der, "X")}`)).rejects.toThrow(/PEM block 1 \(X\)/);
  });
});

describe("decode's time budget", () => {
  it("stops between batches past timeLimitMs, saying how far it got", async () => {
    const { toPem: pem } = await import("../encoding.js");
    // 100 small (undecodable-as-certificate) objects; a budget of 0 ms stops before the second batch.
    const text = pem(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]), "X").repeat(100);
    await expect(decode(text, { timeLimitMs: 0 })).rejects.toThrow("gave up after 0 s with 32 of 100 objects decoded; split the input into smaller files");
  });
});
