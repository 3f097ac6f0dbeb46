/**
 * `mtls-lab kit --config`: every configuration target of @mtls-lab/config, emitted for the kit just
 * written, into DIR/config/, plus the kit bundle at DIR's root (nginx.conf around the emitted server
 * blocks, test.sh, README.md), the same three files the site's Generate view puts in its zip.
 */
import { join } from "node:path";
import { defaults, emitAll, emitKitBundle, kitPaths, type EmitResult } from "@mtls-lab/config";
import type { Kit, KitManifest } from "@mtls-lab/x509";
import type { CommandIo } from "./command.js";
import { writeEmitted } from "./config-input.js";
import { CliError, describeError } from "./errors.js";
import { writeOutputFiles } from "./files.js";

/** The folder under the kit's root that holds the emitted targets. */
const configDir = "config";

/** What `emitKitConfig` wrote: paths relative to DIR/config, and the bundle's paths relative to DIR. */
export interface KitConfigFiles {
  config: string[];
  bundle: string[];
}

/**
 * Emits every target for the kit in `dir` (absolute) under `dir/config`, and the bundle at `dir`.
 * The server name is the kit's first DNS name (its certificate's SAN), so the clients' URL matches it;
 * a wildcard cannot be a URL host, so then it stays localhost.
 */
export async function emitKitConfig(generated: Kit, manifest: KitManifest, dir: string, shownDir: string, io: CommandIo): Promise<KitConfigFiles> {
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
  const config = await writeEmitted(result, join(dir, configDir), join(shownDir, configDir), io);
  await writeOutputFiles(dir, bundle.files, shownDir);
  return { config, bundle: bundle.files.map((file) => file.path) };
}
