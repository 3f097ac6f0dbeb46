/**
 * Real handshakes between Node peers, recorded the way `mtls-lab serve --capture` records them:
 * a TLS server and a TLS client on 127.0.0.1 with a TCP relay in between that keeps every chunk of both
 * directions, plus both peers' 'keylog' lines. Used by make-sample.mjs and by the package's tests.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer, connect as connectTcp } from "node:net";
import { join } from "node:path";
import { createServer as createTlsServer, connect as connectTls } from "node:tls";

function openssl(args, cwd) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function writeExt(dir, name, lines) {
  writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
}

/**
 * Makes two CAs (server, client), a server leaf for localhost/127.0.0.1, a client leaf with clientAuth,
 * a client leaf from an unrelated CA (a client the server must reject), a client leaf under an
 * intermediate (sent as a chain), all EC P-256, and RSA-2048 and Ed25519 client leaves, in `dir`.
 * Returns their PEM texts.
 */
export function makeCertificates(dir) {
  const ecKey = (name) => openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", `${name}.key`], dir);
  const makeCa = (name, cn) => {
    ecKey(name);
    openssl(["req", "-x509", "-new", "-key", `${name}.key`, "-subj", `/O=mTLS Lab/CN=${cn}`, "-days", "30", "-sha256",
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", `${name}.crt`], dir);
  };
  const makeLeaf = (name, cn, ca, ext, makeKey = ecKey) => {
    makeKey(name);
    openssl(["req", "-new", "-key", `${name}.key`, "-subj", `/O=mTLS Lab/CN=${cn}`, "-out", `${name}.csr`], dir);
    writeExt(dir, `${name}.ext`, ext);
    openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", `${ca}.crt`, "-CAkey", `${ca}.key`, "-CAcreateserial", "-days", "30", "-sha256",
      "-extfile", `${name}.ext`, "-out", `${name}.crt`], dir);
  };
  makeCa("server-ca", "mTLS Lab Server CA");
  makeCa("client-ca", "mTLS Lab Client CA");
  makeCa("other-ca", "Unrelated CA");
  // An intermediate under the client CA, for a client that sends a chain (leaf, then intermediate).
  ecKey("client-int");
  openssl(["req", "-new", "-key", "client-int.key", "-subj", "/O=mTLS Lab/CN=mTLS Lab Client Intermediate", "-out", "client-int.csr"], dir);
  writeExt(dir, "client-int.ext", ["basicConstraints=critical,CA:TRUE,pathlen:0", "keyUsage=critical,keyCertSign,cRLSign"]);
  openssl(["x509", "-req", "-in", "client-int.csr", "-CA", "client-ca.crt", "-CAkey", "client-ca.key", "-CAcreateserial", "-days", "30", "-sha256",
    "-extfile", "client-int.ext", "-out", "client-int.crt"], dir);
  const leafBase = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature"];
  makeLeaf("server", "localhost", "server-ca", [...leafBase, "extendedKeyUsage=serverAuth", "subjectAltName=DNS:localhost,IP:127.0.0.1"]);
  makeLeaf("client", "demo-client", "client-ca", [...leafBase, "extendedKeyUsage=clientAuth"]);
  makeLeaf("stranger", "stranger", "other-ca", [...leafBase, "extendedKeyUsage=clientAuth"]);
  makeLeaf("chained", "chained-client", "client-int", [...leafBase, "extendedKeyUsage=clientAuth"]);
  // The other client key types a CertificateVerify can be made with: RSA (rsa_pss_rsae_*) and Ed25519.
  makeLeaf("client-rsa", "rsa-client", "client-ca", [...leafBase, "extendedKeyUsage=clientAuth"], (name) => openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", `${name}.key`], dir));
  makeLeaf("client-ed25519", "ed25519-client", "client-ca", [...leafBase, "extendedKeyUsage=clientAuth"], (name) => openssl(["genpkey", "-algorithm", "ED25519", "-out", `${name}.key`], dir));
  const read = (name) => readFileSync(join(dir, name), "utf8");
  return {
    serverCa: read("server-ca.crt"),
    clientCa: read("client-ca.crt"),
    server: { cert: read("server.crt"), key: read("server.key") },
    client: { cert: read("client.crt"), key: read("client.key") },
    stranger: { cert: read("stranger.crt"), key: read("stranger.key") },
    clientIntermediate: read("client-int.crt"),
    chained: { cert: read("chained.crt") + read("client-int.crt"), key: read("chained.key") },
    clientRsa: { cert: read("client-rsa.crt"), key: read("client-rsa.key") },
    clientEd25519: { cert: read("client-ed25519.crt"), key: read("client-ed25519.key") },
  };
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server.address().port));
  });
}

