/**
 * One HTTPS request that may be refused in the handshake: the status and body, or the error Node reports
 * (an alert from the server arrives as ERR_SSL_*). Node's own client, the server certificate verified.
 */
import { readFileSync } from "node:fs";
import { request } from "node:https";

export type Attempt = { status: number; body: string; headers: Record<string, string | string[] | undefined> } | { error: string; message: string };

export interface AttemptOptions {
  ca: string;
  cert?: string;
  key?: string;
  headers?: Record<string, string>;
  /** Host header and SNI name; default "localhost" (Caddy refuses a Host that differs from the SNI name). */
  host?: string;
  tls?: "TLSv1.2" | "TLSv1.3";
}

export function attempt(port: number, path: string, options: AttemptOptions): Promise<Attempt> {
  const host = options.host ?? "localhost";
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        servername: host,
        ca: readFileSync(options.ca),
        cert: options.cert ? readFileSync(options.cert) : undefined,
        key: options.key ? readFileSync(options.key) : undefined,
        headers: { host: `${host}:${port}`, ...options.headers },
        agent: false,
        timeout: 15_000,
        ...(options.tls ? { minVersion: options.tls, maxVersion: options.tls } : {}),
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? "ERROR", message: error.message }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("request timed out"), { code: "TIMEOUT" })));
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? "ERROR", message: error.message }));
    req.end();
  });
}
