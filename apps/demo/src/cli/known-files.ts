/**
 * The user's other certificate files, for a leading cause that names the file holding the right
 * certificate: every certificate file of a kit (its kit.json, with roles), found by --kit or beside a
 * given file, plus the files given on the command line.
 */
import { existsSync } from "node:fs";
import { dirname, join, normalize, resolve } from "node:path";
import type { KitManifest, KitRole, KnownFile, LeadingCause } from "@mtls-lab/x509";
import { readCertificates } from "./certificates.js";
import { readKitManifest } from "./config-input.js";

/** The key role of each certificate role of a kit (kit.json roles). */
const KEY_ROLE: Partial<Record<KitRole, KitRole>> = {
  serverCa: "serverCaKey",
  clientCa: "clientCaKey",
  serverIntermediate: "serverIntermediateKey",
  clientIntermediate: "clientIntermediateKey",
  serverCert: "serverKey",
  serverChain: "serverKey",
  clientCert: "clientKey",
  clientChain: "clientKey",
};

/** The manifest's key file for a certificate file (the same client's, for client files). */
function keyFileOf(entry: KitManifest["files"][number], manifest: KitManifest): string | undefined {
  const role = KEY_ROLE[entry.role];
  return role ? manifest.files.find((f) => f.role === role && f.client === entry.client)?.name : undefined;
}

/**
 * Known files: the certificate files of each kit directory among `dirs` (those with a kit.json) and the
 * `given` files. Names are as the user would type them (the directory joined, normalized). Unreadable
 * files are left out: they cannot hold the right certificate.
 */
export async function knownFiles(cwd: string, dirs: readonly string[], given: readonly string[]): Promise<KnownFile[]> {
  const out: KnownFile[] = [];
  const seen = new Set<string>();
  const add = async (name: string, extra: Partial<KnownFile> = {}) => {
    const shown = normalize(name);
    if (seen.has(shown)) return;
    seen.add(shown);
    try {
      const certificates = (await readCertificates(cwd, shown)).map((c) => c.der);
      out.push({ name: shown, certificates, ...extra });
    } catch {
      // Not a certificate file.
    }
  };
  for (const dir of new Set(dirs.map((d) => normalize(d)))) {
    if (!existsSync(resolve(cwd, dir, "kit.json"))) continue;
    let manifest;
    try {
      manifest = await readKitManifest(cwd, dir);
    } catch {
      continue;
    }
    for (const entry of manifest.files) {
      if (!KEY_ROLE[entry.role]) continue;
      const keyFile = keyFileOf(entry, manifest);
      await add(join(dir, entry.name), { role: entry.role, ...(keyFile ? { keyFile: normalize(join(dir, keyFile)) } : {}) });
    }
  }
  for (const file of given) await add(file);
  return out;
}

/** Directories of the given files, so a kit's files are known even without --kit. */
export function directoriesOf(files: readonly (string | undefined)[]): string[] {
  return files.filter((f): f is string => !!f).map((f) => dirname(f));
}

/** The leading cause as the text output's first lines. */
export function formatLeadingCause(leading: LeadingCause | null | undefined): string[] {
  if (!leading) return [];
  const lines = [`${leading.severity === "error" ? "cause" : "warning"} [${leading.kind}]: ${leading.cause}`, `fix: ${leading.fix}`];
  const stops = leading.stops;
  if (stops) {
    // The per-side verdicts below describe the handshake these files would make once they load.
    const who = [
      stops.curl ? `curl exits ${stops.curl.exitCode}` : null,
      stops.nodeClient ? `a Node client throws ${stops.nodeClient}` : null,
      stops.nodeServer ? `a Node server throws ${stops.nodeServer}` : null,
      stops.nginx ? "nginx does not start" : null,
    ].filter(Boolean);
    lines.push(`before any handshake: ${who.join(", ")}; the checks below assume the files loaded.`);
  }
  return [...lines, ""];
}
