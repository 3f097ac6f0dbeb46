"use client";
/**
 * Generate: the kit form in the editor area, the kit's files as a folder tree in the explorer, the zip,
 * and links to Inspect and Diagnose for the kit. Once a kit exists, changing a setting makes it again
 * (debounced), with the same keys unless the key type changed. Everything is made in the lab worker (keys
 * with per-key progress, certificates, CRLs, configs, the zip), warmed up while the page is idle; a kit
 * with CRLs can revoke its clients here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { useCommands, useWorkbench } from "../../workbench/context";
import { SideBarContribution } from "../../workbench/contribute";
import { saveFile } from "../../workbench/save";
import { defaultGenerateSettings, isSlowKeyType, parseGenerateSettings, serializeGenerateSettings, type GenerateSettings } from "../../lib/generate-settings";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { ProgressStep } from "../../workers/protocol";
import { GenerateForm } from "./form";
import { zipOf } from "./kit-zip";

/** Revocation appears with a kit made with CRLs: loaded then, not with the page. */
const Revocation = dynamic(() => import("./revocation").then((m) => m.Revocation), { ssr: false });

const KIT_GROUP = "kit";
/** Milliseconds of quiet after a change before the kit is made again. */
const DEBOUNCE = 600;

/** Generate's page. */
export function GenerateView() {
  const { state, dispatch, goTo } = useWorkbench();
  const [settings, setSettings] = useState<GenerateSettings>(defaultGenerateSettings);
  const [formKey, setFormKey] = useState(0);
  const [password, setPassword] = useState("changeit");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ line: string; step?: ProgressStep } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const kitFiles = useMemo(() => state.files.filter((f) => f.group === KIT_GROUP), [state.files]);
  const hasKit = kitFiles.length > 0;

  // Settings come from the query string once on load, so a shared link reproduces the form.
  useEffect(() => {
    setSettings(parseGenerateSettings(new URLSearchParams(window.location.search)));
    setFormKey((k) => k + 1);
  }, []);

  // The worker and its X.509 code start once the page is idle, so the click only generates (not needed once
  // a kit exists: the worker made it).
  const hadKit = useRef(hasKit);
  useEffect(() => {
    if (hadKit.current) return;
    const warm = () => void import("./run-generate").then((m) => m.warmWorker(settingsRef.current));
    if (typeof requestIdleCallback === "function") {
      const handle = requestIdleCallback(warm, { timeout: 2000 });
      return () => cancelIdleCallback(handle);
    }
    const handle = setTimeout(warm, 200);
    return () => clearTimeout(handle);
  }, []);

  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const passwordRef = useRef(password);
  passwordRef.current = password;

  const generate = useCallback(
    async (openReadme: boolean) => {
      const s = settingsRef.current;
      setBusy(true);
      setError(null);
      setProgress({ line: isSlowKeyType(s.keyType) ? "Generating RSA keys…" : "Generating keys…" });
      const { runGenerate } = await import("./run-generate");
      try {
        const failed = await runGenerate(dispatch, s, passwordRef.current, openReadme, (line, step) => setProgress({ line, step }));
        if (failed) setError(failed);
      } finally {
        setBusy(false);
        setProgress(null);
      }
    },
    [dispatch],
  );

  // Once there is a kit, a changed setting makes it again after a short quiet time.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const change = useCallback(
    (next: GenerateSettings) => {
      setSettings(next);
      settingsRef.current = next;
      const query = serializeGenerateSettings(next).toString();
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
      dispatch({ type: "setQuery", view: "generate", query });
      if (!hasKit) return;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void generate(false), DEBOUNCE);
    },
    [dispatch, generate, hasKit],
  );

  // The worker zips the kit with it; a kit restored from an earlier visit is zipped on the first download.
  const zip = hasKit ? zipOf(kitFiles) : null;
  const download = useCallback(async () => {
    const files = kitFiles.map((f) => f.data as LaidOutFile);
    if (files.length === 0) return;
    const ready = zipOf(kitFiles);
    if (ready) return saveFile("mtls-kit.zip", ready, "application/zip");
    const { zipKit } = await import("./zip");
    saveFile("mtls-kit.zip", await zipKit(files, "mtls-kit"), "application/zip");
  }, [kitFiles]);
  const runGenerate = useCallback(() => void generate(true), [generate]);
  const runDownload = useCallback(() => void download(), [download]);
  const diagnoseKit = useCallback(async () => {
    const { kitChoices } = await import("../diagnose/kit-choices");
    const choices = kitChoices(state.files);
    if (choices) dispatch({ type: "setDiagnoseInputs", inputs: choices });
    goTo("/diagnose/");
  }, [state.files, dispatch, goTo]);
  const inspectKit = useCallback(() => goTo("/inspect/", "kit/server.crt"), [goTo]);

  const commands = useMemo(
    () => [
      { id: "generate.kit", title: "Generate: Generate Kit", run: runGenerate },
      { id: "generate.download", title: "Generate: Download Kit (.zip)", run: runDownload },
      ...(hasKit ? [{ id: "generate.diagnose", title: "Generate: Diagnose This Kit", run: () => void diagnoseKit() }] : []),
    ],
    [runGenerate, runDownload, hasKit, diagnoseKit],
  );
  useCommands(commands);

  const kitActions = hasKit && (
    <div className="field-row gen-actions">
      <button className="btn" type="button" onClick={runDownload} data-testid="kit-zip" data-ready={zip ? "true" : "false"}>
        Download kit (.zip)
      </button>
      {zip && <span className="muted">{Math.ceil(zip.length / 1000)} KB</span>}
      <button className="btn-link" type="button" onClick={inspectKit}>
        Inspect the server certificate
      </button>
      <button className="btn-link" type="button" onClick={() => void diagnoseKit()}>
        Diagnose this kit
      </button>
    </div>
  );

  return (
    <>
      <SideBarContribution>
        <div className="wb-section">
          {hasKit ? (
            <>
              <p className="muted" style={{ marginTop: 0 }}>
                The kit&apos;s files are below. Certificates open decoded.
              </p>
              {kitActions}
            </>
          ) : (
            <>
              <p className="muted" style={{ marginTop: 0 }}>
                No kit yet.
              </p>
              <button className="btn" type="button" onClick={runGenerate} disabled={busy}>
                Generate a kit
              </button>
            </>
          )}
        </div>
      </SideBarContribution>
      <div className="page gen-page">
        <h1>Generate an mTLS kit</h1>
        <p>
          Two CAs (one for servers, one for clients), a server certificate for your host names, client certificates with PKCS#12 files, an nginx reverse proxy that checks
          client certificates, client code for curl, Node, Python, Java and Go, a Docker Compose file, a test.sh, and a README that says how to run it.
        </p>
        <p className="muted">
          The keys are made in this page and never leave it; the link keeps the settings, never the keys or the password.
          {hasKit ? " Change a setting and the kit is made again with the same keys." : ""}
        </p>
        {progress && (
          <div role="status" aria-live="polite" data-testid="progress">
            {progress.line}
            {progress.step ? (
              <progress className="key-progress" value={progress.step.done} max={progress.step.total} aria-label="Keys made" data-testid="key-progress" />
            ) : (
              <div className="progress" />
            )}
          </div>
        )}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {hasKit && <p>The kit is in the explorer: download it, inspect it or diagnose it from the side bar.</p>}
        {kitFiles.some((f) => f.name === "client-crls.pem") && <Revocation kitFiles={kitFiles} busy={busy} />}
        <GenerateForm key={formKey} settings={settings} onChange={change} password={password} onPassword={setPassword} onGenerate={runGenerate} busy={busy} hasKit={hasKit} />
      </div>
    </>
  );
}
