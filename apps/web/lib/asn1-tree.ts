/**
 * The ASN.1 tree beside the hex view (as lapo's asn1js shows it): visible rows, the byte range of a node,
 * and the node under a byte, so a selection in either pane highlights the other.
 * Paths name nodes by child indexes from the root: "0", "0.1", "0.1.3".
 */
import type { Asn1Node } from "@mtls-lab/x509";

export interface Asn1Row {
  path: string;
  depth: number;
  node: Asn1Node;
  hasChildren: boolean;
  expanded: boolean;
}

export interface Asn1TreeState {
  expanded: ReadonlySet<string>;
  selected: string | null;
}

export type Asn1TreeAction =
  | { type: "select"; path: string }
  | { type: "toggle"; path: string }
  | { type: "key"; key: string; rows: readonly Asn1Row[] }
  | { type: "selectByte"; root: Asn1Node; offset: number };

/** Top levels open at first, the way a certificate reads: tbsCertificate's fields are one click away. */
export function initialAsn1TreeState(root: Asn1Node): Asn1TreeState {
  const expanded = new Set<string>(["0"]);
  if (root.children?.length) expanded.add("0.0");
  return { expanded, selected: "0" };
}

/** The node at `path`, or null. */
export function nodeAt(root: Asn1Node, path: string): Asn1Node | null {
  const parts = path.split(".").map(Number);
  if (parts[0] !== 0) return null;
  let node: Asn1Node | undefined = root;
  for (const index of parts.slice(1)) {
    node = node?.children?.[index];
    if (!node) return null;
  }
  return node ?? null;
}

/** The rows a reader sees: each expanded node's children follow it. */
export function visibleRows(root: Asn1Node, expanded: ReadonlySet<string>): Asn1Row[] {
  const rows: Asn1Row[] = [];
  const walk = (node: Asn1Node, path: string, depth: number) => {
    const hasChildren = (node.children?.length ?? 0) > 0;
    const isOpen = hasChildren && expanded.has(path);
    rows.push({ path, depth, node, hasChildren, expanded: isOpen });
    if (isOpen) node.children!.forEach((child, i) => walk(child, `${path}.${i}`, depth + 1));
  };
  walk(root, "0", 0);
  return rows;
}

/** [start, end) of the node's bytes, header included. */
export function byteRange(node: Asn1Node): { start: number; end: number; contentStart: number } {
  return { start: node.offset, contentStart: node.offset + node.headerLength, end: node.offset + node.headerLength + node.length };
}

/** Path of the deepest node whose bytes contain `offset`, or null outside the root. */
export function pathAtByte(root: Asn1Node, offset: number): string | null {
  const inside = (n: Asn1Node) => offset >= n.offset && offset < byteRange(n).end;
  if (!inside(root)) return null;
  let node = root;
  let path = "0";
  for (;;) {
    const index = node.children?.findIndex(inside) ?? -1;
    if (index < 0) return path;
    node = node.children![index]!;
    path = `${path}.${index}`;
  }
}

function ancestors(path: string): string[] {
  const parts = path.split(".");
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join("."));
}

function parentOf(path: string): string | null {
  const i = path.lastIndexOf(".");
  return i < 0 ? null : path.slice(0, i);
}

/** Tree keyboard model of the WAI-ARIA tree pattern: up/down move, right opens or descends, left closes or ascends. */
export function asn1TreeReducer(state: Asn1TreeState, action: Asn1TreeAction): Asn1TreeState {
  switch (action.type) {
    case "select":
      return state.selected === action.path ? state : { ...state, selected: action.path };
    case "toggle": {
      const expanded = new Set(state.expanded);
      if (expanded.has(action.path)) expanded.delete(action.path);
      else expanded.add(action.path);
      return { ...state, expanded };
    }
    case "selectByte": {
      const path = pathAtByte(action.root, action.offset);
      if (path === null) return state;
      const expanded = new Set(state.expanded);
      for (const a of ancestors(path)) expanded.add(a);
      return { expanded, selected: path };
    }
    case "key": {
      const rows = action.rows;
      const index = rows.findIndex((r) => r.path === state.selected);
      const row = rows[index];
      if (!row) return rows[0] ? { ...state, selected: rows[0].path } : state;
      switch (action.key) {
        case "ArrowDown":
          return rows[index + 1] ? { ...state, selected: rows[index + 1]!.path } : state;
        case "ArrowUp":
          return index > 0 ? { ...state, selected: rows[index - 1]!.path } : state;
        case "Home":
          return { ...state, selected: rows[0]!.path };
        case "End":
          return { ...state, selected: rows[rows.length - 1]!.path };
        case "ArrowRight":
          if (!row.hasChildren) return state;
          if (!row.expanded) return asn1TreeReducer(state, { type: "toggle", path: row.path });
          return { ...state, selected: `${row.path}.0` };
        case "ArrowLeft": {
          if (row.expanded) return asn1TreeReducer(state, { type: "toggle", path: row.path });
          const parent = parentOf(row.path);
          return parent === null ? state : { ...state, selected: parent };
        }
        default:
          return state;
      }
    }
    default:
      return state;
  }
}
