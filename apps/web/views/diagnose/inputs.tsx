"use client";
/** The file slots of Diagnose: each a labelled file input showing what was chosen. */
import type { DiagnoseFiles } from "../../workers/protocol";

export type Slot = keyof DiagnoseFiles;

/** A chosen file: its name and bytes. */
export interface Chosen {
  name: string;
  bytes: Uint8Array;
}

export const SLOTS: readonly { slot: Slot; label: string; hint: string; required?: boolean }[] = [
  { slot: "serverChain", label: "Server chain", hint: "What the server sends: leaf first, then intermediates (server-chain.crt).", required: true },
  { slot: "clientChain", label: "Client chain", hint: "What the client sends (client-chain.crt). Leave empty for a client that sends none." },
  { slot: "serverTrustsForClients", label: "Client CA file", hint: "The CA file the server trusts for clients (nginx ssl_client_certificate, Node ca).", required: true },
  { slot: "clientTrustsForServer", label: "Server CA file", hint: "The CA file the client trusts for the server (curl --cacert). Optional." },
  { slot: "serverKey", label: "Server key", hint: "Optional: checked against the server certificate." },
  { slot: "clientKey", label: "Client key", hint: "Optional: checked against the client certificate." },
];

/** The side bar's file inputs. */
export function FileInputs({ chosen, onChoose }: { chosen: Partial<Record<Slot, Chosen>>; onChoose: (slot: Slot, file: Chosen | null) => void }) {
  return (
    <div className="wb-section">
      {SLOTS.map(({ slot, label, hint, required }) => {
        const c = chosen[slot];
        return (
          <div key={slot} className="field dg-input">
            <label htmlFor={`dg-${slot}`}>
              {label}
              {required ? "" : " (optional)"}
            </label>
            <input
              id={`dg-${slot}`}
              type="file"
              aria-describedby={`dg-${slot}-hint`}
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                onChoose(slot, file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null);
              }}
            />
            <span id={`dg-${slot}-hint`} className="muted dg-hint">
              {c ? (
                <>
                  Using <strong data-testid={`chosen-${slot}`}>{c.name}</strong>{" "}
                  <button type="button" className="btn-link" onClick={() => onChoose(slot, null)} aria-label={`Clear ${label}`}>
                    clear
                  </button>
                </>
              ) : (
                hint
              )}
            </span>
          </div>
        );
      })}
    </div>
  );
}
