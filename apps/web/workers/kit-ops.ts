/**
 * The lab worker's kit operations: make a kit (keys, certificates, PKCS#12 files, CRLs, every config, the
 * .zip), revoke a client of it, zip it again, forget the kept keys. All of it runs in the worker: the page only
 * receives files. The worker imports this module on its first kit request (see lab.worker.ts).
 */
import { decode, generateKit, kitManifest, lint, updateKitCrls, type CrlReason, type KitManifest } from "@mtls-lab/x509";
import { emitAll, kitPaths, type EmitInput } from "@mtls-lab/config";
import { zipSync, strToU8 } from "fflate";
import { kindOf, kitReadme, nginxMainConf, testScript, type KitSummary } from "../lib/kit-layout";
import { keptKeyType, reusingCrypto } from "../lib/key-pool";

export { forgetKeys } from "../lib/key-pool";
import { fastDigestCrypto } from "./fast-digest";
import { ZIP_FOLDER, type GeneratedFile, type GenerateTimings, type KitSettingsMessage, type ProgressStep, type WorkerResults } from "./protocol";

export type Progress = (message: string, step?: ProgressStep) => void;

/** The names of a kit's key pairs in the order generateKit makes them (packages/x509/src/generate/kit.ts). */
export function keyLabels(intermediate: boolean, clients: readonly string[]): string[] {
  return ["server CA", "client CA", ...(intermediate ? ["server intermediate CA", "client intermediate CA"] : []), "server", ...clients.map((c) => `client ${c}`)];
}

/** The files as a .zip under `folder/`, with Unix modes so keys unpack as 0600. */
export function zipFiles(files: readonly { path: string; contents: string | Uint8Array; mode: number }[], folder: string): Uint8Array {
  const entries: Record<string, [Uint8Array, { os: number; attrs: number }]> = {};
  for (const f of files) {
    const bytes = typeof f.contents === "string" ? strToU8(f.contents) : f.contents;
    // External attributes: the Unix mode in the high 16 bits, "made by" Unix (3), as unzip and Info-ZIP expect.
    entries[`${folder}/${f.path}`] = [bytes, { os: 3, attrs: ((0o100000 | f.mode) << 16) >>> 0 }];
  }
  return zipSync(entries, { level: 6 });
}

