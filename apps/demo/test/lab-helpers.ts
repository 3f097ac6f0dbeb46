/**
 * Test support for the lab tests: a kit plus the certificates a kit never contains (another CA, expired,
 * wrong EKU), made with openssl in a private temp directory, and a small Node TLS client.
 */
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";
import type { SecureVersion } from "node:tls";
import { tempDir } from "@mtls-lab/peers";
import { issueWithOpenssl, writeOpensslKit } from "./lab-openssl.js";

/** The client cases of the behaviour matrix. */
export const clientCases = ["none", "valid", "otherCa", "expired", "wrongEku"] as const;
export type ClientCase = (typeof clientCases)[number];

export interface TestKit {
  dir: string;
  read: (name: string) => string;
  /** cert/key PEM for a client case (undefined for "none"). */
  client: (c: ClientCase) => { cert: string; key: string } | undefined;
  cleanup: () => void;
}

/** Builds the lab kit and the bad clients into a fresh temp dir. */
export async function makeTestKit(): Promise<TestKit> {
  const tmp = tempDir("mtls-lab-lab-");
  const dir = tmp.path;
  await writeOpensslKit(dir, { clients: ["client"] });
  await issueWithOpenssl(dir, { name: "other-ca", subject: "/O=Elsewhere/CN=Other CA" });
  await issueWithOpenssl(dir, { name: "other-client", subject: "/O=Elsewhere/CN=other-client", issuer: "other-ca", eku: "clientAuth" });
  // Issued with a validity window entirely in the past.
  await issueWithOpenssl(dir, { name: "expired", subject: "/O=mTLS Lab/CN=expired-client", issuer: "client-ca", eku: "clientAuth",
    notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 30 * 86_400_000) });
  await issueWithOpenssl(dir, { name: "wrong-eku", subject: "/O=mTLS Lab/CN=server-eku-client", issuer: "client-ca", eku: "serverAuth" });
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  const files: Record<ClientCase, string | undefined> = { none: undefined, valid: "client", otherCa: "other-client", expired: "expired", wrongEku: "wrong-eku" };
  return {
    dir,
    read,
    client: (c) => {
      const base = files[c];
      return base ? { cert: read(`${base}.crt`), key: read(`${base}.key`) } : undefined;
    },
    cleanup: tmp.cleanup,
  };
}

export interface Answer {
  status?: number;
  body?: string;
  json?: Record<string, unknown>;
  error?: { code?: string; message: string };
}

/** One HTTPS GET with a fresh connection (no agent: every call is a full handshake). Server always verified. */
export function getOnce(
  port: number,
  path: string,
  options: { ca: string; cert?: string; key?: string; version?: SecureVersion; timeoutMs?: number },
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        agent: false,
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        ...(options.version ? { minVersion: options.version, maxVersion: options.version } : {}),
        timeout: options.timeoutMs ?? 15_000,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(body) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, body, ...(json ? { json } : {}) });
        });
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("client timeout"), { code: "CLIENT_TIMEOUT" })));
    req.on("error", (error: Error & { code?: string }) => resolve({ error: { code: error.code, message: error.message } }));
    req.end();
  });
}
