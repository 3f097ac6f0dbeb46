"use client";
/**
 * One block of annotated bytes: the hex grouped by the annotation's labelled ranges beside the list of
 * fields with their one-sentence explanations. Both ways: hovering or selecting a byte highlights its field
 * and explanation, hovering or selecting a field highlights its bytes. Keys: in the bytes, ← → move a byte
 * and ↑ ↓ a field; in the fields, ↑ ↓ move a field, Home/End the first/last, PageUp/PageDown the record.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ByteNode } from "@mtls-lab/handshake/annotate";
import { fromHexString } from "./bytes";
import { flattenTree, isWithin } from "./byte-tree";

export interface AnnotatedBytesProps {
  hex: string;
  tree: ByteNode;
  /** Names the block for screen readers ("client record 3, decrypted"). */
  label: string;
  /** A certificate's DER was chosen for Inspect. */
  onOpenCertificate?: (node: ByteNode, der: Uint8Array) => void;
  /** Moves the focus to the previous (-1) or next (1) record. */
  onRecordKey?: (direction: -1 | 1) => void;
}

/** Scrolls `child` into view inside its scroll box `box` only (scrollIntoView would move the editor too). */
function scrollInside(box: HTMLElement | null, child: Element | null | undefined): void {
  if (!box || !child) return;
  const b = box.getBoundingClientRect();
  const c = child.getBoundingClientRect();
  if (c.top < b.top) box.scrollTop -= b.top - c.top + 4;
  else if (c.bottom > b.bottom) box.scrollTop += c.bottom - b.bottom + 4;
}

const hex2 = (b: number) => b.toString(16).padStart(2, "0");

