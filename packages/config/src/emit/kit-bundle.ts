/**
 * The three files that tie a downloadable kit together: a top-level nginx.conf around the emitted server
 * blocks, test.sh with the curl checks, and README.md saying how to run it. The site and the CLI write
 * the same three files, so a kit looks the same wherever it was made.
 */
import { kitFileNames } from "../kit-paths.js";
import type { EmitResult, ProfileName, VerifyMode } from "../types.js";

/** Where a kit was made: the README's first line says so. */
export const KitOrigin = {
  browser: "browser",
  cli: "cli",
} as const;
export type KitOrigin = (typeof KitOrigin)[keyof typeof KitOrigin];

/** What the three files are written from. Paths are relative to the kit's root folder. */
export interface KitBundleInput {
  origin: KitOrigin;
  /** The kit's key type, as kit.json names it (e.g. "ec-p256"). */
  keyType: string;
  hosts: readonly string[];
  ips: readonly string[];
  clients: readonly string[];
  /** True when the kit has intermediate CAs (the README's openssl verify needs -untrusted). */
  intermediate: boolean;
  verify: VerifyMode;
  profile: ProfileName;
  /** The app nginx protects (the reverse proxy's upstream). */
  upstream: string;
  /** test.sh's default URL (its first argument overrides it). */
  url: string;
  /** The emitted nginx server blocks (e.g. "nginx/mtls-reverse.conf"); nginx.conf includes them. */
  nginxInclude: string;
  /** The emitted curl scripts; test.sh runs the PEM one. */
  curlScripts: readonly string[];
  /** The folder holding the other emitted targets ("" when they sit at the kit's root, as on the site). */
  configDir?: string;
  /** The kit's own files (certificates, keys, PKCS#12), listed in the README by secrecy. */
  kitFiles: readonly string[];
  /** Emitter warnings, repeated in the README. */
  warnings: readonly string[];
}

const names = kitFileNames();

/**
 * A complete nginx.conf around the emitted server blocks, runnable from the kit folder without root:
 * with `-p DIR -c DIR/nginx.conf`, pid, logs and temp paths resolve against the prefix and `include`
 * and the certificate paths against the folder of nginx.conf (nginx's conf prefix), both the kit's root.
 */
export function kitNginxConf(input: Pick<KitBundleInput, "nginxInclude">): string {
  return [
    "# nginx as the mTLS reverse proxy for this kit. Run from this folder (no root needed for ports > 1024):",
    '#   nginx -p "$PWD" -c "$PWD/nginx.conf" -g "daemon off;"',
    "# Check it first with:  nginx -t -p \"$PWD\" -c \"$PWD/nginx.conf\"",
    "worker_processes 1;",
    "error_log stderr;",
    "pid nginx.pid;",
    "",
    "events {",
    "    worker_connections 256;",
    "}",
    "",
    "http {",
    "    access_log access.log;",
    "    # Temporary files inside this folder: distribution builds point these at root-owned /var/lib/nginx.",
    "    client_body_temp_path client_body_temp;",
    "    proxy_temp_path proxy_temp;",
    "    fastcgi_temp_path fastcgi_temp;",
    "    uwsgi_temp_path uwsgi_temp;",
    "    scgi_temp_path scgi_temp;",
    `    include ${input.nginxInclude};`,
    "}",
    "",
  ].join("\n");
}

/**
 * What a request without a certificate gets (measured with nginx 1.22): `on` answers 400 before any location
 * runs; the optional modes pass it (as NONE) to the emitted location check, which answers 403.
 */
function refusalText(verify: VerifyMode): string {
  return verify === "on" ? `nginx's 400 \\"No required SSL certificate was sent\\"` : `403 from the location check (ssl_verify_client ${verify})`;
}

