/**
 * Every `mtls-lab` command, one entry each: its name and summary (all that `mtls-lab --help` shows) and a
 * loader that imports the command's module only when that command runs or shows its own help. So
 * `mtls-lab --help` and a small command do not import every command and @mtls-lab/x509 before reading argv.
 * Registering a command = adding its entry here; the summary must equal the command's own (a test checks it).
 */
import type { CommandEntry } from "../command.js";

/** The registered commands, in no particular order (../registry.ts orders them for help). */
export const commandEntries: readonly CommandEntry[] = [
  { name: "inspect", summary: "show what is inside certificates, CSRs, CRLs, PKCS#7/#12 bundles and keys", load: async () => (await import("./inspect.js")).inspect },
  { name: "kit", summary: "generate a complete mTLS kit: server CA, client CA, server and client certificates, PKCS#12", load: async () => (await import("./kit.js")).kit },
  { name: "config", summary: "write nginx, Node, curl, Java, Python, Go and compose configuration for a kit", load: async () => (await import("./config.js")).configCommand },
  { name: "verify", summary: "check a certificate chain against trust anchors, as OpenSSL, Node and nginx do", load: async () => (await import("./verify.js")).verify },
  { name: "explain", summary: "decode a captured handshake step by step (from serve --capture), decrypted with its key log", load: async () => (await import("./explain.js")).explain },
  { name: "diagnose", summary: "predict whether an mTLS handshake works and what Node, nginx and curl will say if not", load: async () => (await import("./diagnose.js")).diagnoseCommand },
  { name: "serve", summary: "run the demo mTLS server that explains why a client certificate passed or failed", load: async () => (await import("./serve.js")).serve },
  { name: "app", summary: "run the plain HTTP app that the mTLS proxy forwards to, answering with the identity the proxy verified", load: async () => (await import("./app.js")).app },
  { name: "request", summary: "send one HTTPS request with a client certificate; on failure, say why", load: async () => (await import("./request.js")).request },
  { name: "up", summary: "start the local lab: kit in .lab/, demo server on 9443, with --proxy NAME (or --nginx) a proxy on 8443 in front of the app", load: async () => (await import("./up.js")).up },
  { name: "lint", summary: "warn about certificates that will cause mTLS trouble, with the fix for each", load: async () => (await import("./lint.js")).lintCommand },
  { name: "revoke", summary: "revoke a client of a kit: list it in the client CA's CRL and re-sign the kit's CRLs", load: async () => (await import("./revoke.js")).revoke },
  { name: "crl", summary: "re-sign a kit's client CRLs (same revocations, new number and dates) before they expire", load: async () => (await import("./revoke.js")).crl },
  { name: "p12", summary: "re-export a PKCS#12 file with another protection profile (compat for older macOS, Windows, Java 8)", load: async () => (await import("./p12.js")).p12 },
  { name: "probe", summary: "ask a running server whether it wants a client certificate, which CAs it accepts, and why it refuses yours", load: async () => (await import("./probe.js")).probe },
  { name: "ocsp", summary: "answer OCSP requests for a kit's client CAs (revocations from kit.json, live)", load: async () => (await import("./ocsp.js")).ocsp },
];
