/**
 * An annotation tree (packages/handshake's ByteNode) flattened for the illustrated page: every node in
 * document order with its depth, the leaves that tile the bytes, and which leaf each byte belongs to.
 */
import type { AnnotatedRecord, ByteNode } from "@mtls-lab/handshake/annotate";

/** One node of the flattened tree. */
export interface FlatNode {
  node: ByteNode;
  depth: number;
  /** Index of the parent in `nodes`, -1 for the root. */
  parent: number;
  /** Index into `leaves` when the node has no children. */
  leaf?: number;
}

export interface FlatTree {
  nodes: FlatNode[];
  /** Indexes into `nodes` of the leaves, in byte order: they tile [0, length). */
  leaves: number[];
  /** For every byte, the index into `nodes` of the leaf that holds it. */
  leafOfByte: Int32Array;
}

/** Flattens `tree` over `length` bytes; a byte no leaf claims maps to the root (0). */
export function flattenTree(tree: ByteNode, length: number): FlatTree {
  const nodes: FlatNode[] = [];
  const leaves: number[] = [];
  const leafOfByte = new Int32Array(length);
  const walk = (node: ByteNode, depth: number, parent: number) => {
    const at = nodes.length;
    nodes.push({ node, depth, parent });
    if (!node.children?.length) {
      nodes[at]!.leaf = leaves.length;
      leaves.push(at);
      for (let b = Math.max(0, node.range[0]); b < Math.min(length, node.range[1]); b++) leafOfByte[b] = at;
      return;
    }
    for (const child of node.children) walk(child, depth + 1, at);
  };
  walk(tree, 0, -1);
  return { nodes, leaves, leafOfByte };
}

/** True when `inner` lies within node `outer`'s subtree (or is it). */
export function isWithin(tree: FlatTree, inner: number, outer: number): boolean {
  for (let i = inner; i >= 0; i = tree.nodes[i]!.parent) if (i === outer) return true;
  return false;
}

/**
 * Whether a record's tree (or one of the messages it carries) is marked as part of client authentication.
 * Only the record and its messages count: the server's Certificate has an mTLS-marked field
 * (certificate_request_context) but is not itself added by client authentication.
 */
export function hasMtls(node: ByteNode): boolean {
  return node.mtls === true || (node.children ?? []).some((c) => c.mtls === true);
}

/** The certificate nodes (DER of each certificate) of a tree, in order. */
export function certificateNodes(node: ByteNode): ByteNode[] {
  if (node.certificate) return [node];
  return (node.children ?? []).flatMap(certificateNodes);
}

/** Positions of the records to show, in order, while their bytes (sent plus decrypted) fit in `budget`. */
export function recordsWithin(records: readonly AnnotatedRecord[], budget: number): Set<number> {
  const out = new Set<number>();
  let used = 0;
  records.forEach((r, i) => {
    const size = (r.hex.length + (r.plaintext?.hex.length ?? 0)) / 2;
    if (used + size > budget) return;
    used += size;
    out.add(i);
  });
  return out;
}
