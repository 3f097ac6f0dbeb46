"use client";
import { useState } from "react";
import { useWorkbench } from "../../workbench/context";

function openPicker() {
  document.getElementById("inspect-file")?.click();
}

/** Inspect's side bar section: the ways in. */
export function InspectSideBar({ openSample }: { openSample: () => void }) {
  const { busy } = useWorkbench().state;
  return (
    <div className="wb-section">
      <div className="field-row">
        <button className="btn" type="button" onClick={openPicker}>
          Open file…
        </button>
        <button className="btn-link" type="button" onClick={openSample}>
          Sample
        </button>
      </div>
      {busy && <p role="status">Decoding…</p>}
    </div>
  );
}

/** The empty Inspect: what can be opened, and three ways to open it: empty states teach. */
export function InspectHome({ openSample }: { openSample: () => void }) {
  const { state, openBytes: open } = useWorkbench();
  const { busy } = state;
  const [text, setText] = useState("");
  return (
    <div className="page">
      <h1>Inspect</h1>
      <p>
        See what is inside a certificate, key, CSR, CRL, bundle, PKCS#7 or PKCS#12 file: who it is for, who issued it, when it expires, what it may be used for,
        every extension, and the ASN.1 bytes. PEM or DER; PEM blocks are found inside any text (a log, an email, a config file).
      </p>
      <p className="muted">Decoding happens in this page. Nothing is uploaded.</p>
      <div className="dropzone">
        <p style={{ marginTop: 0 }}>
          Drop files anywhere on this page (on any view), or{" "}
          <button className="btn" type="button" onClick={openPicker}>
            Open file…
          </button>{" "}
          or try a{" "}
          <button className="btn-link" type="button" onClick={openSample}>
            sample certificate
          </button>
          .
        </p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) void open("pasted.pem", new TextEncoder().encode(text));
          }}
        >
          <label className="field">
            Paste PEM text
            <textarea
              id="inspect-paste"
              className="mono"
              rows={8}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={"-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----"}
            />
          </label>
          <button className="btn" type="submit" disabled={busy || !text.trim()}>
            Decode
          </button>
          {busy && <span role="status"> Decoding…</span>}
        </form>
      </div>
    </div>
  );
}