/**
 * Runs one connection and returns `{ capture, client, server }`: the capture JSON (schema v1) and what
 * each peer reported (authorized, authorizationError, error code/message, data received).
 * `request` is written by the client once connected (an HTTP request for nginx).
 * `upstreamPort` relays to an already listening TLS server on 127.0.0.1 instead of starting a Node server.
 * `server` and `client` are extra tls options (minVersion, maxVersion, ciphers, cert, key, ...).
 */
export async function captureHandshake({ server: serverOptions, client: clientOptions, upstreamPort, request, timeoutMs = 20_000 }) {
  const startedAt = Date.now();
  const events = [];
  const keylog = [];
  const serverReport = {};
  const clientReport = { data: "" };
  const tlsServer = createTlsServer({ requestCert: true, rejectUnauthorized: true, ...serverOptions });
  tlsServer.on("keylog", (line) => keylog.push(line.toString("latin1").trim()));
  tlsServer.on("tlsClientError", (error) => (serverReport.error ??= { code: error.code, message: error.message }));
  tlsServer.on("secureConnection", (socket) => {
    serverReport.authorized = socket.authorized;
    serverReport.authorizationError = socket.authorizationError ?? undefined;
    serverReport.tlsVersion = socket.getProtocol();
    serverReport.cipher = socket.getCipher()?.standardName;
    socket.on("error", () => {});
    socket.end(socket.authorized ? "ok\n" : `not authorized: ${socket.authorizationError}\n`);
  });
  // With `upstreamPort` the relay forwards to another server (openssl s_server, nginx) instead of the Node one.
  const tlsPort = upstreamPort ?? (await listen(tlsServer));

  let relayDone;
  const relayClosed = new Promise((resolve) => (relayDone = resolve));
  const clientAddress = { address: "127.0.0.1", port: 0 };
  const relay = createTcpServer((downstream) => {
    clientAddress.port = downstream.remotePort ?? 0;
    const upstream = connectTcp(tlsPort, "127.0.0.1");
    const record = (from) => (chunk) => events.push({ t: Date.now() - startedAt, from, data: chunk.toString("base64") });
    downstream.on("data", record("client"));
    upstream.on("data", record("server"));
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    let open = 2;
    const closed = () => --open === 0 && relayDone();
    for (const [socket, other] of [[downstream, upstream], [upstream, downstream]]) {
      socket.on("error", () => other.destroy());
      socket.on("close", () => {
        // pipe() pauses the other socket when this one goes away; resume it so its own end/close still come.
        other.end();
        other.resume();
        closed();
      });
    }
  });
  const relayPort = await listen(relay);
  const relayAddress = { address: "127.0.0.1", port: relayPort };

  const clientDone = new Promise((resolve) => {
    const socket = connectTls({ host: "127.0.0.1", port: relayPort, servername: "localhost", ...clientOptions });
    // Both peers' key logs: a server that aborts early (TLS 1.2, no client certificate) never logs the master secret.
    socket.on("keylog", (line) => keylog.push(line.toString("latin1").trim()));
    socket.on("secureConnect", () => {
      clientReport.secureConnect = true;
      clientReport.tlsVersion = socket.getProtocol();
      clientReport.cipher = socket.getCipher()?.standardName;
      clientReport.certificateSha256 = socket.getCertificate()?.fingerprint256?.replaceAll(":", "").toLowerCase();
      if (request) socket.write(request);
    });
    socket.on("data", (chunk) => (clientReport.data += chunk.toString()));
    socket.on("error", (error) => (clientReport.error = { code: error.code, message: error.message }));
    socket.on("end", () => socket.end());
    socket.on("close", resolve);
  });
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`handshake capture did not finish within ${timeoutMs} ms`)), timeoutMs)));
  try {
    await Promise.race([Promise.all([clientDone, relayClosed]), timeout]);
  } finally {
    clearTimeout(timer);
    relay.close();
    if (tlsServer.listening) tlsServer.close();
  }
  const result = {};
  for (const key of ["tlsVersion", "cipher", "authorized", "authorizationError"]) {
    if (serverReport[key] !== undefined) result[key] = serverReport[key];
  }
  if (serverReport.error) {
    result.authorized = false;
    result.authorizationError ??= serverReport.error.code;
  }
  const capture = {
    format: "mtls-lab-capture",
    version: 1,
    startedAt: new Date(startedAt).toISOString(),
    client: clientAddress,
    server: relayAddress,
    events,
    keylog: [...new Set(keylog)],
    result,
  };
  return { capture, client: clientReport, server: serverReport };
}
