"use client";
import { useEffect, useRef, useState } from "react";
import { useWorkbench } from "./context";

/** Asks for a PKCS#12 password; the password stays in this page and is never put in the URL. */
export default function PasswordDialog() {
  const { state, dispatch, openBytes: open } = useWorkbench();
  const { prompt, busy } = state;
  const cancelPrompt = () => dispatch({ type: "setPrompt", prompt: null });
  const [password, setPassword] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (prompt) input.current?.focus();
  }, [prompt]);
  if (!prompt) return null;
  return (
    <div className="wb-overlay">
      <form
        className="wb-quick"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-title"
        onSubmit={(e) => {
          e.preventDefault();
          void open(prompt.name, prompt.bytes, password);
          setPassword("");
        }}
        onKeyDown={(e) => e.key === "Escape" && cancelPrompt()}
      >
        <p id="password-title" style={{ margin: "4px 0 8px" }}>
          <strong>{prompt.name}</strong> is a password-protected PKCS#12 file. Its password:
        </p>
        <input ref={input} type="password" aria-label="PKCS#12 password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        {prompt.error && (
          <p role="alert" style={{ color: "var(--fg-error)" }}>
            {prompt.error}
          </p>
        )}
        <div className="field-row" style={{ marginTop: 8 }}>
          <button className="btn" type="submit" disabled={busy}>
            Open
          </button>
          <button className="btn-link" type="button" onClick={cancelPrompt}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
