/** A bounded HTTPS/HTTP request from the test itself (Node's own client, verification on). */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { readFileSync } from "node:fs";

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(url: string, options: { ca?: string; cert?: string; key?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const tls = url.startsWith("https:")
      ? {
          ca: options.ca ? readFileSync(options.ca) : undefined,
          cert: options.cert ? readFileSync(options.cert) : undefined,
          key: options.key ? readFileSync(options.key) : undefined,
          servername: "localhost",
          agent: false as const,
        }
      : { agent: false as const };
    const send = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = send(url, { ...tls, headers: options.headers, timeout: 15_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end();
  });
}
