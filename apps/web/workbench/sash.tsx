"use client";
import { useRef, type KeyboardEvent, type PointerEvent } from "react";

/**
 * A drag handle between panes. Pointer drags report the new size; arrow keys step by 16 px so the
 * panes are resizable from the keyboard too.
 */
export function Sash({ direction, size, onResize, label }: { direction: "vertical" | "horizontal"; size: number; onResize: (size: number) => void; label: string }) {
  const start = useRef<{ at: number; size: number } | null>(null);
  const vertical = direction === "vertical";
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = { at: vertical ? e.clientX : e.clientY, size };
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    if (!start.current) return;
    const delta = (vertical ? e.clientX : e.clientY) - start.current.at;
    // The panel grows upwards: dragging the sash up makes it taller.
    onResize(start.current.size + (vertical ? delta : -delta));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    const grow = vertical ? "ArrowRight" : "ArrowUp";
    const shrink = vertical ? "ArrowLeft" : "ArrowDown";
    if (e.key === grow) onResize(size + 16);
    else if (e.key === shrink) onResize(size - 16);
    else return;
    e.preventDefault();
  };
  return (
    <button
      type="button"
      className={vertical ? "wb-sash-v" : "wb-sash-h"}
      aria-label={label}
      title={label}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (start.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
