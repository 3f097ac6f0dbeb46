"use client";
import { useEffect, useState, type ReactNode } from "react";
import type { Asn1Node, DecodedItem } from "@mtls-lab/x509";
import type { WorkbenchFile } from "../../lib/workbench-state";
import type { ObjectFileData } from "../../lib/inspect-files";
import { armor, pemLabels, safeFileName } from "../../lib/download";
import { callWorker } from "../../workers/client";
import { saveFile } from "../../workbench/save";
import { ItemSummary } from "./summary";
import { ExtensionList } from "./extensions";
import { Asn1View } from "./asn1-view";

type Section = "summary" | "extensions" | "asn1" | "text";

/** The sections that fit the object: extensions only where the object has them (never on keys). */
function sectionsFor(item: DecodedItem): { id: Section; title: string }[] {
  const extensions = item.kind === "certificate" || item.kind === "crl" ? "Extensions" : item.kind === "csr" ? "Requested extensions" : null;
  return [
    { id: "summary", title: "Summary" },
    ...(extensions ? [{ id: "extensions" as const, title: extensions }] : []),
    { id: "asn1", title: "ASN.1" },
    { id: "text", title: "Text" },
  ];
}

/**
 * Values made from an object on demand (its ASN.1 tree, its text form), kept per object so reopening a tab
 * or coming back from another view does not ask the worker again. Weakly held: gone with the object.
 */
const derived = new WeakMap<Uint8Array, Map<string, unknown>>();

/** Loads something from the worker on first view of a section; the ASN.1 tree and text are made on demand. */
function useWorkerValue<T>(enabled: boolean, key: Uint8Array, kind: string, load: () => Promise<T>): { value: T | null; error: string | null } {
  const cached = derived.get(key)?.get(kind) as T | undefined;
  const [value, setValue] = useState<T | null>(cached ?? null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || value !== null) return;
    let live = true;
    load().then(
      (v) => {
        if (!derived.has(key)) derived.set(key, new Map());
        derived.get(key)!.set(kind, v);
        if (live) setValue(v);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [enabled, value, load, key, kind]);
  return { value, error };
}

/** One decoded object in a tab: summary first, then extensions, the ASN.1 tree with hex, and the text form. */
export default function ObjectEditor({ file }: { file: WorkbenchFile }) {
  const { item } = file.data as ObjectFileData;
  return <ObjectView item={item} name={file.name} />;
}

/** A decoded object: its summary, extensions, ASN.1 tree with hex, and text form; `actions` go beside the title. */
export function ObjectView({ item, name, actions }: { item: DecodedItem; name: string; actions?: ReactNode }) {
  const sections = sectionsFor(item);
  const [section, setSection] = useState<Section>("summary");
  const asn1 = useWorkerValue<Asn1Node>(section === "asn1", item.der, "asn1", () => callWorker({ op: "asn1", der: item.der }));
  const text = useWorkerValue<string>(section === "text", item.der, "text", () => callWorker({ op: "render", item }));
  const label = pemLabels[item.kind];
  const title = "subject" in item ? item.subject : item.kind;
  const extensions = "extensions" in item ? item.extensions : [];
  return (
    <div className="page" style={{ maxWidth: "none" }}>
      <div className="field-row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>{name}</h1>
        <span>
          {actions}
          {label && (
            <button className="btn-link" type="button" onClick={() => saveFile(safeFileName(title, "pem"), armor(item.der, label), "application/x-pem-file")}>
              Download PEM
            </button>
          )}
          <button className="btn-link" type="button" onClick={() => saveFile(safeFileName(title, item.kind === "pkcs12" ? "p12" : "der"), item.der)}>
            Download DER
          </button>
        </span>
      </div>
      <div
        className="subtabs"
        role="tablist"
        aria-label="Sections"
        onKeyDown={(e) => {
          // WAI-ARIA tabs: arrows move between sections, the selected tab keeps the focus.
          const index = sections.findIndex((x) => x.id === section);
          const next = e.key === "ArrowRight" ? index + 1 : e.key === "ArrowLeft" ? index - 1 : null;
          if (next === null) return;
          const target = sections[(next + sections.length) % sections.length]!;
          setSection(target.id);
          (e.currentTarget.querySelector(`[data-section="${target.id}"]`) as HTMLElement | null)?.focus();
          e.preventDefault();
        }}
      >
        {sections.map((s) => (
          <button
            key={s.id}
            role="tab"
            type="button"
            data-section={s.id}
            tabIndex={section === s.id ? 0 : -1}
            aria-selected={section === s.id}
            aria-controls="object-section"
            onClick={() => setSection(s.id)}
          >
            {s.title}
          </button>
        ))}
      </div>
      <div id="object-section" role="tabpanel" aria-label={section}>
        {section === "summary" && <ItemSummary item={item} />}
        {section === "extensions" && <ExtensionList extensions={extensions} kind={item.kind} />}
        {section === "asn1" && (asn1.value ? <Asn1View root={asn1.value} der={item.der} kind={item.kind} /> : <p className="muted">{asn1.error ?? "Parsing…"}</p>)}
        {section === "text" && (
          <pre className="code" data-testid="text">
            {text.value ?? text.error ?? "Rendering…"}
          </pre>
        )}
      </div>
    </div>
  );
}
