/** A small Node HTTP app on 127.0.0.1 that records the headers of every request it gets. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import { freePort } from "@mtls-lab/peers";

export interface Upstream {
  port: number;
  seen: IncomingHttpHeaders[];
  close: () => Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ app: "upstream", headers: req.headers }));
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
