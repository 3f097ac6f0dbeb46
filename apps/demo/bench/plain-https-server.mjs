#!/usr/bin/env node
// The peer `mtls-lab serve` is measured against: the plain Node mTLS server the tutorials start from,
// https.createServer with requestCert and rejectUnauthorized (TLS verification of the client in the
// handshake, node:tls docs), answering every request with one small JSON body. Not a benchmark itself:
// server.bench.mjs starts it in its own process. Usage: node plain-https-server.mjs KIT_DIR PORT
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import { join } from "node:path";

const [kitDir, port] = process.argv.slice(2);
const read = (name) => readFileSync(join(kitDir, name));
const body = `${JSON.stringify({ mTLSValid: true })}\n`;
const server = createServer(
  { key: read("server.key"), cert: read("server-chain.crt"), ca: read("client-ca.crt"), requestCert: true, rejectUnauthorized: true },
  (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  },
);
server.listen(Number(port), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => process.exit(0));
