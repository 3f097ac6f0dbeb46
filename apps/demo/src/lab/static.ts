/**
 * A tiny static file server for the built site (apps/web/out, a Next static export) on `npm start`.
 * Next's export writes `/learn/x` as `learn/x.html` (or `learn/x/index.html` with trailing slashes), so both
 * are tried; unknown paths get the export's 404.html. Nothing outside the root is ever served.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { listenControls } from "./listen.js";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json",
};

/** A created, not yet listening, static server. */
export interface StaticServer {
  readonly http: Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a URL path maps to under `root`, or undefined. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split("?")[0] ?? "/");
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const base = normalize(root).replace(/[\\/]+$/, "");
  const target = normalize(join(base, decoded));
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  for (const candidate of [target, `${target}.html`, join(target, "index.html")]) if (isFile(candidate)) return candidate;
  return undefined;
}

/** Creates the static server for `root`. */
export function createStaticServer(root: string): StaticServer {
  const http = createHttpServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const file = resolveStaticPath(root, req.url ?? "/");
    const notFound = file ? undefined : resolveStaticPath(root, "/404.html");
    const path = file ?? notFound;
    if (!path) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
      return;
    }
    res.writeHead(file ? 200 : 404, { "content-type": types[extname(path)] ?? "application/octet-stream", "content-length": statSync(path).size });
    if (req.method === "HEAD") return void res.end();
    createReadStream(path).on("error", () => res.destroy()).pipe(res);
  });
  return {
    http,
    ...listenControls(http),
  };
}
