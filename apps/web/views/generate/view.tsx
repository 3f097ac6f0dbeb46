"use client";
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch } from "react";
import { Workbench } from "../../workbench/workbench";
import { useCommands, useWorkbench } from "../../workbench/context";
import { saveFile } from "../../workbench/save";
import { callWorker, WorkerError } from "../../workers/client";
import { defaultGenerateSettings, isSlowKeyType, parseGenerateSettings, serializeGenerateSettings, type GenerateSettings } from "../../lib/generate-settings";
import type { LaidOutFile } from "../../lib/kit-layout";
import type { Problem, WorkbenchAction, WorkbenchFile } from "../../lib/workbench-state";
import { lintProblems } from "../../lib/problems";
import { GenerateForm } from "./form";
import { zipKit } from "./zip";

const KIT_GROUP = "kit";

/** Connects the workbench's dispatch and palette to Generate; always mounted. */
function GenerateController({ bind, generate, download }: { bind: (d: Dispatch<WorkbenchAction>) => void; generate: () => void; download: () => void }) {
  const { dispatch } = useWorkbench();
  bind(dispatch);
  const commands = useMemo(
    () => [
      { id: "generate.kit", title: "Generate: Generate Kit", run: generate },
      { id: "generate.download", title: "Generate: Download Kit (.zip)", run: download },
    ],
    [generate, download],
  );
  useCommands(commands);
  return null;
}

/** Generate: the mTLS kit form, the files in the explorer, and the zip. */
export function GenerateView() {
  const dispatchRef = useRef<Dispatch<WorkbenchAction> | null>(null);
  const [settings, setSettings] = useState<GenerateSettings>(defaultGenerateSettings);
  const [formKey, setFormKey] = useState(0);
  const [password, setPassword] = useState("changeit");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<LaidOutFile[]>([]);
  const [kitStatus, setKitStatus] = useState<string | null>(null);

  // Settings come from the query string once on load, so a shared link reproduces the form.
  useEffect(() => {
    setSettings(parseGenerateSettings(new URLSearchParams(window.location.search)));
    setFormKey((k) => k + 1);
  }, []);
  const change = useCallback((next: GenerateSettings) => {
    setSettings(next);
    const query = serializeGenerateSettings(next).toString();
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }, []);

  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const passwordRef = useRef(password);
  passwordRef.current = password;

  const generate = useCallback(async () => {
    const dispatch = dispatchRef.current;
    if (!dispatch) return;
    const s = settingsRef.current;
    setBusy(true);
    setError(null);
    setProgress(isSlowKeyType(s.keyType) ? "Generating RSA keys…" : "Generating keys…");
    const started = performance.now();
    try {
      const result = await callWorker({ op: "generate", settings: { ...s, p12Password: passwordRef.current } }, setProgress);
      const laidOut = result.files as LaidOutFile[];
      setFiles(laidOut);
      const cas = s.intermediate ? "2 CAs + 2 intermediates" : "2 CAs";
      setKitStatus(`kit: ${s.keyType} · ${cas}, 1 server, ${s.clients.length} client${s.clients.length === 1 ? "" : "s"}`);
      const workbenchFiles: WorkbenchFile[] = laidOut.map((f) => ({ id: `kit/${f.path}`, name: f.path, group: KIT_GROUP, editor: "text", data: f }));
      dispatch({ type: "replaceGroup", group: KIT_GROUP, files: workbenchFiles });
      dispatch({ type: "openTab", id: "kit/README.md" });
      const configProblems = result.warnings.map((w, i): Problem => ({ id: `kit-config-${i}`, severity: "info", source: "kit", message: w }));
      dispatch({ type: "setProblems", source: "kit", problems: [...lintProblems("kit", "kit", result.lint), ...configProblems] });
      dispatch({ type: "log", line: `Generated a ${s.keyType} kit (${laidOut.length} files) in ${Math.round(performance.now() - started)} ms` });
    } catch (e) {
      const message = e instanceof WorkerError ? e.message : String(e);
      setError(message);
      dispatch({ type: "log", line: `Could not generate the kit: ${message}` });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }, []);

  const filesRef = useRef(files);
  filesRef.current = files;
  const download = useCallback(async () => {
    if (filesRef.current.length === 0) return;
    saveFile("mtls-kit.zip", await zipKit(filesRef.current, "mtls-kit"), "application/zip");
  }, []);

  const runGenerate = useCallback(() => void generate(), [generate]);
  const runDownload = useCallback(() => void download(), [download]);

  return (
    <Workbench
      view="generate"
      status={kitStatus && <span data-testid="kit-status">{kitStatus}</span>}
      sideBar={
        <>
          <GenerateForm key={formKey} settings={settings} onChange={change} password={password} onPassword={setPassword} onGenerate={runGenerate} busy={busy} />
          <div className="wb-section">
            {progress && (
              <div role="status" aria-live="polite" data-testid="progress">
                {progress}
                <div className="progress" />
              </div>
            )}
            {error && (
              <p role="alert" style={{ color: "var(--fg-error)" }}>
                {error}
              </p>
            )}
            <button className="btn" type="button" onClick={runDownload} disabled={files.length === 0}>
              Download kit (.zip)
            </button>
          </div>
        </>
      }
      explorerEmpty={
        <>
          No kit yet.{" "}
          <button className="btn-link" type="button" onClick={runGenerate}>
            Generate a kit
          </button>
        </>
      }
      home={
        <div className="page">
          <h1>Generate an mTLS kit</h1>
          <p>
            Two CAs (one for servers, one for clients), a server certificate for your host names, client certificates with PKCS#12 files, an nginx reverse proxy that
            checks client certificates, client code for curl, Node, Python, Java and Go, a Docker Compose file, a test.sh, and a README that says how to run it.
          </p>
          <p>Set the options in the side bar and press Generate. The keys are made in this page and never leave it; the link keeps the settings, never the keys or the password.</p>
          <button className="btn" type="button" onClick={runGenerate} disabled={busy}>
            Generate kit
          </button>
        </div>
      }
    >
      <GenerateController bind={(d) => (dispatchRef.current = d)} generate={runGenerate} download={runDownload} />
    </Workbench>
  );
}
