import { describe, expect, it } from "vitest";
import { BROWSER_RESERVED, commandForChord, keybindings } from "./keybindings";
import { fuzzyFilter, fuzzyScore } from "./fuzzy";
import { moveIndex } from "./list-navigation";
import { defaultGenerateSettings, parseGenerateSettings, serializeGenerateSettings, splitList } from "./generate-settings";
import { validityBadge, daysBetween } from "./validity";
import { usagesOf } from "./cert-usage";
import { armor, safeFileName } from "./download";
import { hexRows, sliceBase64, sliceHex } from "./hex";

const chord = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe("keybindings", () => {
  it("advertises no chord the browser keeps for itself", () => {
    const reserved = new Set<string>(BROWSER_RESERVED);
    for (const b of keybindings) expect(reserved.has(b.label), b.label).toBe(false);
  });

  it("maps Ctrl or Cmd chords to commands and ignores the rest", () => {
    expect(commandForChord(chord("P", { ctrlKey: true, shiftKey: true }))).toBe("workbench.palette");
    expect(commandForChord(chord("p", { metaKey: true }))).toBe("workbench.quickOpen");
    expect(commandForChord(chord("b", { ctrlKey: true }))).toBe("workbench.toggleSideBar");
    expect(commandForChord(chord("j", { ctrlKey: true }))).toBe("workbench.togglePanel");
    expect(commandForChord(chord("F1"))).toBe("workbench.palette");
    expect(commandForChord(chord("w", { ctrlKey: true }))).toBeNull();
    expect(commandForChord(chord("p"))).toBeNull();
    expect(commandForChord(chord("p", { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe("fuzzy", () => {
  it("matches characters in order and ranks contiguous word starts first", () => {
    expect(fuzzyScore("tgp", "View: Toggle Panel")).not.toBeNull();
    expect(fuzzyScore("xyz", "View: Toggle Panel")).toBeNull();
    const items = ["Go to Generate", "View: Toggle Panel", "Preferences: Dark Theme"];
    expect(fuzzyFilter(items, "toggle panel", (x) => x)).toEqual(["View: Toggle Panel"]);
    expect(fuzzyFilter(items, "", (x) => x)).toEqual(items);
  });
  it("moves within bounds", () => {
    expect([moveIndex(0, 3, "ArrowUp"), moveIndex(2, 3, "ArrowDown"), moveIndex(1, 3, "End"), moveIndex(2, 3, "Home"), moveIndex(0, 0, "ArrowDown")]).toEqual([0, 2, 2, 0, -1]);
  });
});

describe("generate settings in the URL", () => {
  it("round-trips every setting and leaves defaults out of the link", () => {
    const settings = { ...defaultGenerateSettings, keyType: "rsa-3072" as const, hosts: ["api.test", "www.test"], clients: ["alice", "bob"], intermediate: true, days: 90, profile: "modern" as const, verifyMode: "optional" as const, p12Profile: "compat" as const, crl: true };
    const query = serializeGenerateSettings(settings);
    expect(query.get("p12")).toBe("compat");
    expect(query.get("crl")).toBe("1");
    expect(parseGenerateSettings(new URLSearchParams(query.toString()))).toEqual(settings);
    expect(serializeGenerateSettings(defaultGenerateSettings).toString()).toBe("");
    expect(query.toString()).not.toMatch(/password|changeit/);
  });
  it("falls back to defaults for bad values", () => {
    const s = parseGenerateSettings(new URLSearchParams("key=rsa-512&days=-4&profile=old&verify=off&upstream=javascript:alert(1)&p12=pbmac9&crl=yes"));
    expect(s).toEqual(defaultGenerateSettings);
    expect(splitList(" a, b ,,a c ")).toEqual(["a", "b", "c"]);
  });
});

describe("summary helpers", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("badges validity", () => {
    expect(validityBadge("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", now)).toBe("valid");
    expect(validityBadge("2026-01-01T00:00:00Z", "2026-06-20T00:00:00Z", now)).toBe("expiring");
    expect(validityBadge("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", now)).toBe("expired");
    expect(validityBadge("2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z", now)).toBe("not yet valid");
    expect(daysBetween("2026-01-01T00:00:00Z", "2027-02-03T00:00:00Z")).toBe(398);
  });
  it("reads usages from EKU and basic constraints", () => {
    expect(usagesOf({ extendedKeyUsage: ["serverAuth"], basicConstraints: { ca: false }, keyUsage: [] })).toEqual(["server"]);
    expect(usagesOf({ extendedKeyUsage: ["clientAuth"], basicConstraints: null, keyUsage: [] })).toEqual(["client"]);
    expect(usagesOf({ extendedKeyUsage: [], basicConstraints: null, keyUsage: [] })).toEqual(["server", "client"]);
    expect(usagesOf({ extendedKeyUsage: [], basicConstraints: { ca: true }, keyUsage: ["keyCertSign"] })).toEqual(["CA"]);
    expect(usagesOf({ extendedKeyUsage: ["clientAuth"], basicConstraints: { ca: true }, keyUsage: [] })).toEqual(["CA", "client"]);
  });
  it("armors DER as RFC 7468 PEM and slices bytes", () => {
    const der = Uint8Array.from({ length: 100 }, (_, i) => i);
    const pem = armor(der, "CERTIFICATE");
    const lines = pem.trim().split("\n");
    expect(lines[0]).toBe("-----BEGIN CERTIFICATE-----");
    expect(lines.at(-1)).toBe("-----END CERTIFICATE-----");
    expect(lines[1]!.length).toBe(64);
    expect(Buffer.from(lines.slice(1, -1).join(""), "base64")).toEqual(Buffer.from(der));
    expect(sliceHex(der, 10, 13)).toBe("0a0b0c");
    expect(sliceBase64(der, 0, 3)).toBe(Buffer.from([0, 1, 2]).toString("base64"));
    expect(hexRows(der).map((r) => r.offset)).toEqual([0, 16, 32, 48, 64, 80, 96]);
    expect(safeFileName("CN=my host/1,O=Acme", "pem")).toBe("my_host_1.pem");
  });
});
