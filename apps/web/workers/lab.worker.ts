/// <reference lib="webworker" />
/**
 * The lab worker: decodes, builds ASN.1 trees, renders text and generates kits with the packages'
 * functions, off the main thread. It holds no X.509 logic of its own.
 */
import { decode, generateKit, kitManifest, lint, parseAsn1, renderText, type DecodedItem, type LintWarning } from "@mtls-lab/x509";
import { emitAll, kitPaths, type EmitInput } from "@mtls-lab/config";
import { kindOf, kitReadme, nginxMainConf, testScript, type KitSummary } from "../lib/kit-layout";
import type { GeneratedFile, KitSettingsMessage, WorkerEnvelope, WorkerReply, WorkerResults } from "./protocol";
import { forgetKeys, reusingCrypto } from "../lib/key-pool";

async function generate(settings: KitSettingsMessage, progress: (m: string) => void): Promise<WorkerResults["generate"]> {
  progress(settings.keyType.startsWith("rsa") ? `Generating ${settings.keyType.toUpperCase()} keys: this takes a few seconds…` : "Generating keys…");
  const pool = reusingCrypto(settings.keyType);
  const kit = await generateKit({
    crypto: pool.crypto,
    keyType: settings.keyType,
    hosts: settings.hosts,
    ips: settings.ips,
    clients: settings.clients,
    intermediate: settings.intermediate,
    days: settings.days,
    p12Password: settings.p12Password,
  });
  progress("Writing configuration…");
  const manifest = kitManifest(kit);
  const paths = kitPaths(manifest, ".");
  const input: EmitInput = {
    paths,
    profile: settings.profile,
    verify: settings.verifyMode,
    serverName: settings.hosts[0] ?? "localhost",
    upstream: settings.upstream,
    p12Password: settings.p12Password,
  };
  const emitted = emitAll(input);
  const files: GeneratedFile[] = [];
  for (const f of kit.files) {
    const kind = kindOf(f.name);
    const items = (kind === "certificate" || kind === "key") && typeof f.contents === "string" ? (await decode(new TextEncoder().encode(f.contents))).items : undefined;
    files.push({ path: f.name, contents: f.contents, mode: f.mode, kind, ...(items ? { items } : {}) });
  }
  files.push({ path: "kit.json", contents: JSON.stringify(manifest, null, 2) + "\n", mode: 0o644, kind: "config" });
  for (const f of emitted.files) files.push({ path: f.path, contents: f.contents, mode: f.mode ?? 0o644, kind: kindOf(f.path) });
  const summary: KitSummary = {
    keyType: settings.keyType,
    hosts: settings.hosts,
    ips: settings.ips,
    clients: settings.clients,
    intermediate: settings.intermediate,
    verifyMode: settings.verifyMode,
    profile: settings.profile,
    upstream: settings.upstream,
    nginxInclude: emitted.files.find((f) => f.path.includes("reverse") && f.path.endsWith(".conf"))?.path ?? "nginx/mtls-reverse.conf",
    curlScripts: emitted.files.filter((f) => f.path.startsWith("curl/")).map((f) => f.path),
    warnings: emitted.warnings.filter((w) => !w.startsWith("nginx-forward: skipped")),
  };
  const has = (p: string) => files.some((f) => f.path === p);
  if (!has("nginx.conf")) files.push({ path: "nginx.conf", contents: nginxMainConf(summary), mode: 0o644, kind: "config" });
  if (!has("test.sh")) files.push({ path: "test.sh", contents: testScript(summary, `https://${settings.hosts[0] ?? "localhost"}:8443/`), mode: 0o755, kind: "script" });
  if (!has("README.md")) files.push({ path: "README.md", contents: kitReadme(summary, files), mode: 0o644, kind: "doc" });
  // The form makes a reverse proxy only; the forward proxy's "needs upstream" notice is about a setting it does not offer.
  const warnings = emitted.warnings.filter((w) => !w.startsWith("nginx-forward: skipped"));
  return { files, warnings, manifest, lint: lint(kit), reusedKeys: pool.reused() };
}

/** Bundles up to this size are linted; the Mozilla bundle (about 150) is, a 5,000-certificate test bundle is not. */
const LINT_LIMIT = 500;

/** Lints the certificates decode just built: lint takes decode's model objects, it does not parse them again. */
function lintItems(items: readonly DecodedItem[]): LintWarning[] | null {
  const certificates = items.flatMap((i) => (i.kind === "certificate" ? [i] : i.kind === "pkcs7" || i.kind === "pkcs12" ? i.items.filter((x) => x.kind === "certificate") : []));
  if (certificates.length === 0 || certificates.length > LINT_LIMIT) return null;
  return lint(certificates);
}

/** Objects per message: measured, a few hundred decoded certificates arrive well inside a 50 ms frame budget. */
const CHUNK = 200;

/**
 * Decodes and posts the objects as they come: the first one at once, the rest CHUNK at a time; the result
 * carries what was not sent yet and the lint findings, made from the same decoded objects.
 */
async function decodeStreaming(message: WorkerEnvelope & { op: "decode" }, chunk: (items: DecodedItem[], total: number) => void): Promise<WorkerResults["decode"]> {
  let sent = 0;
  let held: DecodedItem[] = [];
  const { items } = await decode(message.bytes, {
    password: message.password,
    onItems: (batch, total) => {
      // One object alone is the whole result: nothing to show ahead of it.
      if (total === 1) return;
      held.push(...batch);
      if (sent === 0 || held.length >= CHUNK) {
        chunk(held, total);
        sent += held.length;
        held = [];
      }
    },
  });
  return { items: items.slice(sent), lint: lintItems(items) };
}

async function handle(message: WorkerEnvelope, progress: (m: string) => void, chunk: (items: DecodedItem[], total: number) => void): Promise<unknown> {
  switch (message.op) {
    case "ready":
      return null;
    case "decode":
      return decodeStreaming(message, chunk);
    case "asn1":
      return parseAsn1(message.der);
    case "render":
      return renderText(message.item);
    case "generate":
      return generate(message.settings, progress);
    case "forgetKeys":
      forgetKeys();
      return null;
    default:
      throw Object.assign(new Error("unknown request"), { code: "BAD_INPUT" });
  }
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<WorkerEnvelope>) => {
  const { id } = event.data;
  const post = (reply: WorkerReply) => scope.postMessage(reply);
  try {
    const result = await handle(
      event.data,
      (message) => post({ id, type: "progress", message }),
      (items, total) => post({ id, type: "chunk", items, total }),
    );
    post({ id, type: "result", result: result as WorkerResults[keyof WorkerResults] });
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    post({ id, type: "error", code: typeof e.code === "string" ? e.code : "ERROR", message: typeof e.message === "string" ? e.message : String(error) });
  }
};