async function decodedItems(f: { name: string; contents: string | Uint8Array }) {
  const kind = kindOf(f.name);
  // Certificates, keys and the CRLs (client-ca.crl, ...): their tabs open decoded.
  if ((kind !== "certificate" && kind !== "key" && !f.name.endsWith(".crl")) || typeof f.contents !== "string") return undefined;
  try {
    return (await decode(new TextEncoder().encode(f.contents))).items;
  } catch {
    return undefined; // Shown as text: a file the tab cannot decode is still part of the kit.
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs kit operations one at a time: the worker's message handler is async, and two kits made at once
 * would share (and, across key types, mix) the key pool.
 */
export function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * The Generate page's idle warm-up: one kit made and dropped, so the click runs code the engine has already
 * compiled (measured in Chromium: about 200 ms for the first kit of a fresh worker, 40 ms for the next), and
 * its key pairs kept in the pool, as after any kit. RSA is never warmed: its keys take seconds; nor is a worker
 * that keeps another key type's pairs.
 */
export async function warm(settings: KitSettingsMessage): Promise<null> {
  // Keys of another type are the current kit's: warming would replace them, and its next remake would need new ones.
  const kept = keptKeyType();
  if (settings.keyType.startsWith("rsa") || (kept !== null && kept !== settings.keyType)) return null;
  await generate(settings, () => undefined);
  return null;
}

/** Makes a kit with `settings`, reporting each key pair as it is made. */
export async function generate(settings: KitSettingsMessage, progress: Progress): Promise<WorkerResults["generate"]> {
  const labels = keyLabels(settings.intermediate, settings.clients);
  const type = settings.keyType.toUpperCase();
  progress(`Generating ${type} keys: 0 of ${labels.length}…`, { done: 0, total: labels.length });
  const pool = reusingCrypto(settings.keyType, fastDigestCrypto(), ({ index, reused }) => {
    const done = index + 1;
    const next = labels[done];
    const what = `${type} keys: ${reused ? "kept" : "made"} the ${labels[index] ?? "next"} key (${done} of ${labels.length})`;
    progress(next ? `${what}; generating the ${next} key…` : `${what}; signing…`, { done, total: labels.length });
  });
  const t0 = performance.now();
  const kit = await generateKit({
    crypto: pool.crypto,
    keyType: settings.keyType,
    hosts: settings.hosts,
    ips: settings.ips,
    clients: settings.clients,
    intermediate: settings.intermediate,
    days: settings.days,
    p12Password: settings.p12Password,
    p12Profile: settings.p12Profile,
    crl: settings.crl,
  });
  const t1 = performance.now();
  progress("Writing configuration…");
  const manifest = kitManifest(kit);
  const input: EmitInput = {
    paths: kitPaths(manifest, "."),
    profile: settings.profile,
    verify: settings.verifyMode,
    serverName: settings.hosts[0] ?? "localhost",
    upstream: settings.upstream,
    p12Password: settings.p12Password,
  };
  const emitted = emitAll(input);
  // The form makes a reverse proxy only; the forward proxy's "needs upstream" notice is about a setting it does not offer.
  const warnings = emitted.warnings.filter((w) => !w.startsWith("nginx-forward: skipped"));
  const files: GeneratedFile[] = kit.files.map((f) => ({ path: f.name, contents: f.contents, mode: f.mode, kind: kindOf(f.name) }));
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
    warnings,
  };
  const has = (p: string) => files.some((f) => f.path === p);
  if (!has("nginx.conf")) files.push({ path: "nginx.conf", contents: nginxMainConf(summary), mode: 0o644, kind: "config" });
  if (!has("test.sh")) files.push({ path: "test.sh", contents: testScript(summary, `https://${settings.hosts[0] ?? "localhost"}:8443/`), mode: 0o755, kind: "script" });
  if (!has("README.md")) files.push({ path: "README.md", contents: kitReadme(summary, files), mode: 0o644, kind: "doc" });
  const t2 = performance.now();
  // Certificates and keys decoded once, here, so their tabs open without decoding again.
  for (const f of files) {
    const items = await decodedItems({ name: f.path, contents: f.contents });
    if (items) f.items = items;
  }
  const lintWarnings = lint(kit);
  const t3 = performance.now();
  const zip = zipFiles(files, ZIP_FOLDER);
  const t4 = performance.now();
  const keys = pool.keyMs();
  const timings: GenerateTimings = { keys, sign: t1 - t0 - keys, configs: t2 - t1, decode: t3 - t2, zip: t4 - t3 };
  return { files, warnings, manifest, lint: lintWarnings, reusedKeys: pool.reused(), zip, timings };
}

/** Revokes `client` and re-signs the kit's client-side CRLs; returns the new CRL files and kit.json. */
export async function revoke(manifest: KitManifest, pem: Record<string, string>, client: string, reason: CrlReason | undefined): Promise<WorkerResults["revoke"]> {
  const result = await updateKitCrls({ manifest, files: pem, revoke: { client, ...(reason ? { reason } : {}) } });
  const files: GeneratedFile[] = [];
  for (const f of result.files) {
    const items = await decodedItems({ name: f.name, contents: f.contents });
    files.push({ path: f.name, contents: f.contents, mode: f.mode, kind: kindOf(f.name), ...(items ? { items } : {}) });
  }
  files.push({ path: "kit.json", contents: JSON.stringify(result.manifest, null, 2) + "\n", mode: 0o644, kind: "config" });
  return { files, manifest: result.manifest };
}