/** test.sh: the curl checks, one with the client certificate (must pass) and one without (must be refused). */
export function kitTestScript(input: Pick<KitBundleInput, "url" | "upstream" | "curlScripts" | "verify">): string {
  const pem = input.curlScripts.find((s) => s.includes("pem")) ?? input.curlScripts[0];
  return [
    "#!/bin/sh",
    "# Checks the running kit: a request with the client certificate must succeed, one without must fail.",
    `# Start nginx (see README.md) and the app behind it (${input.upstream}) first.`,
    "set -u",
    `URL="\${1:-${input.url}}"`,
    "cd \"$(dirname \"$0\")\"",
    "",
    `echo "1. with the client certificate (expect the app's answer):"`,
    pem ? `sh ${pem} "$URL" || { echo "FAILED: the request with a certificate was refused"; exit 1; }` : "echo 'no curl script in this kit'; exit 1",
    "",
    `echo "2. without a client certificate (expect ${refusalText(input.verify)}):"`,
    `if curl --silent --show-error --fail --cacert ${names.serverCa} "$URL" >/dev/null; then`,
    '  echo "FAILED: the server answered without a client certificate"; exit 1',
    "fi",
    'echo "OK: mutual TLS works: certificate accepted, no certificate refused."',
    "",
  ].join("\n");
}

/** README.md: what is in the kit and how to run it, in the order a reader needs it. */
export function kitReadme(
  input: Pick<KitBundleInput, "origin" | "keyType" | "hosts" | "ips" | "clients" | "intermediate" | "upstream" | "kitFiles" | "warnings" | "configDir">,
): string {
  const list = (kinds: string[]) => input.kitFiles.filter((f) => kinds.some((k) => f.endsWith(k))).map((f) => `- \`${f}\``);
  const made = input.origin === KitOrigin.browser ? "Generated in the browser by mTLS Lab" : "Generated by `mtls-lab kit --config`";
  const where = input.configDir ? `under \`${input.configDir.replace(/\/?$/, "/")}\`, one folder each` : "in their folders";
  return [
    "# mTLS kit",
    "",
    `${made}: ${input.keyType} keys, ${input.intermediate ? "with" : "without"} intermediate CAs,`,
    `server names ${[...input.hosts, ...input.ips].join(", ")}, clients ${input.clients.join(", ")}.`,
    `Two separate CAs: \`${names.serverCa}\` is what clients trust, \`${names.clientCa}\` is what the server accepts client certificates from.`,
    "",
    "## Run it",
    "",
    `1. Check the certificates: \`openssl verify -CAfile ${names.serverCa} ` + (input.intermediate ? `-untrusted ${names.serverChain} ` : "") + `${names.serverCert}\``,
    "2. Start the app nginx protects on " + input.upstream + " (any HTTP server will do for a first try).",
    '3. Check and start nginx from this folder: `nginx -t -p "$PWD" -c "$PWD/nginx.conf"`, then',
    '   `nginx -p "$PWD" -c "$PWD/nginx.conf" -g "daemon off;"`',
    "4. Run the checks: `sh test.sh`: the request with the client certificate passes, the one without is refused.",
    "",
    `Other servers and clients (Node, Python, Java, Go, curl, Docker Compose) are ${where}; each file says how to run it.`,
    "",
    "## Files",
    "",
    "Certificates (0644):",
    ...list([".crt"]),
    "",
    "Private keys and PKCS#12 (0600: keep them secret, never commit them):",
    ...list([".key", ".p12"]),
    "",
    ...(input.warnings.length ? ["## Warnings", "", ...input.warnings.map((w) => `- ${w}`), ""] : []),
  ].join("\n");
}

/** The three files at the kit's root: nginx.conf (0644), test.sh (0755) and README.md (0644). */
export function emitKitBundle(input: KitBundleInput): EmitResult {
  return {
    files: [
      { path: "nginx.conf", contents: kitNginxConf(input), mode: 0o644 },
      { path: "test.sh", contents: kitTestScript(input), mode: 0o755 },
      { path: "README.md", contents: kitReadme(input), mode: 0o644 },
    ],
    warnings: [],
  };
}
