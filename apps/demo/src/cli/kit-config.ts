/**
 * `mtls-lab kit --config`: every configuration target of @mtls-lab/config, emitted for the kit just
 * written, into DIR/config/, plus the kit bundle at DIR's root (nginx.conf around the emitted server
 * blocks, test.sh, README.md), the same three files the site's Generate view puts in its zip.
 */
import { defaults, emitAll, emitKitBundle, kitPaths, type EmitResult } from "@mtls-lab/config";
import type { Kit, KitManifest } from "@mtls-lab/x509";
import { CliError, describeError } from "./errors.js";
import type { OutputFile } from "./files.js";

/** The folder under the kit's root that holds the emitted targets. */
const configDir = "config";

/** What `planKitConfig` emits: the files to write (relative to DIR), and the names the summary shows. */
export interface KitConfigFiles {
  /** Every file, paths relative to DIR (config/... and the bundle at the root). */
  files: OutputFile[];
  warnings: string[];
  /** Paths relative to DIR/config. */
  config: string[];
  /** The bundle's paths relative to DIR. */
  bundle: string[];
}

/**
 * Emits every target for the kit in `dir` (absolute) for `dir/config`, and the bundle for `dir`; writes
 * nothing, so the caller can check every target before writing any file.
 * The server name is the kit's first DNS name (its certificate's SAN), so the clients' URL matches it;
 * a wildcard cannot be a URL host, so then it stays localhost.
 */
export function planKitConfig(generated: Kit, manifest: KitManifest, dir: string): KitConfigFiles {
  const { options } = generated;
  const serverName = options.hosts.find((host) => !host.startsWith("*.")) ?? defaults.serverName;
  let result: EmitResult;
  let bundle: EmitResult;
  try {
    result = emitAll({ paths: kitPaths(manifest, dir), serverName, p12Password: options.p12Password });
    const under = (path: string) => `${configDir}/${path}`;
    bundle = emitKitBundle({
      origin: "cli",
      keyType: manifest.keyType,
      hosts: options.hosts,
      ips: options.ips,
      clients: options.clients,
      intermediate: options.intermediate,
      verify: defaults.verify,
      profile: defaults.profile,
      upstream: defaults.reverseUpstream,
      url: `https://${serverName}:${defaults.listen}/`,
      nginxInclude: under(result.files.find((file) => file.path.startsWith("nginx/mtls-reverse"))?.path ?? "nginx/mtls-reverse.conf"),
      curlScripts: result.files.filter((file) => file.path.startsWith("curl/")).map((file) => under(file.path)),
      configDir,
      kitFiles: generated.files.map((file) => file.name),
      warnings: result.warnings,
    });
  } catch (error) {
    throw new CliError(`kit --config: ${describeError(error)}`);
  }
  return {
    files: [...result.files.map((file) => ({ ...file, path: `${configDir}/${file.path}` })), ...bundle.files],
    warnings: result.warnings,
    config: result.files.map((file) => file.path),
    bundle: bundle.files.map((file) => file.path),
  };
}
