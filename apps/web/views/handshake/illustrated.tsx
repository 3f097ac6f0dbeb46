"use client";
/**
 * The illustrated handshake: every record of a capture, top to bottom as it crossed the wire, each with
 * its annotated bytes (and its decrypted content), the parts specific to client authentication marked,
 * where a rejection's alert lands, then the proof. The annotation and its crypto run in the capture worker.
 */
import { useRef, useState } from "react";
import { flows } from "@mtls-lab/handshake";
import type { AnnotatedHandshake, AnnotatedRecord, ByteNode } from "@mtls-lab/handshake/annotate";
import { filesForDecoded } from "../../lib/inspect-files";
import { useWorkbench } from "../../workbench/context";
import { callWorker } from "../../workers/client";
import { AnnotatedBytes } from "./annotated-bytes";
import { fromHexString } from "./bytes";
import { certificateNodes, hasMtls, recordsWithin } from "./byte-tree";
import { CAPTURE_GROUP } from "./capture-file";
import { ProofView } from "./proof-view";

/** Opens a certificate's DER from the capture decoded in an Inspect tab. */
function useOpenCertificate(onError: (message: string) => void) {
  const { dispatch } = useWorkbench();
  return async (record: AnnotatedRecord, node: ByteNode, der: Uint8Array) => {
    try {
      const { items } = await callWorker({ op: "decode", bytes: der });
      const n = node.certificate?.index ?? 0;
      const name = `${record.from}-certificate-${n}.crt`;
      const files = filesForDecoded(`capture-cert-${record.from}-${n}-${(node.certificate?.sha256 ?? "").slice(0, 12)}`, name, items).map((f) => ({ ...f, group: CAPTURE_GROUP }));
      dispatch({ type: "addFiles", files, open: true });
      dispatch({ type: "log", line: `Opened ${name} from the capture in an Inspect tab` });
    } catch (e) {
      onError(`Could not open the certificate: ${(e as Error).message}`);
    }
  };
}

/** One sentence per message a record carries, from the flow of its version (packages/handshake's flows). */
function summaryOf(record: AnnotatedRecord, tlsVersion: string): string {
  const flow = flows[tlsVersion === "TLSv1.2" ? "tls12-mtls" : "tls13-mtls"];
  const rejected = flows[tlsVersion === "TLSv1.2" ? "tls12-rejected-client" : "tls13-rejected-client"];
  const steps = [...(flow?.steps ?? []), ...(rejected?.steps ?? [])];
  const lines = record.carries.map((c) => steps.find((st) => st.from === record.from && (c === st.name || c.startsWith(`${st.name} `) || c.startsWith(`${st.name}:`)))?.summary);
  return [...new Set(lines.filter((l): l is string => Boolean(l)))].join(" ");
}

function isRejection(record: AnnotatedRecord): boolean {
  return record.carries.some((c) => c.startsWith("Alert")) && hasMtls(record.plaintext?.tree ?? record.tree);
}

/** Records open at first: those client authentication adds or changes, and a rejection's alert. */
export function opensAtFirst(record: AnnotatedRecord): boolean {
  return hasMtls(record.tree) || (record.plaintext ? hasMtls(record.plaintext.tree) : false);
}

interface RecordProps {
  record: AnnotatedRecord;
  position: number;
  tlsVersion: string;
  open: boolean;
  onToggle: () => void;
  onOpen: (node: ByteNode, der: Uint8Array) => void;
  onRecordKey: (d: -1 | 1) => void;
}

