/**
 * The lab's OCSP responder (`mtls-lab ocsp --kit DIR`): answers RFC 6960 requests for the kit's client CAs,
 * over HTTP POST (application/ocsp-request) and GET (/base64-request), from kit.json's revocations as they are
 * on disk at each request, so `mtls-lab revoke` takes effect without a restart. nginx's `ssl_ocsp` asks with GET,
 * Apache's `SSLOCSPEnable` with POST.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { webcrypto } from "node:crypto";
import { join } from "node:path";
import { KitFileName, answerOcsp, KeyAlgorithms, isKeyType, type CrlReason, type KitManifest } from "@mtls-lab/x509";
import { listenControls } from "./listen.js";

/** Largest request accepted: an OCSP request for one certificate is about 100 bytes. */
const MAX_REQUEST = 64 * 1024;

interface Issuer {
  certificate: string;
  privateKey: CryptoKey;
}

interface LoadedKit {
  issuers: Issuer[];
  revoked: Map<string, { revokedAt: string; reason?: CrlReason }>;
  /** The path of the kit's OCSP URL ("/" without one): GET requests come as PATH/<base64 request>. */
  path: string;
}

async function loadKit(dir: string): Promise<LoadedKit> {
  const manifest = JSON.parse(await readFile(join(dir, KitFileName.manifest), "utf8")) as KitManifest;
  if (!isKeyType(manifest.keyType)) throw new Error(`kit.json: unknown keyType ${JSON.stringify(manifest.keyType)}`);
  const pairs: [string, string][] = [[KitFileName.clientCa, KitFileName.clientCaKey]];
  if (manifest.files.some((f) => f.role === "clientIntermediate")) pairs.push([KitFileName.clientIntermediate, KitFileName.clientIntermediateKey]);
  const issuers: Issuer[] = [];
  for (const [cert, key] of pairs) {
    const pem = await readFile(join(dir, key), "utf8");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    const privateKey = await webcrypto.subtle.importKey("pkcs8", der, KeyAlgorithms[manifest.keyType] as Algorithm, false, ["sign"]);
    issuers.push({ certificate: await readFile(join(dir, cert), "utf8"), privateKey });
  }
  const revoked = new Map((manifest.revoked ?? []).map((r) => [r.serialNumber.toLowerCase().replace(/^(00)+(?=..)/, ""), { revokedAt: r.revokedAt, ...(r.reason ? { reason: r.reason as CrlReason } : {}) }]));
  const path = manifest.ocspUrl ? new URL(manifest.ocspUrl).pathname : "/";
  return { issuers, revoked, path: path.endsWith("/") ? path : `${path}/` };
}

/** True when `bytes` is exactly one DER SEQUENCE (what an OCSPRequest is), judged by its length octets. */
function isOneSequence(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes[0] !== 0x30) return false;
  const first = bytes[1]!;
  if (first < 0x80) return bytes.length === 2 + first;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return false;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return bytes.length === 2 + count + length;
}

/**
 * The DER request of a GET: RFC 6960 A.1 puts the url-encoded base64 after the responder's path (nginx:
 * "GET " uri "/" escaped-base64 " HTTP/1.0", ngx_ssl_ocsp_create_request). The kit's URL path is tried first, then
 * the last path segment (a server configured with another path); null when neither holds a request.
 */
function requestOfGet(url: string, path: string): Uint8Array | null {
  const candidates = [url.startsWith(path) ? url.slice(path.length) : "", url.slice(url.lastIndexOf("/") + 1)];
  for (const candidate of candidates) {
    if (candidate === "") continue;
    try {
      const bytes = new Uint8Array(Buffer.from(decodeURIComponent(candidate), "base64"));
      if (isOneSequence(bytes)) return bytes;
    } catch {
      // not url-encoding: try the next candidate
    }
  }
  return null;
}

function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST) {
        resolve(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on("error", () => resolve(null));
  });
}

/** Creates the responder for the kit in `dir`; `onAnswer` hears each answered serial (for the console). */
export function createOcspResponder(options: { dir: string; onAnswer?: (line: string) => void }) {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let kit: LoadedKit;
    try {
      kit = await loadKit(options.dir);
    } catch (error) {
      options.onAnswer?.(`cannot read the kit: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500, { "content-type": "text/plain" }).end("the responder cannot read its kit\n");
      return;
    }
    let request: Uint8Array | null = null;
    if (req.method === "POST") request = await readBody(req);
    else if (req.method === "GET" && req.url) request = requestOfGet(req.url, kit.path);
    if (!request) {
      res.writeHead(req.method === "POST" || req.method === "GET" ? 400 : 405, { "content-type": "text/plain" }).end("expected an OCSP request (RFC 6960 appendix A)\n");
      return;
    }
    const answer = await answerOcsp(request, {
      issuers: kit.issuers,
      revocation: (serial) => {
        const found = kit.revoked.get(serial);
        options.onAnswer?.(`serial ${serial}: ${found ? `revoked${found.reason ? ` (${found.reason})` : ""}` : "good"}`);
        return found;
      },
    });
    res.writeHead(200, { "content-type": "application/ocsp-response", "content-length": answer.length, "cache-control": "no-store" }).end(answer);
  };
  const http = createServer((req, res) => void handle(req, res));
  http.requestTimeout = 10_000;
  http.headersTimeout = 5_000;
  return { http, ...listenControls(http) };
}

