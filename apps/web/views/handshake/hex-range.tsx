"use client";
import { useEffect, useMemo, useRef } from "react";
import { byteHex, hexRows } from "../../lib/hex";

/**
 * Bytes as Inspect shows them (lib/hex rows, the same .hex highlight classes), with [start, end) highlighted
 * and scrolled into view. `label` names the bytes for screen readers.
 */
export function HexRange({ bytes, range, label, testId }: { bytes: Uint8Array; range: [number, number] | null; label: string; testId?: string }) {
  const rows = useMemo(() => hexRows(bytes), [bytes]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Scroll the hex box only (scrollIntoView would scroll the editor too and hide the message's fields).
    const el = box.current?.querySelector<HTMLElement>(".hl");
    if (box.current && el) box.current.scrollTop += el.getBoundingClientRect().top - box.current.getBoundingClientRect().top - 8;
  }, [range]);
  const inRange = (offset: number) => range !== null && offset >= range[0] && offset < range[1];
  return (
    <div ref={box} className="mono hex" data-testid={testId} tabIndex={0} role="group" aria-label={label} style={{ maxHeight: "40vh", overflow: "auto" }}>
      {rows.map((row) => (
        <div key={row.offset}>
          <span className="muted">{row.offset.toString(16).padStart(6, "0")} </span>
          {row.bytes.map((b, i) => (
            <span key={i} className={inRange(row.offset + i) ? "hl" : undefined}>
              {byteHex(b)}{" "}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}
