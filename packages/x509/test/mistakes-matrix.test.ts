/**
 * The mistakes matrix through real peers. Every case's files are written to disk and served at once: one
 * nginx with a server block per case and ssl_verify_client mode, two Node TLS servers per case (requestCert
 * with rejectUnauthorized false, answering with its authorizationError, and true). curl and a Node client
 * connect over TLS 1.2 and 1.3 with the same files. diagnose() must predict what each said (curl's exit
 * code, nginx's status and $ssl_client_verify, the alert in nginx's log, Node's errors), and lead with the
 * case's mistake id, naming the case's files.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { connect, createServer, type Server } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, has, run, startNginx, tempDir, type NginxHandle } from "@mtls-lab/peers";
import { diagnose, type DiagnoseInput, type Diagnosis, type KnownFile } from "../src/index.js";
import { buildMistakeCases, type MistakeCase } from "./integration/mistake-cases.js";

const MODES = ["on", "optional", "optional_no_ca"] as const;
const TLS = ["1.2", "1.3"] as const;
const cases = await buildMistakeCases();
const dir = tempDir("mtls-lab-mistakes-");
const caseDir = (index: number) => join(dir.path, `case${index}`);
let nginx: NginxHandle | undefined;
const nginxPorts = new Map<string, number>();
const nodeServers = new Map<string, { lenient: number; strict: number }>();
const servers: Server[] = [];

function read(c: MistakeCase, name: string | undefined): string | undefined {
  return name === undefined ? undefined : c.files[name];
}

beforeAll(async () => {
  for (const tool of ["nginx", "curl", "openssl"]) if (!has(tool)) throw new Error(`${tool} is required for the mistakes matrix`);
  for (const [index, c] of cases.entries()) {
    for (const [name, contents] of Object.entries(c.files)) {
      const path = join(caseDir(index), name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, contents, { mode: name.endsWith(".key") ? 0o600 : 0o644 });
    }
    const ports = { lenient: 0, strict: 0 };
    for (const strict of [false, true]) {
      const server = createServer(
        { key: read(c, c.roles.serverKey), cert: read(c, c.roles.serverChain), ca: read(c, c.roles.clientCa), requestCert: true, rejectUnauthorized: strict, minVersion: "TLSv1.2" },
        (socket) => {
          socket.on("error", () => {});
          socket.end(JSON.stringify({ authorizationError: socket.authorizationError ?? null }));
        },
      );
      server.on("tlsClientError", () => {});
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      ports[strict ? "strict" : "lenient"] = (server.address() as { port: number }).port;
    }
    nodeServers.set(String(index), ports);
  }
  // A port another test takes between freePort() and nginx's bind() makes nginx exit: retry with new ports.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3 && !nginx; attempt++) {
    nginxPorts.clear();
    const blocks: string[] = [];
    for (const [index, c] of cases.entries()) {
      for (const mode of MODES) {
        let port = await freePort();
        while ([...nginxPorts.values()].includes(port)) port = await freePort();
        nginxPorts.set(`${index}/${mode}`, port);
        blocks.push(
          [
            "server {",
            `  listen 127.0.0.1:${port} ssl;`,
            `  ssl_certificate ${join(caseDir(index), c.roles.serverChain)};`,
            `  ssl_certificate_key ${join(caseDir(index), c.roles.serverKey)};`,
            `  ssl_client_certificate ${join(caseDir(index), c.roles.clientCa)};`,
            `  ssl_verify_client ${mode};`,
            "  ssl_verify_depth 10;",
            "  ssl_protocols TLSv1.2 TLSv1.3;",
            "  add_header X-Client-Verify $ssl_client_verify always;",
            '  location / { return 200 "ok"; }',
            "}",
          ].join("\n"),
        );
      }
    }
    try {
      nginx = await startNginx(blocks.join("\n"), [...nginxPorts.values()]);
    } catch (error) {
      lastError = error;
    }
  }
  if (!nginx) throw lastError;
}, 120_000);

afterAll(async () => {
  await nginx?.stop();
  for (const server of servers) server.close();
  dir.cleanup();
});

function input(c: MistakeCase, index: number, server: "nginx" | "node", tls: "1.2" | "1.3", mode: (typeof MODES)[number] = "on"): DiagnoseInput {
  const known: KnownFile[] = c.known.map((name) => ({ name, certificates: c.files[name]!, keyFile: name.replace(/(-chain)?\.crt$/, ".key") }));
  void index;
  return {
    serverChain: c.files[c.roles.serverChain]!,
    serverKey: c.files[c.roles.serverKey],
    clientChain: read(c, c.roles.clientChain),
    clientKey: read(c, c.roles.clientKey),
    serverTrustsForClients: c.files[c.roles.clientCa]!,
    clientTrustsForServer: c.files[c.roles.serverCa]!,
    host: c.host,
    server,
    verifyClient: mode,
    tlsVersion: tls,
    files: { ...c.roles },
    knownFiles: known,
  };
}

async function curl(c: MistakeCase, index: number, port: number, tls: "1.2" | "1.3") {
  const args = ["-sS", "-i", "--max-time", "20", "--cacert", c.roles.serverCa];
  if (c.roles.clientChain) args.push("--cert", c.roles.clientChain, "--key", c.roles.clientKey!);
  args.push(...(tls === "1.2" ? ["--tlsv1.2", "--tls-max", "1.2"] : ["--tlsv1.3"]), "--resolve", `${c.host}:${port}:127.0.0.1`, `https://${c.host}:${port}/`);
  const result = await run("curl", args, { cwd: caseDir(index), timeoutMs: 30_000 });
  return {
    exitCode: result.code,
    status: Number(/^HTTP\/[\d.]+ (\d{3})/m.exec(result.stdout)?.[1] ?? 0) || null,
    clientVerify: /^x-client-verify: (.*?)\r?$/im.exec(result.stdout)?.[1] ?? null,
    stderr: result.stderr,
  };
}

/** A Node client with the case's files: the server's answer, or the client's error code (a throw included). */
function nodeClient(c: MistakeCase, port: number, tls: "1.2" | "1.3"): Promise<{ answer?: { authorizationError: string | null }; error?: string; message?: string }> {
  return new Promise((resolve) => {
    const version = tls === "1.2" ? "TLSv1.2" : "TLSv1.3";
    let socket;
    try {
      socket = connect({ host: "127.0.0.1", port, servername: c.host, ca: c.files[c.roles.serverCa], cert: read(c, c.roles.clientChain), key: read(c, c.roles.clientKey), minVersion: version, maxVersion: version });
    } catch (error) {
      return resolve({ error: (error as NodeJS.ErrnoException).code ?? "THROWN", message: (error as Error).message });
    }
    let data = "";
    const timer = setTimeout(() => (socket.destroy(), resolve({ error: "TIMEOUT" })), 20_000);
    socket.on("data", (chunk: Buffer) => (data += chunk.toString()));
    socket.on("end", () => {
      clearTimeout(timer);
      // Closed without a byte: what Node's https client reports as ECONNRESET "socket hang up".
      if (data === "") return resolve({ error: "ECONNRESET", message: "closed without an answer" });
      try {
        resolve({ answer: JSON.parse(data) as { authorizationError: string | null } });
      } catch {
        resolve({ error: "NO_ANSWER", message: data });
      }
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ error: error.code ?? "ERROR", message: error.message });
    });
  });
}

