/**
 * Checks shared by the annotation tests: a tree covers its bytes exactly once, and nothing in it prints
 * as unknown or unassigned.
 */
import { expect } from "vitest";
import type { AnnotatedHandshake, ByteNode } from "../src/annotate/index.js";

/**
 * Children tile their parent: in order, no gap, no overlap, nothing empty; the root covers [0, length).
 * Problems are collected and asserted once (thousands of nodes per capture). Returns the leaf count.
 */
export function expectTiles(node: ByteNode, length: number, where: string): number {
  const problems: string[] = [];
  let leaves = 0;
  if (node.range[0] !== 0 || node.range[1] !== length) problems.push(`${where}: root is [${node.range}], expected [0,${length}]`);
  const walk = (n: ByteNode, path: string) => {
    if (!(n.range[1] > n.range[0])) problems.push(`${path}: empty range [${n.range}]`);
    if (!n.label || !n.explain) problems.push(`${path}: no label or explanation`);
    if (!n.children) return void leaves++;
    let at = n.range[0];
    for (const child of n.children) {
      if (child.range[0] !== at) problems.push(`${path} > ${child.label}: starts at ${child.range[0]}, expected ${at}`);
      walk(child, `${path} > ${child.label}`);
      at = child.range[1];
    }
    if (at !== n.range[1]) problems.push(`${path}: children end at ${at}, node at ${n.range[1]}`);
  };
  walk(node, where);
  expect(problems).toEqual([]);
  return leaves;
}

/** Every byte of every record (and of every decrypted plaintext) belongs to exactly one leaf. */
export function expectFullCoverage(annotated: AnnotatedHandshake): void {
  expect(annotated.records.length).toBeGreaterThan(0);
  for (const record of annotated.records) {
    const where = `${record.from} record ${record.index}`;
    expectTiles(record.tree, record.hex.length / 2, where);
    expect(record.streamRange[1] - record.streamRange[0]).toBe(record.hex.length / 2);
    if (record.plaintext) expectTiles(record.plaintext.tree, record.plaintext.hex.length / 2, `${where} plaintext`);
  }
}

/** All values of the annotation, flattened. */
export function allValues(annotated: AnnotatedHandshake): string[] {
  const out: string[] = [];
  const walk = (n: ByteNode) => {
    if (n.value !== undefined) out.push(`${n.key}: ${n.value}`);
    n.children?.forEach(walk);
  };
  for (const record of annotated.records) {
    walk(record.tree);
    if (record.plaintext) walk(record.plaintext.tree);
  }
  return out;
}

/** No registry value prints as unknown or unassigned. */
export function expectNoUnknown(annotated: AnnotatedHandshake): void {
  const values = allValues(annotated);
  expect(values.length).toBeGreaterThan(20);
  expect(values.filter((v) => /: (unknown|unassigned|private use) \(/.test(v))).toEqual([]);
}
