/**
 * Kit manifest -> the paths emitters write into files. Pure string work: the caller decides the directory.
 */
import type { KitManifest } from "@mtls-lab/x509";
import { KitFileName } from "@mtls-lab/x509/constants";
import type { KitPaths } from "./types.js";
import { ConfigError } from "./resolve.js";

/** The kit's file names (see the kit contract); NAME is the client. */
export function kitFileNames(client = "client") {
  return {
    serverCa: "server-ca.crt",
    clientCa: "client-ca.crt",
    serverCert: "server.crt",
    serverKey: "server.key",
    serverChain: "server-chain.crt",
    clientCert: `${client}.crt`,
    clientKey: `${client}.key`,
    clientChain: `${client}-chain.crt`,
    clientP12: `${client}.p12`,
  } as const;
}

/**
 * Paths of a kit's files under `dir` (as the emitted files should spell them: pass an absolute directory
 * for files that run anywhere). `client` picks one client of a kit with several (default the first).
 * Throws ConfigError naming the first file the manifest lacks.
 */
export function kitPaths(manifest: Pick<KitManifest, "files" | "ocspUrl">, dir: string, client?: string): KitPaths {
  const names = new Set(manifest.files.map((f) => f.name));
  const firstClient = client ?? manifest.files.find((f) => f.role === "clientCert")?.client ?? "client";
  const files = kitFileNames(firstClient);
  for (const [field, name] of Object.entries(files)) {
    if (!names.has(name)) throw new ConfigError(`paths.${field}`, `the kit has no ${name}`);
  }
  const base = dir === "" ? "" : dir.endsWith("/") ? dir : `${dir}/`;
  const intermediates = manifest.files.some((f) => f.role === "serverIntermediate" || f.role === "clientIntermediate");
  const crl = manifest.files.some((f) => f.name === KitFileName.clientCrls);
  return {
    ...(crl ? { clientCrl: base + KitFileName.clientCrls } : {}),
    ...(manifest.ocspUrl ? { ocspResponder: manifest.ocspUrl } : {}),
    serverCa: base + files.serverCa,
    clientCa: base + files.clientCa,
    serverCert: base + files.serverCert,
    serverKey: base + files.serverKey,
    serverChain: base + files.serverChain,
    clientCert: base + files.clientCert,
    clientKey: base + files.clientKey,
    clientChain: base + files.clientChain,
    clientP12: base + files.clientP12,
    intermediates,
  };
}