function expectLeading(d: Diagnosis, c: MistakeCase): void {
  expect(d.leading?.kind, d.leading?.cause).toBe(c.kind);
  for (const name of c.causeNames) expect(d.leading?.cause, `cause names ${name}`).toContain(`\`${name}\``);
  for (const name of c.fixNames) expect(d.leading?.fix, `fix names ${name}`).toContain(name);
}

describe.concurrent("mistakes matrix: the leading cause names the mistake, predictions equal the real peers", () => {
  // One case per kind, but two weak clients: an RSA-1024 key (Node accepts) and a SHA-1 signature (Node refuses too).
  it("covers the mistakes", () => expect(new Set(cases.map((c) => c.kind)).size).toBe(cases.length - 1));

  for (const [index, c] of cases.entries()) {
    for (const tls of TLS) {
      it(`${c.kind} (${c.roles.clientChain ?? "no client certificate"}), TLS ${tls}`, async () => {
        const nodeDiagnosis = await diagnose(input(c, index, "node", tls));
        expectLeading(nodeDiagnosis, c);
        const stops = nodeDiagnosis.leading?.stops;

        for (const mode of MODES) {
          const d = await diagnose(input(c, index, "nginx", tls, mode));
          expectLeading(d, c);
          const port = nginxPorts.get(`${index}/${mode}`)!;
          const seen = await curl(c, index, port, tls);
          const where = `${c.kind} nginx ${mode} TLS ${tls}: ${seen.stderr}`;
          const exit = stops?.curl?.exitCode ?? d.client.curl?.exitCode;
          expect(seen.exitCode, where).toBe(exit);
          if (exit === 0) {
            expect(seen.status, where).toBe(d.client.nginx?.status);
            expect(seen.clientVerify, where).toBe(d.client.nginx?.clientVerify);
          }
          // curl's alert on a server it rejects, as nginx logs it (info level).
          if (!stops && d.server.alert) {
            // nginx may log the alert a moment after curl has exited: poll briefly.
            const logged = () => nginx!.errorLog().split("\n").filter((line) => line.includes(`server: 127.0.0.1:${port}`) && line.includes("SSL alert number"));
            for (let i = 0; i < 40 && logged().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
            expect(logged().some((line) => line.includes(`SSL alert number ${d.server.alert!.code}`)), `${where}\n${logged().join("\n")}`).toBe(true);
          }
        }

        const ports = nodeServers.get(String(index))!;
        const lenient = await nodeClient(c, ports.lenient, tls);
        const strict = await nodeClient(c, ports.strict, tls);
        const where = `${c.kind} Node TLS ${tls}: ${JSON.stringify({ lenient, strict })}`;
        if (stops?.nodeClient) {
          expect(`${lenient.error} ${lenient.message}`, where).toContain(stops.nodeClient);
          expect(`${strict.error} ${strict.message}`, where).toContain(stops.nodeClient);
        } else if (nodeDiagnosis.server.verdict === "rejected") {
          expect(lenient.error, where).toBe(nodeDiagnosis.server.node.code);
          expect(strict.error, where).toBe(nodeDiagnosis.server.node.code);
        } else {
          expect(lenient.answer?.authorizationError ?? null, where).toBe(nodeDiagnosis.client.node.code);
          const rejecting = nodeDiagnosis.client.node.whenRejecting;
          if (nodeDiagnosis.client.node.code === null) expect(strict.answer, where).toEqual({ authorizationError: null });
          else expect(strict.error, where).toBe(rejecting?.code);
        }
      });
    }
  }
});

describe("mistakes that stop a peer before it serves", () => {
  it("server-key-mismatch: nginx does not start and a Node server throws, as the leading cause says", async () => {
    const c = cases.find((x) => x.kind === "client-key-mismatch")!;
    const index = cases.indexOf(c);
    const d = await diagnose({ ...input(c, index, "nginx", "1.3"), serverKey: c.files["client.key"], clientKey: c.files["client.key"], files: { ...c.roles, serverKey: "client.key", clientKey: "client.key" } });
    expect(d.leading?.kind).toBe("server-key-mismatch");
    expect(d.leading?.cause).toContain("`client.key`");
    expect(d.leading?.fix).toBe("nginx: ssl_certificate server-chain.crt; ssl_certificate_key server.key;");
    const port = await freePort();
    const conf = join(caseDir(index), "bad-key.conf");
    writeFileSync(conf, `pid ${join(dir.path, "bad.pid")}; error_log stderr; events {} http { server { listen 127.0.0.1:${port} ssl; ssl_certificate server-chain.crt; ssl_certificate_key client.key; } }`);
    const test = await run("nginx", ["-t", "-p", caseDir(index), "-c", conf], { timeoutMs: 30_000 });
    expect(test.code).not.toBe(0);
    expect(test.stderr).toContain(d.leading!.stops!.nginx!.replace("SSL_CTX_use_PrivateKey(...) failed (", "").replace(/\)$/, ""));
    expect(() => createServer({ cert: c.files["server-chain.crt"], key: c.files["client.key"] })).toThrow(expect.objectContaining({ code: d.leading!.stops!.nodeServer }));
  });

  it("p12-wrong-password: curl exits 58 and Node cannot open it, as the leading cause says", async () => {
    const { decode, p12WrongPassword, X509Error, X509ErrorCode } = await import("../src/index.js");
    const c = cases[0]!;
    const index = 0;
    const p12 = join(caseDir(index), "client.p12");
    const made = await run("openssl", ["pkcs12", "-export", "-inkey", "client.key", "-in", "client-chain.crt", "-passout", "pass:right-password", "-out", p12], { cwd: caseDir(index), timeoutMs: 30_000 });
    expect(made.code).toBe(0);
    const bytes = readFileSync(p12);
    // What the CLI does: the decoder says the password is wrong, the package names the mistake.
    const opened = await decode(new Uint8Array(bytes), { password: "wrong" }).catch((error: unknown) => error);
    expect(opened).toBeInstanceOf(X509Error);
    expect((opened as InstanceType<typeof X509Error>).code).toBe(X509ErrorCode.badPassword);
    const leading = p12WrongPassword("client.p12");
    expect(leading.kind).toBe("p12-wrong-password");
    // curl opens the PKCS#12 when it connects: give it a listening server.
    const port = nginxPorts.get(`${index}/on`)!;
    const seen = await run("curl", ["-sS", "--max-time", "10", "--cacert", c.roles.serverCa, "--cert-type", "P12", "--cert", "client.p12:wrong", "--resolve", `localhost:${port}:127.0.0.1`, `https://localhost:${port}/`], { cwd: caseDir(index), timeoutMs: 30_000 });
    expect(seen.code).toBe(leading.stops!.curl!.exitCode);
    expect(seen.stderr).toContain("could not parse PKCS12 file, check password");
    expect(() => connect({ port: 1, pfx: bytes, passphrase: "wrong" })).toThrow(leading.stops!.nodeClient!);
  });
});