/** The annotated bytes of one record or one decrypted plaintext. */
export function AnnotatedBytes({ hex, tree, label, onOpenCertificate, onRecordKey }: AnnotatedBytesProps) {
  const bytes = useMemo(() => fromHexString(hex), [hex]);
  const flat = useMemo(() => flattenTree(tree, bytes.length), [tree, bytes.length]);
  // The selected node (any depth) and the byte the cursor is on; hover is separate and transient.
  const [selected, setSelected] = useState<number | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const fieldsBox = useRef<HTMLOListElement>(null);

  const selectNode = (index: number, focus: boolean) => {
    setSelected(index);
    setCursor(flat.nodes[index]!.node.range[0]);
    const row = fieldsBox.current?.querySelector(`[data-node="${index}"]`);
    scrollInside(fieldsBox.current, row);
    if (focus) (row as HTMLElement | null)?.focus();
  };
  const selectByte = (offset: number) => {
    const b = Math.max(0, Math.min(bytes.length - 1, offset));
    setCursor(b);
    setSelected(flat.leafOfByte[b]!);
    scrollInside(fieldsBox.current, fieldsBox.current?.querySelector(`[data-node="${flat.leafOfByte[b]}"]`));
  };

  const current = selected ?? 0;
  const lit = hover ?? selected;
  const litRange = lit === null ? null : flat.nodes[lit]!.node.range;
  const detail = flat.nodes[hover ?? selected ?? 0]!.node;

  const onBytesKey = (e: KeyboardEvent) => {
    const at = cursor ?? 0;
    const leaf = flat.nodes[flat.leafOfByte[at]!]!.leaf ?? 0;
    let next: number | null = null;
    if (e.key === "ArrowRight") next = at + 1;
    else if (e.key === "ArrowLeft") next = at - 1;
    else if (e.key === "ArrowDown") next = flat.nodes[flat.leaves[Math.min(flat.leaves.length - 1, leaf + 1)]!]!.node.range[0];
    else if (e.key === "ArrowUp") next = flat.nodes[flat.leaves[Math.max(0, leaf - 1)]!]!.node.range[0];
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = bytes.length - 1;
    if (next === null) return;
    e.preventDefault();
    selectByte(next);
  };
  const onFieldsKey = (e: KeyboardEvent) => {
    let next: number | null = null;
    if (e.key === "ArrowDown") next = Math.min(flat.nodes.length - 1, current + 1);
    else if (e.key === "ArrowUp") next = Math.max(0, current - 1);
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = flat.nodes.length - 1;
    else if ((e.key === "PageDown" || e.key === "PageUp") && onRecordKey) {
      e.preventDefault();
      onRecordKey(e.key === "PageDown" ? 1 : -1);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    selectNode(next, true);
  };

  const byteOf = (e: { target: EventTarget }) => {
    const at = (e.target as HTMLElement).closest<HTMLElement>("[data-b]")?.dataset.b;
    return at === undefined ? null : Number(at);
  };

  return (
    <div className="ab" role="group" aria-label={label} data-selected={selected ?? undefined} data-hover={hover ?? undefined}>
      <div
        className="ab-hex mono"
        tabIndex={0}
        role="group"
        aria-label={`${label}: bytes (← → move a byte, ↑ ↓ a field)`}
        data-testid="annotated-hex"
        onKeyDown={onBytesKey}
        onClick={(e) => {
          const b = byteOf(e);
          if (b === null) return;
          // The selection shows at once (a tap also sends a mouseover that would keep a hover in front).
          setHover(null);
          selectByte(b);
        }}
        onPointerOver={(e) => {
          // Hover is for mice: a tap selects (touch sends pointer events at shifting points).
          if (e.pointerType !== "mouse") return;
          const b = byteOf(e);
          setHover(b === null ? null : flat.leafOfByte[b]!);
        }}
        onPointerLeave={() => setHover(null)}
      >
        {flat.leaves.map((n, k) => {
          const { node } = flat.nodes[n]!;
          const on = litRange !== null && node.range[0] >= litRange[0] && node.range[1] <= litRange[1];
          const cls = `ab-leaf ab-c${k % 6}${on ? " ab-on" : ""}${node.mtls ? " ab-mtls" : ""}`;
          const out = [];
          for (let b = node.range[0]; b < node.range[1] && b < bytes.length; b++) {
            out.push(
              <span key={b} data-b={b} className={b === cursor ? "ab-cur" : undefined}>
                {hex2(bytes[b]!)}
              </span>,
            );
          }
          return (
            <span key={n} className={cls} data-node={n} title={node.label}>
              {out}
            </span>
          );
        })}
      </div>
      <div className="ab-detail" aria-live="polite" data-testid="field-detail">
        <strong>{detail.label}</strong>{" "}
        <span className="muted">
          bytes {detail.range[0]}–{detail.range[1] - 1} ({detail.range[1] - detail.range[0]} byte{detail.range[1] - detail.range[0] === 1 ? "" : "s"})
        </span>
        {detail.mtls && <span className="il-badge">mTLS</span>}
        {detail.value !== undefined && <div className="mono ab-value">{detail.value}</div>}
        <div data-testid="field-explanation">{detail.explain}</div>
        {detail.certificate && onOpenCertificate && (
          <button className="btn-link" type="button" onClick={() => onOpenCertificate(detail, bytes.slice(detail.range[0], detail.range[1]))}>
            Open certificate {detail.certificate.index + 1} in Inspect
          </button>
        )}
      </div>
      <ol className="ab-fields" ref={fieldsBox} aria-label={`${label}: fields (↑ ↓ move, PageUp PageDown change record)`} onKeyDown={onFieldsKey}>
        {flat.nodes.map((f, i) => {
          const on = lit !== null && (isWithin(flat, i, lit) || (hover !== null && isWithin(flat, hover, i)));
          return (
            <li key={i}>
              <button
                type="button"
                data-node={i}
                data-key={f.node.key}
                className={`ab-field${on ? " ab-on" : ""}${f.node.mtls ? " ab-mtls" : ""}`}
                style={{ paddingLeft: 4 + f.depth * 12 }}
                aria-current={i === selected ? "true" : undefined}
                tabIndex={i === current ? 0 : -1}
                onClick={() => {
                  setHover(null);
                  selectNode(i, false);
                }}
                onPointerEnter={(e) => e.pointerType === "mouse" && setHover(i)}
                onPointerLeave={() => setHover(null)}
              >
                <span className="ab-label">{f.node.label}</span>
                {f.node.value !== undefined && <span className="mono ab-value"> {f.node.value}</span>}
                {f.node.mtls && <span className="il-badge">mTLS</span>}
                <span className="ab-explain">{f.node.explain}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
