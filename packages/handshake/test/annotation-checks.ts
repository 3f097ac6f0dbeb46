/**
 * Checks shared by the annotation tests: a tree covers its bytes exactly once, and nothing in it prints
 * as unknown or unassigned.
 */
import { expect } from "vitest";
import type { AnnotatedHandshake, ByteNode } from "../src/annotate/index.js";

/** Children tile their parent: in order, no gap, no overlap, nothing empty; the root covers [0, length). */
export function expectTiles(node: ByteNode, length: number, where: string): number {
  expect(node.range, where).toEqual([0, length]);
  let leaves = 0;
  const walk = (n: ByteNode, path: string) => {
    expect(n.range[1], `${path}: empty range`).toBeGreaterThan(n.range[0]);
    expect(n.label.length, path).toBeGreaterThan(0);
    expect(n.explain.length, path).toBeGreaterThan(0);
    if (!n.children) return void leaves++;
    let at = n.range[0];
    for (const child of n.children) {
      expect(child.range[0], `${path} > ${child.label}: starts at ${child.range[0]}, expected ${at}`).toBe(at);
      walk(child, `${path} > ${child.label}`);
      at = child.range[1];
    }
    expect(at, `${path}: children end at ${at}, node at ${n.range[1]}`).toBe(n.range[1]);
  };
  walk(node, where);
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
