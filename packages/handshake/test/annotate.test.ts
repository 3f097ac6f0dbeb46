/**
 * The annotation of the shipped samples: every byte of every record covered once, the CertificateVerify
 * signatures and Finished MACs verified, nothing printed as unknown.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { annotateCapture, type ByteNode } from "../src/annotate/index.js";
import { expectFullCoverage, expectNoUnknown, expectTiles } from "./annotation-checks.js";

const sample = (file: string) => readFileSync(new URL(`../samples/${file}`, import.meta.url), "utf8");

describe("shipped samples", () => {
  test.each([
    ["tls13-mtls.json", "TLSv1.3", true, true],
    ["tls12-mtls.json", "TLSv1.2", true, true],
    ["tls13-no-client-cert.json", "TLSv1.3", false, true],
    ["tls12-no-client-cert.json", "TLSv1.2", false, false],
    ["tls13-rejected-client.json", "TLSv1.3", true, true],
    ["tls12-rejected-client.json", "TLSv1.2", true, false],
  ] as const)("%s: covered, proven, nothing unknown", async (file, version, clientSigns, serverFinished) => {
    const annotated = await annotateCapture(sample(file));
    expect(annotated.tlsVersion).toBe(version);
    expectFullCoverage(annotated);
    expectNoUnknown(annotated);
    // Every field has a sentence of its own, not the generic fallback.
    const generic: string[] = [];
    const walk = (n: ByteNode) => (/^The \S+ field\.$/.test(n.explain) ? generic.push(n.key) : n.children?.forEach(walk));
    for (const record of annotated.records) [record.tree, record.plaintext?.tree].forEach((tree) => tree && walk(tree));
    expect(generic).toEqual([]);
    expect(annotated.finishedVerified).toEqual({ client: true, server: serverFinished });
    expect(annotated.certificateVerifyVerified).toEqual({ client: clientSigns, server: true });
    if (!clientSigns) expect(annotated.proof.signatures.client).toBeUndefined();
    // Where a rejection lands: the server's alert, marked as part of client authentication.
    const alert = annotated.records.find((r) => r.from === "server" && r.carries.some((c) => /^Alert: (certificate_required|handshake_failure|unknown_ca)/.test(c)));
    if (file.includes("mtls")) expect(alert).toBeUndefined();
    else expect((alert?.plaintext?.tree ?? alert?.tree)?.mtls).toBe(true);
  });
});

describe("a handshake message split across two records", () => {
  test("each record covers its part; the cut fields say which part they are; the proof still holds", async () => {
    const capture = JSON.parse(sample("tls12-mtls.json")) as { events: { from: string; data: string }[] };
    const first = capture.events.find((e) => e.from === "client") as { data: string };
    const bytes = Buffer.from(first.data, "base64");
    const length = bytes.readUInt16BE(3);
    // RFC 5246 6.2.1: a handshake message may be fragmented over several records.
    const cut = 50;
    const head = Buffer.concat([bytes.subarray(0, 3), Buffer.from([0, cut]), bytes.subarray(5, 5 + cut)]);
    const tail = Buffer.concat([bytes.subarray(0, 3), Buffer.from([(length - cut) >> 8, (length - cut) & 0xff]), bytes.subarray(5 + cut, 5 + length)]);
    first.data = Buffer.concat([head, tail, bytes.subarray(5 + length)]).toString("base64");
    const annotated = await annotateCapture(capture);
    expectFullCoverage(annotated);
    const [one, two] = annotated.records.filter((r) => r.from === "client");
    expect(one?.carries).toEqual(["ClientHello (part 1/2)"]);
    expect(two?.carries).toEqual(["ClientHello (part 2/2)"]);
    // Byte 50 of the message falls inside cipher_suites or the random: that field is cut in two as well.
    const parts = (one?.tree.children?.[1]?.children ?? []).filter((n) => n.part === "1/2");
    expect(parts.length).toBeGreaterThan(0);
    expect(annotated.finishedVerified).toEqual({ client: true, server: true });
    expect(annotated.certificateVerifyVerified).toEqual({ client: true, server: true });
  });
});

test("the coverage check itself fails on a gap, an overlap or a short root", () => {
  const leaf = (a: number, b: number) => ({ key: "x", label: "x", explain: "x.", range: [a, b] as [number, number] });
  expect(expectTiles({ ...leaf(0, 4), children: [leaf(0, 2), leaf(2, 4)] }, 4, "ok")).toBe(2);
  expect(() => expectTiles({ ...leaf(0, 4), children: [leaf(0, 1), leaf(2, 4)] }, 4, "gap")).toThrow();
  expect(() => expectTiles({ ...leaf(0, 4), children: [leaf(0, 3), leaf(2, 4)] }, 4, "overlap")).toThrow();
  expect(() => expectTiles(leaf(0, 3), 4, "short")).toThrow();
});

test("without a key log: encrypted records are header, ciphertext and tag, nothing claimed verified", async () => {
  const capture = { ...JSON.parse(sample("tls13-mtls.json")), keylog: [] };
  const annotated = await annotateCapture(capture);
  expectFullCoverage(annotated);
  const encrypted = annotated.records.filter((r) => r.tree.children?.some((n) => n.key === "record.tag"));
  expect(encrypted.length).toBeGreaterThan(4);
  expect(encrypted.every((r) => r.plaintext === undefined)).toBe(true);
  expect(annotated.certificateVerifyVerified).toEqual({ client: false, server: false });
  expect(annotated.finishedVerified).toEqual({ client: false, server: false });
  expect(annotated.proof.keySchedule).toEqual([]);
});
