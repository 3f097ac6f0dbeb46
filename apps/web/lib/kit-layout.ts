/**
 * How a generated kit is laid out for download: the kit's files at the top, the emitted configuration
 * in its folders, plus the three files that tie them together (nginx.conf, test.sh, README.md), whose
 * contents come from @mtls-lab/config (the CLI writes the same three files).
 */
import { kitNginxConf, kitReadme as configKitReadme, kitTestScript, type KitBundleInput, type ProfileName, type VerifyMode } from "@mtls-lab/config";

/** A file as the Generate view shows and zips it. */
export interface LaidOutFile {
  path: string;
  contents: string | Uint8Array;
  mode: number;
  kind: "certificate" | "key" | "pkcs12" | "config" | "script" | "doc";
}

export interface KitSummary {
  keyType: string;
  hosts: string[];
  ips: string[];
  clients: string[];
  intermediate: boolean;
  verifyMode: VerifyMode;
  profile: ProfileName;
  upstream: string;
  /** The emitted nginx server blocks, relative to the kit root (e.g. "nginx/mtls-reverse.conf"). */
  nginxInclude: string;
  /** The emitted curl scripts, relative to the kit root. */
  curlScripts: string[];
  warnings: string[];
}

/** The file kind by name: drives the explorer grouping, the zip modes and the editor's language. */
export function kindOf(path: string): LaidOutFile["kind"] {
  if (/\.(crt|pem)$/.test(path)) return "certificate";
  if (/\.key$/.test(path)) return "key";
  if (/\.p12$/.test(path)) return "pkcs12";
  if (/\.(sh)$/.test(path)) return "script";
  if (/\.md$/.test(path)) return "doc";
  return "config";
}

/** The package's input for a kit made on this page; `url` and `files` only matter to test.sh and the README. */
function bundleInput(summary: KitSummary, url = "", files: readonly { path: string }[] = []): KitBundleInput {
  return {
    origin: "browser",
    keyType: summary.keyType,
    hosts: summary.hosts,
    ips: summary.ips,
    clients: summary.clients,
    intermediate: summary.intermediate,
    verify: summary.verifyMode,
    profile: summary.profile,
    upstream: summary.upstream,
    url,
    nginxInclude: summary.nginxInclude,
    curlScripts: summary.curlScripts,
    kitFiles: files.map((f) => f.path),
    warnings: summary.warnings,
  };
}

/** nginx.conf around the emitted server blocks, runnable with `nginx -p "$PWD" -c "$PWD/nginx.conf"`. */
export function nginxMainConf(summary: KitSummary): string {
  return kitNginxConf(bundleInput(summary));
}

/** test.sh: the curl checks, with the client certificate (must pass) and without (must be refused). */
export function testScript(summary: KitSummary, url: string): string {
  return kitTestScript(bundleInput(summary, url));
}

/** README.md: what is in the kit and how to run it. */
export function kitReadme(summary: KitSummary, files: readonly { path: string }[]): string {
  return configKitReadme(bundleInput(summary, "", files));
}
