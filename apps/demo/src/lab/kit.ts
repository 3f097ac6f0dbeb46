/**
 * The lab kit in `.lab/` (git-ignored): made once with @mtls-lab/x509's generateKit, reused afterwards.
 * Keys and PKCS#12 files are written 0600, certificates 0644, each file atomically (temp + rename).
 * A folder that already holds another kit (`mtls-lab kit --client alice`, the site's kit, a lab kit missing a
 * file) is never written over: the lab refuses it, naming what is there, unless asked to with `force`.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKit, kitManifest } from "@mtls-lab/x509";
import { KitFileName, kitFileNames } from "@mtls-lab/x509/constants";

/** Files `serve`, `up` and the printed commands need; a directory with all of them is reused as is. */
export const labKitFiles = ["server-ca.crt", "client-ca.crt", "server-chain.crt", "server.key", "client.crt", "client.key", "client.p12"] as const;

/** The PKCS#12 password of the lab kit (generateKit's default, which keytool 17 accepts). */
export const labP12Password = "changeit";

/** Names that mark a folder as holding a kit: kit.json, every kit's fixed files, and the lab client's files. */
const kitMarkers: ReadonlySet<string> = new Set(kitFileNames(["client"]));

/** True when `dir` holds every file the lab uses. */
export function hasLabKit(dir: string): boolean {
  return labKitFiles.every((name) => existsSync(join(dir, name)));
}

/** The kit files in `dir` (kit.json, server-ca.crt, ...), sorted; empty when there is none or no folder. */
export function kitFilesIn(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((name) => kitMarkers.has(name)).sort();
}

/** The client names kit.json lists, for the message; kit.json is someone's input, so anything odd is skipped. */
function clientsOf(dir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, KitFileName.manifest), "utf8")) as { files?: { role?: unknown; client?: unknown }[] };
    const names = (manifest.files ?? []).filter((f) => f.role === "clientCert" && typeof f.client === "string").map((f) => String(f.client));
    return [...new Set(names)].slice(0, 8);
  } catch {
    return [];
  }
}

/** Options of `ensureLabKit`. */
export interface EnsureLabKitOptions {
  /** Write a new lab kit over a kit in `dir` that is not a complete lab kit (its files are replaced). */
  force?: boolean;
}

/**
 * Makes the lab kit in `dir` unless one is there; resolves whether it was created. Throws, writing nothing,
 * when `dir` holds another kit or part of one and `force` is not set.
 */
export async function ensureLabKit(dir: string, options: EnsureLabKitOptions = {}): Promise<{ created: boolean }> {
  if (hasLabKit(dir)) return { created: false };
  const existing = kitFilesIn(dir);
  if (existing.length > 0 && options.force !== true) {
    const missing = labKitFiles.filter((name) => !existsSync(join(dir, name)));
    const clients = clientsOf(dir);
    const shown = existing.length > 4 ? [...existing.slice(0, 4), "..."] : existing;
    throw new Error(
      `${dir} already holds a kit (${shown.join(", ")})${clients.length > 0 ? ` with client${clients.length > 1 ? "s" : ""} ${clients.join(", ")}` : ""}` +
        ` but not the lab's ${missing.join(", ")}: not replacing it; pick another --dir, or pass --force to write a new lab kit over it`,
    );
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const kit = await generateKit({ hosts: ["localhost"], ips: ["127.0.0.1", "::1"], clients: ["client"], p12Password: labP12Password });
  const files = [...kit.files.map((f) => ({ name: f.name, contents: f.contents, mode: f.mode })),
    { name: "kit.json", contents: `${JSON.stringify(kitManifest(kit), null, 2)}\n`, mode: 0o644 }];
  for (const file of files) {
    const temp = join(dir, `.${file.name}.tmp`);
    writeFileSync(temp, file.contents, { mode: file.mode });
    chmodSync(temp, file.mode); // the umask may have narrowed or the file existed
    renameSync(temp, join(dir, file.name));
  }
  return { created: true };
}
