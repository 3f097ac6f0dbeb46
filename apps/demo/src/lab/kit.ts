/**
 * The lab kit in `.lab/` (git-ignored): made once with @mtls-lab/x509's generateKit, reused afterwards.
 * Keys and PKCS#12 files are written 0600, certificates 0644, each file atomically (temp + rename).
 */
import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateKit, kitManifest } from "@mtls-lab/x509";

/** Files `serve`, `up` and the printed commands need; a directory with all of them is reused as is. */
export const labKitFiles = ["server-ca.crt", "client-ca.crt", "server-chain.crt", "server.key", "client.crt", "client.key", "client.p12"] as const;

/** The PKCS#12 password of the lab kit (generateKit's default, which keytool 17 accepts). */
export const labP12Password = "changeit";

/** True when `dir` holds every file the lab uses. */
export function hasLabKit(dir: string): boolean {
  return labKitFiles.every((name) => existsSync(join(dir, name)));
}

/** Makes the lab kit in `dir` unless one is there; resolves whether it was created. */
export async function ensureLabKit(dir: string): Promise<{ created: boolean }> {
  if (hasLabKit(dir)) return { created: false };
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
