"use client";
import { useEffect, useMemo, useReducer, useRef } from "react";
import type { Asn1Node } from "@mtls-lab/x509";
import { asn1TreeReducer, byteRange, initialAsn1TreeState, nodeAt, visibleRows } from "../../lib/asn1-tree";
import { byteHex, hexRows, sliceBase64, sliceHex } from "../../lib/hex";
import { asciiColumn, fieldNames } from "../../lib/asn1-schema";
import { copyText } from "../../workbench/save";

/** The ASN.1 tree beside the hex dump: selecting a node highlights its bytes, clicking a byte selects its node. */
export function Asn1View({ root, der, kind }: { root: Asn1Node; der: Uint8Array; kind: string }) {
  const names = useMemo(() => fieldNames(root, kind), [root, kind]);
  const [state, dispatch] = useReducer(asn1TreeReducer, root, initialAsn1TreeState);
  const rows = useMemo(() => visibleRows(root, state.expanded), [root, state.expanded]);
  const hex = useMemo(() => hexRows(der), [der]);
  const selected = state.selected ? nodeAt(root, state.selected) : null;
  const range = selected ? byteRange(selected) : null;
  const tree = useRef<HTMLUListElement>(null);
  useEffect(() => {
    tree.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: "nearest" });
  }, [state.selected]);

  const cls = (offset: number) => {
    if (!range || offset < range.start || offset >= range.end) return undefined;
    return offset < range.contentStart ? "hl-header" : "hl";
  };

  return (
    <div className="asn1-grid">
      <div>
        <ul
          ref={tree}
          className="tree mono"
          role="tree"
          aria-label="ASN.1 structure"
          tabIndex={0}
          data-testid="asn1-tree"
          aria-activedescendant={state.selected ? `asn1-${state.selected}` : undefined}
          onKeyDown={(e) => {
            if (!["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End"].includes(e.key)) return;
            e.preventDefault();
            dispatch({ type: "key", key: e.key, rows });
          }}
          style={{ maxHeight: "60vh", overflow: "auto" }}
        >
          {rows.map((row) => (
            <li
              key={row.path}
              id={`asn1-${row.path}`}
              role="treeitem"
              aria-level={row.depth + 1}
              aria-expanded={row.hasChildren ? row.expanded : undefined}
              aria-selected={row.path === state.selected}
              style={{ paddingLeft: 8 + row.depth * 14 }}
              onClick={() => {
                dispatch({ type: "select", path: row.path });
                if (row.hasChildren) dispatch({ type: "toggle", path: row.path });
              }}
            >
              {row.hasChildren ? (row.expanded ? "▾ " : "▸ ") : "  "}
              {names.get(row.path) && <span className="asn1-field">{names.get(row.path)} </span>}
              <strong>{row.node.tag}</strong> <span className="muted">({row.node.length} bytes at {row.node.offset})</span>
              {row.node.value !== undefined && <> {row.node.value.length > 80 ? `${row.node.value.slice(0, 80)}…` : row.node.value}</>}
            </li>
          ))}
        </ul>
        {range && (
          <div className="field-row" style={{ marginTop: 8 }}>
            <span className="muted" data-testid="asn1-range">
              bytes {range.start}–{range.end - 1}
            </span>
            <button className="btn-link" type="button" onClick={() => void copyText(sliceHex(der, range.start, range.end))}>
              Copy as hex
            </button>
            <button className="btn-link" type="button" onClick={() => void copyText(sliceBase64(der, range.start, range.end))}>
              Copy as base64
            </button>
          </div>
        )}
      </div>
      <div className="mono hex" data-testid="hex" tabIndex={0} aria-label="Hex view: click a byte to select its node" role="group">
        {hex.map((row) => (
          <div key={row.offset}>
            <span className="muted">{row.offset.toString(16).padStart(6, "0")} </span>
            {row.bytes.map((b, i) => {
              const offset = row.offset + i;
              return (
                <span key={i} className={cls(offset)} data-offset={offset} onClick={() => dispatch({ type: "selectByte", root, offset })}>
                  {byteHex(b)}{" "}
                </span>
              );
            })}
            <span className="hex-ascii" aria-hidden="true">
              {" "}
              {asciiColumn(row.bytes)}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
