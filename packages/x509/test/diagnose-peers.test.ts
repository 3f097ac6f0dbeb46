/**
 * diagnose()'s words for set-up mistakes, checked against the real tools: a key that does not match its
 * certificate (Node, curl, nginx -t) and a missing client certificate at a Node server that rejects.
 */
import { describe, expect, it } from "vitest";
import { createSecureContext, createServer, connect } from "node:tls";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run, startNginx, freePort, tempDir } from "@mtls-lab/peers";
import { diagnose, exportPrivateKeyPem, generateKeyPair, issueCertificate } from "../src/index.js";
import { buildPki } from "./verify-fixtures.js";

async function server() {
  const key = await generateKeyPair("ec-p256");
  const root = await issueCertificate({ profile: "root", subject: "CN=Peers Root", publicKey: key.publicKey, signingKey: key.privateKey });
  const leafKey = await generateKeyPair("ec-p256");
  const leaf = await issueCertificate({ profile: "server", subject: "CN=localhost", publicKey: leafKey.publicKey, issuer: { certificate: root.der, privateKey: key.privateKey }, hosts: ["localhost"], ips: ["127.0.0.1"] });
  return { root, leaf, keyPem: await exportPrivateKeyPem(leafKey.privateKey) };
}

describe("diagnose against real tools", () => {
  it("key mismatch: Node, curl and nginx fail as the finding says", async () => {
    const pki = await buildPki();
    const srv = await server();
    const wrongKey = await exportPrivateKeyPem((await generateKeyPair("ec-p256")).privateKey);
    const result = await diagnose({ serverChain: srv.leaf.pem, serverKey: wrongKey, clientChain: pki.client.pem + pki.intermediate.pem, clientKey: wrongKey, serverTrustsForClients: pki.root.pem, clientTrustsForServer: srv.root.pem });
    const serverFinding = result.findings.find((f) => f.id === "key-mismatch" && f.side === "server")!;
    const clientFinding = result.findings.find((f) => f.id === "key-mismatch" && f.side === "client")!;

    let nodeCode: string | undefined;
    try {
      createSecureContext({ key: wrongKey, cert: srv.leaf.pem });
    } catch (error) {
      nodeCode = (error as NodeJS.ErrnoException).code;
    }
    expect(nodeCode).toBeDefined();
    expect(serverFinding.message).toContain(nodeCode!);

    const dir = tempDir("mtls-lab-keymatch-");
    try {
      writeFileSync(join(dir.path, "client.crt"), pki.client.pem);
      writeFileSync(join(dir.path, "client.key"), wrongKey);
      // curl loads the key once the TCP connection is up: give it a real TLS server to reach.
      const listener = createServer({ key: srv.keyPem, cert: srv.leaf.pem }, (socket) => socket.end());
      listener.on("tlsClientError", () => {});
      await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
      const curlPort = (listener.address() as { port: number }).port;
      const curl = await run("curl", ["-sS", "--cert", join(dir.path, "client.crt"), "--key", join(dir.path, "client.key"), `https://127.0.0.1:${curlPort}/`], { timeoutMs: 20_000 });
      listener.close();
      expect(curl.code).toBe(58);
      expect(clientFinding.message).toContain("exit 58");
      expect(curl.stderr).toContain("unable to set private key file");

      const port = await freePort();
      const started = await startNginx(`server { listen 127.0.0.1:${port} ssl; ssl_certificate server.crt; ssl_certificate_key server.key; }`, [port], { files: { "server.crt": srv.leaf.pem, "server.key": wrongKey } }).then(
        async (nginx) => (await nginx.stop(), "started"),
        (error: Error) => error.message,
      );
      expect(started).toContain("key values mismatch");
      expect(serverFinding.message).toContain("key values mismatch");
    } finally {
      dir.cleanup();
    }
  });

  for (const tls of ["1.2", "1.3"] as const) {
    it(`no client certificate at a rejecting Node server over TLS ${tls}: the client's error is predicted`, async () => {
      const pki = await buildPki();
      const srv = await server();
      const result = await diagnose({ serverChain: srv.leaf.pem, serverTrustsForClients: pki.root.pem, clientTrustsForServer: srv.root.pem, server: "node", tlsVersion: tls });
      const expected = result.client.node.whenRejecting!;
      const tlsServer = createServer({ key: srv.keyPem, cert: srv.leaf.pem, ca: pki.root.pem, requestCert: true, rejectUnauthorized: true }, (socket) => socket.end("hello"));
      tlsServer.on("tlsClientError", () => {});
      await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
      const port = (tlsServer.address() as { port: number }).port;
      const version = tls === "1.2" ? "TLSv1.2" : "TLSv1.3";
      const observed = await new Promise<{ code?: string; message: string }>((resolve) => {
        const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca: srv.root.pem, minVersion: version, maxVersion: version });
        socket.on("data", () => {});
        socket.on("error", (error: NodeJS.ErrnoException) => resolve({ code: error.code, message: error.message }));
        socket.on("end", () => resolve({ code: "END", message: "" }));
      });
      tlsServer.close();
      expect(observed.code).toBe(expected.code);
      expect(observed.message).toContain(expected.message);
    });
  }

  it("a SHA-1 signed client certificate: Node and curl refuse to load it, as the finding says", async () => {
    const dir = tempDir("mtls-lab-weak-");
    try {
      const p = (name: string) => join(dir.path, name);
      writeFileSync(p("ca.cnf"), "[req]\ndistinguished_name=dn\n[dn]\n[v3]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\n");
      writeFileSync(p("client.ext"), "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nauthorityKeyIdentifier=keyid\n");
      const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
      for (const args of [
        ["req", "-x509", ...ec, "-keyout", p("ca.key"), "-out", p("ca.crt"), "-days", "2", "-subj", "/CN=Weak CA", "-extensions", "v3", "-config", p("ca.cnf")],
        ["req", "-new", ...ec, "-keyout", p("client.key"), "-out", p("client.csr"), "-subj", "/CN=sha1-client"],
        ["x509", "-req", "-sha1", "-in", p("client.csr"), "-CA", p("ca.crt"), "-CAkey", p("ca.key"), "-CAcreateserial", "-out", p("client.crt"), "-days", "2", "-extfile", p("client.ext")],
      ]) expect((await run("openssl", args)).code).toBe(0);
      const srv = await server();
      const read = (name: string) => readFileSync(p(name), "utf8");
      const result = await diagnose({ serverChain: srv.leaf.pem, clientChain: read("client.crt"), clientKey: read("client.key"), serverTrustsForClients: read("ca.crt"), clientTrustsForServer: srv.root.pem });
      const finding = result.findings.find((f) => f.id === "weak-certificate" && f.side === "client")!;
      expect(finding).toBeDefined();
      let nodeCode: string | undefined;
      try {
        createSecureContext({ cert: read("client.crt"), key: read("client.key") });
      } catch (error) {
        nodeCode = (error as NodeJS.ErrnoException).code;
      }
      expect(nodeCode).toBe("ERR_SSL_CA_MD_TOO_WEAK");
      expect(finding.message).toContain(nodeCode!);
      const listener = createServer({ key: srv.keyPem, cert: srv.leaf.pem }, (socket) => socket.end());
      listener.on("tlsClientError", () => {});
      await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
      const curl = await run("curl", ["-sS", "--cacert", p("ca.crt"), "--cert", p("client.crt"), "--key", p("client.key"), `https://127.0.0.1:${(listener.address() as { port: number }).port}/`], { timeoutMs: 20_000 });
      listener.close();
      expect(curl.code).toBe(result.client.curl?.exitCode);
      expect(curl.stderr.replace(p("client.crt"), "<file>")).toContain(result.client.curl!.message!);
    } finally {
      dir.cleanup();
    }
  });
});
