// The illustrated page's view of an annotation tree, on a real sample: which leaf holds each byte, which
// nodes lie within which, which records are marked as client authentication, the certificates to open,
// and how many records "Show every record's bytes" opens.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { annotateCapture, type AnnotatedHandshake } from "@mtls-lab/handshake/annotate";
import { certificateNodes, flattenTree, hasMtls, isWithin, recordsWithin } from "../views/handshake/byte-tree";

let annotated: AnnotatedHandshake;
beforeAll(async () => {
  annotated = await annotateCapture(readFileSync(join(import.meta.dirname, "..", "..", "..", "packages", "handshake", "samples", "tls13-mtls.json"), "utf8"));
});
const record = (from: string, carries: string) => annotated.records.find((r) => r.from === from && r.carries.join(", ") === carries)!;

describe("byte tree", () => {
  it("maps every byte to the leaf that holds it, leaves in byte order", () => {
    const r = record("client", "Certificate");
    const tree = r.plaintext!.tree;
    const length = r.plaintext!.hex.length / 2;
    const flat = flattenTree(tree, length);
    expect(flat.nodes[0]!.node).toBe(tree);
    let at = 0;
    for (const index of flat.leaves) {
      const { node } = flat.nodes[index]!;
      expect(node.range[0]).toBe(at);
      for (let b = node.range[0]; b < node.range[1]; b++) expect(flat.leafOfByte[b]).toBe(index);
      at = node.range[1];
    }
    expect(at).toBe(length);
    // The leaf of a DER byte lies within the certificate_list node and the root, not within the header.
    const der = certificateNodes(tree)[0]!;
    const leaf = flat.leafOfByte[der.range[0] + 10]!;
    const list = flat.nodes.findIndex((f) => f.node.key.endsWith("certificate_list"));
    expect(isWithin(flat, leaf, list)).toBe(true);
    expect(isWithin(flat, leaf, 0)).toBe(true);
    expect(isWithin(flat, list, leaf)).toBe(false);
  });

  it("marks the records client authentication adds, not the server's own Certificate", () => {
    const marked = annotated.records.filter((r) => hasMtls(r.tree) || (r.plaintext ? hasMtls(r.plaintext.tree) : false)).map((r) => `${r.from} ${r.carries.join(", ")}`);
    expect(marked).toEqual(["server CertificateRequest", "client Certificate", "client CertificateVerify"]);
    expect(certificateNodes(record("client", "Certificate").plaintext!.tree).map((n) => n.certificate!.index)).toEqual([0]);
    expect(certificateNodes(record("server", "Certificate").plaintext!.tree).length).toBeGreaterThan(0);
  });

  it("opens records in order while their bytes fit the budget", () => {
    const all = recordsWithin(annotated.records, Number.POSITIVE_INFINITY);
    expect(all.size).toBe(annotated.records.length);
    expect(recordsWithin(annotated.records, 0).size).toBe(0);
    const first = annotated.records[0]!;
    const size = (first.hex.length + (first.plaintext?.hex.length ?? 0)) / 2;
    expect([...recordsWithin(annotated.records, size)]).toContain(0);
    expect(recordsWithin(annotated.records, size - 1).has(0)).toBe(false);
  });
});
