/**
 * How a generated kit is laid out for download: the kit's files at the top, the emitted configuration
 * in its folders, plus the three files that tie them together (nginx.conf, test.sh, README.md).
 */

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
  verifyMode: string;
  profile: string;
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

/**
 * A complete nginx.conf around the emitted server blocks, runnable from the kit folder without root:
 * `nginx -p "$PWD" -c "$PWD/nginx.conf"` resolves every relative path against the folder.
 */
export function nginxMainConf(summary: KitSummary): string {
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
    `    include ${summary.nginxInclude};`,
    "}",
    "",
  ].join("\n");
}

/** test.sh: the curl checks, one with the client certificate (must pass) and one without (must be refused). */
export function testScript(summary: KitSummary, url: string): string {
  const pem = summary.curlScripts.find((s) => s.includes("pem")) ?? summary.curlScripts[0];
  return [
    "#!/bin/sh",
    "# Checks the running kit: a request with the client certificate must succeed, one without must fail.",
    `# Start nginx (see README.md) and the app behind it (${summary.upstream}) first.`,
    "set -u",
    `URL="\${1:-${url}}"`,
    "cd \"$(dirname \"$0\")\"",
    "",
    `echo "1. with the client certificate (expect the app's answer):"`,
    pem ? `sh ${pem} "$URL" || { echo "FAILED: the request with a certificate was refused"; exit 1; }` : "echo 'no curl script in this kit'; exit 1",
    "",
    `echo "2. without a client certificate (expect nginx's 400 \\"No required SSL certificate was sent\\"):"`,
    'if curl --silent --show-error --fail --cacert server-ca.crt "$URL" >/dev/null; then',
    '  echo "FAILED: the server answered without a client certificate"; exit 1',
    "fi",
    'echo "OK: mutual TLS works: certificate accepted, no certificate refused."',
    "",
  ].join("\n");
}

/** README.md: what is in the kit and how to run it, in the order a reader needs it. */
export function kitReadme(summary: KitSummary, files: readonly { path: string }[]): string {
  const list = (kind: string[]) => files.filter((f) => kind.some((k) => f.path.endsWith(k))).map((f) => `- \`${f.path}\``);
  return [
    "# mTLS kit",
    "",
    `Generated in the browser by mTLS Lab: ${summary.keyType} keys, ${summary.intermediate ? "with" : "without"} intermediate CAs,`,
    `server names ${[...summary.hosts, ...summary.ips].join(", ")}, clients ${summary.clients.join(", ")}.`,
    "Two separate CAs: `server-ca.crt` is what clients trust, `client-ca.crt` is what the server accepts client certificates from.",
    "",
    "## Run it",
    "",
    "1. Check the certificates: `openssl verify -CAfile server-ca.crt " + (summary.intermediate ? "-untrusted server-chain.crt " : "") + "server.crt`",
    "2. Start the app nginx protects on " + summary.upstream + " (any HTTP server will do for a first try).",
    '3. Check and start nginx from this folder: `nginx -t -p "$PWD" -c "$PWD/nginx.conf"`, then',
    '   `nginx -p "$PWD" -c "$PWD/nginx.conf" -g "daemon off;"`',
    "4. Run the checks: `sh test.sh`: the request with the client certificate passes, the one without is refused.",
    "",
    "Other servers and clients (Node, Python, Java, Go, curl, Docker Compose) are in their folders; each file says how to run it.",
    "",
    "## Files",
    "",
    "Certificates (0644):",
    ...list([".crt"]),
    "",
    "Private keys and PKCS#12 (0600: keep them secret, never commit them):",
    ...list([".key", ".p12"]),
    "",
    ...(summary.warnings.length ? ["## Warnings", "", ...summary.warnings.map((w) => `- ${w}`), ""] : []),
  ].join("\n");
}
