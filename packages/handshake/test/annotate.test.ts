/**
 * The annotation of the shipped samples: every byte of every record covered once, the CertificateVerify
 * signatures and Finished MACs verified, nothing printed as unknown.
 */
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { annotateCapture } from "../src/annotate/index.js";
import { expectFullCoverage, expectNoUnknown } from "./annotation-checks.js";

const sample = (file: string) => readFileSync(new URL(`../samples/${file}`, import.meta.url), "utf8");

describe("shipped samples", () => {
  test.each([
    ["tls13-mtls.json", "TLSv1.3", true],
    ["tls12-mtls.json", "TLSv1.2", true],
    ["tls13-no-client-cert.json", "TLSv1.3", false],
  ] as const)("%s: covered, proven, nothing unknown", async (file, version, clientSigns) => {
    const annotated = await annotateCapture(sample(file));
    expect(annotated.tlsVersion).toBe(version);
    expectFullCoverage(annotated);
    expectNoUnknown(annotated);
    expect(annotated.finishedVerified).toEqual({ client: true, server: true });
    expect(annotated.certificateVerifyVerified).toEqual({ client: clientSigns, server: true });
    if (!clientSigns) expect(annotated.proof.signatures.client).toBeUndefined();
  });
});
