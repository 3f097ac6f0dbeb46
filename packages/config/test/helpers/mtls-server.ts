/** A real Node mTLS server from a kit: requires a client certificate from the client CA. */
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { TLSSocket } from "node:tls";
import { freePort } from "@mtls-lab/peers";
import type { KitPaths } from "../../src/index.js";

export interface MtlsServer {
  port: number;
  /** Subjects (CN) of the clients that got a response. */
  clients: string[];
  close: () => Promise<void>;
}

export async function startMtlsServer(paths: KitPaths, options: { minVersion?: "TLSv1.2" | "TLSv1.3"; maxVersion?: "TLSv1.2" | "TLSv1.3" } = {}): Promise<MtlsServer> {
  const clients: string[] = [];
  const server = createServer(
    {
      key: readFileSync(paths.serverKey),
      cert: readFileSync(paths.serverChain),
      ca: readFileSync(paths.clientCa),
      requestCert: true,
      rejectUnauthorized: true,
      ...options,
    },
    (req, res) => {
      const cn = String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? "");
      clients.push(cn);
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`hello ${cn} over ${(req.socket as TLSSocket).getProtocol() ?? "?"}`);
    },
  );
  server.on("tlsClientError", () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
