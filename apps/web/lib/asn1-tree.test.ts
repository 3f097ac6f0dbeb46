import { describe, expect, it } from "vitest";
import type { Asn1Node } from "@mtls-lab/x509";
import { asn1TreeReducer, byteRange, initialAsn1TreeState, nodeAt, pathAtByte, visibleRows } from "./asn1-tree";
import { buildChainGraph } from "./chain-graph";

// SEQUENCE(10) { INTEGER(1) 05, SEQUENCE(5) { OID(3) } } laid out as DER: 30 0a | 02 01 05 | 30 05 | 06 03 ...
const leaf = (tag: string, offset: number, length: number): Asn1Node => ({ tag, tagClass: "universal", tagNumber: 0, constructed: false, offset, headerLength: 2, length });
const root: Asn1Node = {
  ...leaf("SEQUENCE", 0, 10),
  constructed: true,
  children: [leaf("INTEGER", 2, 1), { ...leaf("SEQUENCE", 5, 5), constructed: true, children: [leaf("OBJECT IDENTIFIER", 7, 3)] }],
};

describe("asn1 tree", () => {
  it("finds the deepest node under a byte and its byte range", () => {
    expect(pathAtByte(root, 0)).toBe("0");
    expect(pathAtByte(root, 3)).toBe("0.0");
    expect(pathAtByte(root, 6)).toBe("0.1");
    expect(pathAtByte(root, 9)).toBe("0.1.0");
    expect(pathAtByte(root, 12)).toBeNull();
    expect(byteRange(nodeAt(root, "0.1")!)).toEqual({ start: 5, contentStart: 7, end: 12 });
  });

  it("selecting a byte opens the ancestors and selects the node", () => {
    const s = asn1TreeReducer(initialAsn1TreeState(root), { type: "selectByte", root, offset: 8 });
    expect(s.selected).toBe("0.1.0");
    expect(visibleRows(root, s.expanded).map((r) => r.path)).toEqual(["0", "0.0", "0.1", "0.1.0"]);
  });

  it("moves with the keyboard like a WAI-ARIA tree", () => {
    let s = initialAsn1TreeState(root);
    const key = (k: string) => (s = asn1TreeReducer(s, { type: "key", key: k, rows: visibleRows(root, s.expanded) }));
    key("ArrowDown");
    expect(s.selected).toBe("0.0");
    key("ArrowDown");
    key("ArrowRight"); // opens 0.1
    expect(s.expanded.has("0.1")).toBe(true);
    key("ArrowRight"); // into its first child
    expect(s.selected).toBe("0.1.0");
    key("ArrowLeft"); // a leaf goes to its parent
    expect(s.selected).toBe("0.1");
    key("ArrowLeft"); // an open node closes
    expect(s.expanded.has("0.1")).toBe(false);
    const same = s;
    expect(asn1TreeReducer(same, { type: "key", key: "x", rows: [] })).toBe(same);
  });
});

describe("chain graph", () => {
  it("nests certificates under their issuers and uses key identifiers to tell same-named CAs apart", () => {
    const certs = [
      { subject: "CN=leaf", issuer: "CN=CA", authorityKeyIdentifier: "02", selfSigned: false },
      { subject: "CN=CA", issuer: "CN=CA", subjectKeyIdentifier: "01", selfSigned: true },
      { subject: "CN=CA", issuer: "CN=CA", subjectKeyIdentifier: "02", selfSigned: true },
      { subject: "CN=orphan", issuer: "CN=missing", selfSigned: false },
    ];
    const graph = buildChainGraph(certs);
    expect(graph.map((n) => [n.index, n.children.map((c) => c.index)])).toEqual([
      [1, []],
      [2, [0]],
      [3, []],
    ]);
  });
});
