import { describe, expect, it } from "vitest";
import { fromBase64, fromHex, parsePem, toColonHex, toHex, toPem } from "./encoding.js";

describe("encoding", () => {
  it("round-trips hex and prints openssl's colon form", () => {
    expect(toHex(fromHex("00:ff:3A"))).toBe("00ff3a");
    expect(toColonHex("00ff3a")).toBe("00:FF:3A");
    expect(() => fromHex("abc")).toThrow(/Bad hex string/);
  });

  it("rejects text that is not base64", () => {
    expect(fromBase64("not base64!")).toBeNull();
    expect(Array.from(fromBase64("AAEC") ?? [])).toEqual([0, 1, 2]);
  });

  it("finds PEM blocks among junk, including quoted mail and headers", () => {
    const der = new Uint8Array([48, 3, 2, 1, 5]);
    const text = `Hi, here it is:\n${toPem(der, "CERTIFICATE").replace(/^M/m, "> M")}thanks\n${toPem(der, "EC PRIVATE KEY")}`;
    const blocks = parsePem(text);
    expect(blocks.map((b) => b.label)).toEqual(["CERTIFICATE", "EC PRIVATE KEY"]);
    expect(Array.from(blocks[0]!.der)).toEqual(Array.from(der));
  });

  it("reports a damaged block without hiding the next one", () => {
    const errors: string[] = [];
    const text = `-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n${toPem(new Uint8Array([5, 0]), "CERTIFICATE")}`;
    expect(parsePem(text, (label) => errors.push(label))).toHaveLength(1);
    expect(errors).toEqual(["CERTIFICATE"]);
  });
});
