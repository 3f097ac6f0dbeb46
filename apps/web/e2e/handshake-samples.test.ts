// Every sample capture the Handshake view offers: it is shipped, and the illustrated page's annotation of it
// covers every byte of every record exactly once, verifies each signature and Finished it carries (both
// sides for the accepted handshakes), and prints no registry value as unknown. Checks shared with
// packages/handshake's own annotation tests. Run through decodeCaptureText, the function the capture worker runs.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { decodeCaptureText } from "../workers/capture-decode";
import { SAMPLES } from "../views/handshake/samples";
import { expectFullCoverage, expectNoUnknown } from "../../../packages/handshake/test/annotation-checks";

const dir = join(import.meta.dirname, "..", "..", "..", "packages", "handshake", "samples");

describe("shipped sample captures", () => {
  test("the view offers every shipped sample, each once", () => {
    const shipped = readdirSync(dir).filter((n) => n.endsWith(".json")).sort();
    expect(SAMPLES.map((s) => s.file).sort()).toEqual(shipped);
    expect(new Set(SAMPLES.map((s) => s.title)).size).toBe(SAMPLES.length);
  });

  test.each(SAMPLES.map((s) => [s.file] as const))("%s: every byte annotated once, every signature and Finished verified, nothing unknown", async (file) => {
    const view = await decodeCaptureText(file, readFileSync(join(dir, file), "utf8"));
    expect(view.annotateError).toBeUndefined();
    const annotated = view.annotated!;
    // The Messages section's decode and the annotation agree on the handshake they read.
    expect(view.decoded.tlsVersion).toBe(annotated.tlsVersion);
    expect(view.decoded.finished.client.verified).toBe(annotated.finishedVerified.client);
    expectFullCoverage(annotated);
    expectNoUnknown(annotated);
    const { signatures, finished } = annotated.proof;
    for (const check of [signatures.client, signatures.server]) if (check) expect(check.verified, `${check.from} ${check.message}: ${check.reason ?? ""}`).toBe(true);
    for (const step of [finished.client, finished.server]) if (step) expect(step.matches, step.title).toBe(true);
    // The server always signs; an accepted handshake proves both sides, twice.
    expect(annotated.certificateVerifyVerified.server).toBe(true);
    if (file.endsWith("-mtls.json")) {
      expect(annotated.certificateVerifyVerified).toEqual({ client: true, server: true });
      expect(annotated.finishedVerified).toEqual({ client: true, server: true });
    } else {
      // A refused client: the server's alert is marked as where client authentication failed.
      const alert = annotated.records.find((r) => r.from === "server" && r.carries.some((c) => c.startsWith("Alert")));
      expect((alert?.plaintext?.tree ?? alert?.tree)?.mtls).toBe(true);
    }
  });

  test("a bit flipped in the client's CertificateVerify signature is reported as not verified", async () => {
    const capture = JSON.parse(readFileSync(join(dir, "tls12-mtls.json"), "utf8")) as { events: { from: string; data: string }[] };
    const annotated = (await decodeCaptureText("tls12-mtls.json", JSON.stringify(capture))).annotated!;
    const record = annotated.records.find((r) => r.from === "client" && r.carries.includes("CertificateVerify"))!;
    const find = (n: { key: string; range: [number, number]; children?: unknown[] }): [number, number] | undefined =>
      n.key === "certificate_verify.signature" ? n.range : (n.children as (typeof n)[] | undefined)?.map(find).find(Boolean);
    const range = find(record.tree)!;
    // TLS 1.2: CertificateVerify travels in clear; flip the last byte of its signature in the client's stream.
    const at = record.streamRange[0] + range[1] - 1;
    let offset = 0;
    for (const event of capture.events.filter((e) => e.from === "client")) {
      const bytes = Buffer.from(event.data, "base64");
      if (at < offset + bytes.length) {
        bytes[at - offset]! ^= 1;
        event.data = bytes.toString("base64");
        break;
      }
      offset += bytes.length;
    }
    const flipped = (await decodeCaptureText("flipped.json", JSON.stringify(capture))).annotated!;
    expect(flipped.certificateVerifyVerified.client).toBe(false);
    expect(flipped.certificateVerifyVerified.server).toBe(true);
  });

  test("a file that is not JSON gets one line naming it", async () => {
    await expect(decodeCaptureText("notes.txt", "hello")).rejects.toThrow(/^notes\.txt: not JSON \(.*\); expected a capture written by mtls-lab serve --capture$/);
    await expect(decodeCaptureText("other.json", '{"format":"pcap"}')).rejects.toThrow(/^capture\.format: /);
  });
});