function Record({ record, position, tlsVersion, open, onToggle, onOpen, onRecordKey }: RecordProps) {
  const tree = record.plaintext?.tree ?? record.tree;
  const mtls = hasMtls(record.tree) || (record.plaintext ? hasMtls(record.plaintext.tree) : false);
  const rejection = isRejection(record);
  const certs = record.plaintext ? certificateNodes(record.plaintext.tree) : certificateNodes(record.tree);
  // The DER of a certificate node: its range of the bytes it was annotated in (decrypted, or as sent).
  const der = (node: ByteNode) => fromHexString((record.plaintext?.hex ?? record.hex).slice(node.range[0] * 2, node.range[1] * 2));
  const title = record.carries.join(", ");
  const bytes = record.hex.length / 2;
  return (
    <li className={`il-record il-from-${record.from}${mtls ? " il-mtls" : ""}${rejection ? " il-rejection" : ""}`} data-testid="il-record" data-from={record.from} data-carries={title}>
      <h3>
        <span className="il-arrow" aria-hidden="true">
          {record.from === "client" ? "Client → Server" : "Server → Client"}
        </span>{" "}
        <span className="sr-only">{record.from === "client" ? "Client to server" : "Server to client"}: </span>
        {position}. {title}
        {record.plaintext && <span className="muted"> (encrypted, decrypted below)</span>}
        {mtls && <span className="il-badge">mTLS</span>}
      </h3>
      <p className="il-summary">
        {summaryOf(record, tlsVersion)}{" "}
        <button className="btn-link" type="button" aria-expanded={open} onClick={onToggle} data-testid="record-toggle">
          {open ? "Hide the bytes" : `Show the ${bytes} bytes`}
        </button>
      </p>
      {rejection && (
        <p className="il-rejection-note" data-testid="rejection">
          The rejection lands here: the server refuses the client&apos;s certificate and says why in this alert.
        </p>
      )}
      {open && certs.length > 0 && (
        <p className="il-certs">
          {certs.map((node) => (
            <button key={node.range[0]} className="btn" type="button" onClick={() => onOpen(node, der(node))}>
              Open {record.from} certificate {(node.certificate?.index ?? 0) + 1} in Inspect
            </button>
          ))}
        </p>
      )}
      {open && (
        <AnnotatedBytes
          hex={record.hex}
          tree={record.tree}
          label={`${record.from} record ${record.index + 1}${record.plaintext ? ", as sent (encrypted)" : ""}`}
          onOpenCertificate={record.plaintext ? undefined : onOpen}
          onRecordKey={onRecordKey}
        />
      )}
      {open && record.plaintext && (
        <>
          <p className="muted il-keys">
            Decrypted with the key and IV derived from {record.plaintext.keys.secret}, record number {record.plaintext.keys.sequence}, nonce{" "}
            <span className="mono">{record.plaintext.keys.nonce}</span>.
          </p>
          <AnnotatedBytes hex={record.plaintext.hex} tree={tree} label={`${record.from} record ${record.index + 1}, decrypted`} onOpenCertificate={onOpen} onRecordKey={onRecordKey} />
        </>
      )}
    </li>
  );
}

/** "Show every record's bytes" opens records in order up to this many bytes (a long capture would freeze the page). */
const SHOW_ALL_BYTES = 64_000;

/**
 * The illustrated page of one capture, from its annotation (made in the capture worker with the rest of the
 * decode, see workers/capture-client.ts); `annotateError` is the package's line when the annotation failed.
 */
export function Illustrated({ annotated, annotateError }: { annotated: AnnotatedHandshake | null; annotateError?: string }) {
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // Which records show their bytes, by position: at first the ones client authentication adds or changes.
  const [shown, setShown] = useState<ReadonlySet<number>>(() => new Set(annotated?.records.flatMap((r, i) => (opensAtFirst(r) ? [i] : [])) ?? []));
  const open = useOpenCertificate(setError);

  if (!annotated) return <p role="alert">Could not annotate this capture: {annotateError ?? "no annotation"}</p>;
  // PageUp/PageDown in a record's fields: focus the previous/next record's first focusable field.
  const recordKey = (from: HTMLElement | null, direction: -1 | 1) => {
    const items = Array.from(list.current?.querySelectorAll<HTMLElement>(":scope > li") ?? []);
    const at = items.findIndex((li) => li.contains(from));
    const target = items[at + direction];
    (target?.querySelector<HTMLElement>('.ab-fields button[tabindex="0"]') ?? target?.querySelector<HTMLElement>('[data-testid="record-toggle"]'))?.focus();
    target?.scrollIntoView({ block: "nearest" });
  };
  return (
    <div className="il" data-testid="illustrated">
      <p className="muted il-help">
        Every record in the order it crossed the wire; the ones client authentication adds show their bytes, the others open with &quot;Show the bytes&quot;. Click or hover a byte to see its field and what it means; click a field to light up its bytes. Keys:
        Tab moves between the bytes and the fields of each record; in the bytes ← → move a byte and ↑ ↓ a field; in the fields ↑ ↓ move, Home and End jump, PageUp and
        PageDown go to the previous or next record. Parts marked <span className="il-badge">mTLS</span> are the ones client authentication adds.
      </p>
      {error && <p role="alert">{error}</p>}
      <p className="field-row il-expand">
        <button className="btn" type="button" onClick={() => setShown(recordsWithin(annotated.records, SHOW_ALL_BYTES))}>
          Show every record&apos;s bytes
        </button>
        <button className="btn" type="button" onClick={() => setShown(new Set())}>
          Hide all bytes
        </button>
      </p>
      <ol className="il-records" ref={list} aria-label="Records in the capture">
        {annotated.records.map((r, i) => (
          <Record
            key={`${r.from}-${r.index}`}
            record={r}
            position={i + 1}
            tlsVersion={annotated.tlsVersion}
            open={shown.has(i)}
            onToggle={() =>
              setShown((prev) => {
                const next = new Set(prev);
                if (!next.delete(i)) next.add(i);
                return next;
              })
            }
            onOpen={(node, der) => void open(r, node, der)}
            onRecordKey={(d) => recordKey(document.activeElement as HTMLElement | null, d)}
          />
        ))}
      </ol>
      <ProofView annotated={annotated} />
    </div>
  );
}
