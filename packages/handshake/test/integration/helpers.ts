/**
 * Shared set-up for the capture tests: certificates made by openssl in a temp dir, and real captures
 * through the relay of scripts/capture-handshake.mjs.
 */
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { freePort } from "@mtls-lab/peers";
// @ts-expect-error plain .mjs script without type declarations
import { captureHandshake as captureUntyped, makeCertificates as makeUntyped } from "../../scripts/capture-handshake.mjs";
import type { Capture } from "../../src/index.js";

export interface Pems {
  serverCa: string;
  clientCa: string;
  server: { cert: string; key: string };
  client: { cert: string; key: string };
  stranger: { cert: string; key: string };
  clientIntermediate: string;
  /** `cert` is the leaf followed by its intermediate. */
  chained: { cert: string; key: string };
  clientRsa: { cert: string; key: string };
  clientEd25519: { cert: string; key: string };
}

export interface PeerReport {
  authorized?: boolean;
  authorizationError?: string;
  tlsVersion?: string;
  cipher?: string;
  data?: string;
  error?: { code?: string; message: string };
}

export const makeCertificates = makeUntyped as (dir: string) => Pems;
export const captureHandshake = captureUntyped as (options: {
  server?: Record<string, unknown>;
  client: Record<string, unknown>;
  upstreamPort?: number;
  request?: string;
  timeoutMs?: number;
}) => Promise<{ capture: Capture; client: PeerReport; server: PeerReport }>;

/** SHA-256 of a PEM certificate, lowercase hex, computed by Node (independent of the decoder). */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replaceAll(":", "").toLowerCase();
}

/** One direction's bytes, joined from the capture events. */
export function streamOf(capture: Capture, from: "client" | "server"): Buffer {
  return Buffer.concat(capture.events.filter((e) => e.from === from).map((e) => Buffer.from(e.data, "base64")));
}

/**
 * Starts `openssl s_server` requiring a client certificate (-Verify 1 -verify_return_error): a server
 * that rejects a bad client certificate with an alert, as OpenSSL-verifying servers do.
 */
export async function startOpensslServer(dir: string, versionFlag: "-tls1_3" | "-tls1_2"): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    "openssl",
    ["s_server", "-accept", `127.0.0.1:${port}`, versionFlag, "-cert", `${dir}/server.crt`, "-key", `${dir}/server.key`, "-CAfile", `${dir}/client-ca.crt`, "-Verify", "1", "-verify_return_error"],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`openssl s_server did not start: ${output}`)), 20_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      // s_server prints ACCEPT once it listens; connecting to probe would use up the connection.
      if (output.includes("ACCEPT")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`openssl s_server exited: ${output}`));
    });
  });
  return { port, stop: () => void (child.exitCode === null && child.kill("SIGKILL")) };
}
