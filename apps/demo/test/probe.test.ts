/**
 * `mtls-lab probe` against real servers on 127.0.0.1: nginx (ssl_verify_client on / optional /
 * optional_no_ca, and optional_no_ca with only ssl_trusted_certificate), a Node https server (requestCert
 * with and without rejectUnauthorized) and `openssl s_server` (-Verify / -verify, with and without
 * -no_ca_names), over TLS 1.2 and 1.3. What probe says is requested, required and named must equal the
 * configuration; what it says of an attempt must equal what curl sees with the same files.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer, type Server } from "node:https";
import { createServer as createNetServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, has, run, startNginx, tempDir, waitForPort, type NginxHandle } from "@mtls-lab/peers";
import { decodeCertificate, generateKit, type Kit } from "@mtls-lab/x509";
import { runInProcess } from "./cli-helpers.js";
import type { ProbeReport } from "../src/probe/probe.js";

const dir = tempDir("mtls-lab-probe-");
const kit = await generateKit({});
const other = await generateKit({ organization: "Other Lab" });
// Another kit with the same CA names: only the keys differ.
const twin = await generateKit({});
const pem = (k: Kit, name: string) => k.files.find((f) => f.name === name)!.contents as string;
const clientCaName = (await decodeCertificate(pem(kit, "client-ca.crt"))).subject;

interface Target {
  name: string;
  port: number;
  required: "yes" | "no";
  /** The CA names the configuration sends. */
  caNames: string[];
}

const targets: Target[] = [];
/** Every set-up, by the name its target gets in beforeAll. */
const SETUPS = [
  "nginx on", "nginx optional", "nginx optional_no_ca", "nginx trusted only", "node rejectUnauthorized true", "node rejectUnauthorized false",
  "s_server -Verify", "s_server -Verify -no_ca_names", "s_server -verify", "s_server -verify -no_ca_names",
] as const;
let nginx: NginxHandle | undefined;
const nodeServers: Server[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  for (const tool of ["nginx", "curl", "openssl"]) if (!has(tool)) throw new Error(`${tool} is required for the probe tests`);
  for (const name of ["server-ca.crt", "server.crt", "server.key", "server-chain.crt", "client-ca.crt", "client-chain.crt", "client.key"]) writeFileSync(join(dir.path, name), pem(kit, name));
  writeFileSync(join(dir.path, "other-client-chain.crt"), pem(other, "client-chain.crt"));
  writeFileSync(join(dir.path, "other-client.key"), pem(other, "client.key"));
  writeFileSync(join(dir.path, "twin-client-chain.crt"), pem(twin, "client-chain.crt"));
  writeFileSync(join(dir.path, "twin-client.key"), pem(twin, "client.key"));
  writeFileSync(join(dir.path, "client.p12"), kit.files.find((f) => f.name === "client.p12")!.contents as Uint8Array);

  // nginx: one instance, one server block per set-up.
  const nginxSetups = [
    { name: "nginx on", lines: ["ssl_client_certificate client-ca.crt;", "ssl_verify_client on;"], required: "yes", names: true },
    { name: "nginx optional", lines: ["ssl_client_certificate client-ca.crt;", "ssl_verify_client optional;"], required: "no", names: true },
    { name: "nginx optional_no_ca", lines: ["ssl_client_certificate client-ca.crt;", "ssl_verify_client optional_no_ca;"], required: "no", names: true },
    // nginx refuses `on` without ssl_client_certificate ("no ssl_client_certificate for ssl_verify_client").
    { name: "nginx trusted only", lines: ["ssl_trusted_certificate client-ca.crt;", "ssl_verify_client optional_no_ca;"], required: "no", names: false },
  ] as const;
  const blocks: string[] = [];
  const ports: number[] = [];
  for (const setup of nginxSetups) {
    const port = await freePort();
    ports.push(port);
    targets.push({ name: setup.name, port, required: setup.required, caNames: setup.names ? [clientCaName] : [] });
    blocks.push(
      [
        "server {",
        `  listen 127.0.0.1:${port} ssl;`,
        "  ssl_certificate server-chain.crt;",
        "  ssl_certificate_key server.key;",
        ...setup.lines.map((line) => `  ${line}`),
        "  ssl_protocols TLSv1.2 TLSv1.3;",
        '  location / { return 200 "$ssl_client_verify"; }',
        "}",
      ].join("\n"),
    );
  }
  const files = Object.fromEntries(["server-chain.crt", "server.key", "client-ca.crt"].map((name) => [name, pem(kit, name)]));
  nginx = await startNginx(blocks.join("\n"), ports, { files });

  // Node https servers.
  for (const reject of [true, false]) {
    const server = createHttpsServer(
      { key: pem(kit, "server.key"), cert: pem(kit, "server-chain.crt"), ca: pem(kit, "client-ca.crt"), requestCert: true, rejectUnauthorized: reject },
      (req, res) => res.end(`authorized ${(req.socket as import("node:tls").TLSSocket).authorized}`),
    );
    server.on("tlsClientError", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    nodeServers.push(server);
    const address = server.address();
    targets.push({ name: `node rejectUnauthorized ${reject}`, port: typeof address === "object" && address ? address.port : 0, required: reject ? "yes" : "no", caNames: [clientCaName] });
  }

  // openssl s_server: -Verify requires a certificate, -verify asks for one; -no_ca_names sends no CA names.
  for (const [flag, required] of [["-Verify", "yes"], ["-verify", "no"]] as const) {
    for (const noNames of [false, true]) {
      const port = await freePort();
      const args = ["s_server", "-accept", `127.0.0.1:${port}`, "-cert", "server.crt", "-key", "server.key", "-CAfile", "client-ca.crt", flag, "1", "-www", "-quiet", ...(noNames ? ["-no_ca_names"] : [])];
      const child = spawn("openssl", args, { cwd: dir.path, stdio: "ignore" });
      children.push(child);
      if (!(await waitForPort(port, 10_000, () => child.exitCode !== null))) throw new Error(`openssl s_server ${args.join(" ")} did not listen`);
      targets.push({ name: `s_server ${flag}${noNames ? " -no_ca_names" : ""}`, port, required, caNames: noNames ? [] : [clientCaName] });
    }
  }
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  for (const server of nodeServers) server.close();
  for (const child of children) child.kill("SIGTERM");
  dir.cleanup();
});

async function probe(target: Target, tls: "1.2" | "1.3", client: string[] = []): Promise<ProbeReport> {
  const result = await runInProcess(["probe", `127.0.0.1:${target.port}`, "--servername", "localhost", "--ca", "server-ca.crt", "--tls", tls, ...client, "--json"], dir.path);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as ProbeReport;
}

/** curl with the same files: exit code, HTTP status, and its error line. */
async function curl(target: Target, tls: "1.2" | "1.3", client: string[] = []) {
  const args = ["-sS", "-i", "--max-time", "15", "--cacert", "server-ca.crt", ...client, ...(tls === "1.2" ? ["--tlsv1.2", "--tls-max", "1.2"] : ["--tlsv1.3"])];
  args.push("--resolve", `localhost:${target.port}:127.0.0.1`, `https://localhost:${target.port}/`);
  const result = await run("curl", args, { cwd: dir.path, timeoutMs: 30_000 });
  const status = /^HTTP\/[\d.]+ (\d{3})/m.exec(result.stdout)?.[1];
  const title = /<title>(.*?)<\/title>/.exec(result.stdout)?.[1] ?? null;
  return { exitCode: result.code, status: status ? Number(status) : null, title, stderr: result.stderr.split("\n")[0] ?? "" };
}

/** The attempt's outcome equals curl's: accepted with the same status, or refused the same way. */
function expectSameAsCurl(outcome: ProbeReport["clientAuth"]["withoutCertificate"], seen: Awaited<ReturnType<typeof curl>>): void {
  const curlAccepted = seen.exitCode === 0 && !(seen.status === 400 && /SSL certificate/.test(seen.title ?? ""));
  expect(outcome.verdict === "accepted", JSON.stringify({ outcome, seen })).toBe(curlAccepted);
  if (seen.exitCode === 0) expect(outcome.http?.status).toBe(seen.status);
  else expect(outcome.http).toBeNull();
  // An alert probe names is the one OpenSSL names in curl's error ("tlsv13 alert certificate required").
  if (outcome.alert && seen.exitCode !== 0) expect(seen.stderr).toContain(`alert ${outcome.alert.name.replace(/_/g, " ")}`);
}

const clientFiles = ["--cert", "client-chain.crt", "--key", "client.key"];
const otherFiles = ["--cert", "other-client-chain.crt", "--key", "other-client.key"];
const twinFiles = ["--cert", "twin-client-chain.crt", "--key", "twin-client.key"];

describe("mtls-lab probe against real servers", () => {
  it("starts every set-up", () => expect(targets.map((t) => t.name).sort()).toEqual([...SETUPS].sort()));

  for (const tls of ["1.2", "1.3"] as const) {
    describe.concurrent(`TLS ${tls}`, () => {
      for (const setup of SETUPS) {
        it(`${setup}: requested, required and CA names equal the configuration; attempts equal curl`, async () => {
          const target = targets.find((t) => t.name === setup)!;
          const bare = await probe(target, tls);
          expect(bare.tls.version).toBe(`TLSv${tls}`);
          expect(bare.server.verified).toBe(true);
          expect(bare.clientAuth.requested, target.name).toBe(true);
          expect(bare.clientAuth.required, target.name).toBe(target.required);
          expect(bare.clientAuth.caNames, target.name).toEqual(target.caNames);
          expect(bare.clientAuth.signatureAlgorithms).toContain("ecdsa_secp256r1_sha256");
          expectSameAsCurl(bare.clientAuth.withoutCertificate, await curl(target, tls));
          if (target.required === "yes") {
            // Without a certificate: alert 116 (1.3) or 40 (1.2), or nginx's 400 page.
            const { alert, http } = bare.clientAuth.withoutCertificate;
            if (target.name.startsWith("nginx")) expect(http?.title).toBe("400 No required SSL certificate was sent");
            else expect(alert?.code).toBe(tls === "1.3" ? 116 : 40);
          }

          const good = await probe(target, tls, clientFiles);
          expect(good.attempt?.outcome.verdict, target.name).toBe("accepted");
          expect(good.diagnosis.leading).toBeNull();
          expectSameAsCurl(good.attempt!.outcome, await curl(target, tls, clientFiles));

          const foreign = await probe(target, tls, otherFiles);
          expectSameAsCurl(foreign.attempt!.outcome, await curl(target, tls, otherFiles));
          if (foreign.attempt!.outcome.verdict !== "accepted" && target.caNames.length > 0) {
            expect(foreign.diagnosis.leading?.kind).toBe("client-issuer-not-accepted");
            expect(foreign.diagnosis.leading?.cause).toContain("CN=mTLS Lab Client CA");
            expect(foreign.diagnosis.leading?.cause).toContain("other-client-chain.crt");
          }

          // Same CA name, another key: the names match, so the cause says a name is only a name.
          const namesake = await probe(target, tls, twinFiles);
          expectSameAsCurl(namesake.attempt!.outcome, await curl(target, tls, twinFiles));
          if (namesake.attempt!.outcome.verdict !== "accepted" && target.caNames.length > 0) {
            expect(namesake.diagnosis.leading?.kind).toBe("client-rejected-unexplained");
            expect(namesake.diagnosis.leading?.cause).toContain("another key");
          }
        });
      }
    });
  }
});

describe("mtls-lab probe with files the client cannot use", () => {
  it("a PKCS#12: accepted with its password; with a wrong one nothing is sent, as curl", async () => {
    const target = targets.find((t) => t.name === "nginx on")!;
    const good = await probe(target, "1.3", ["--p12", "client.p12", "--password", "changeit"]);
    expect(good.attempt?.outcome.verdict).toBe("accepted");
    const bad = await probe(target, "1.3", ["--p12", "client.p12", "--password", "wrong"]);
    expect(bad.attempt?.outcome.verdict).toBe("not-loaded");
    expect(bad.diagnosis.leading?.kind).toBe("p12-wrong-password");
    expect(bad.diagnosis.leading?.cause).toContain("`client.p12`");
    const seen = await curl(target, "1.3", ["--cert-type", "P12", "--cert", "client.p12:wrong"]);
    expect(seen.exitCode).toBe(58);
  });

  it("a key that is not the certificate's: not loaded, named, as curl", async () => {
    const target = targets.find((t) => t.name === "node rejectUnauthorized true")!;
    const bad = await probe(target, "1.2", ["--cert", "client-chain.crt", "--key", "server.key"]);
    expect(bad.attempt?.outcome.verdict).toBe("not-loaded");
    expect(bad.diagnosis.leading?.kind).toBe("client-key-mismatch");
    expect(bad.diagnosis.leading?.cause).toContain("`server.key`");
    expect((await curl(target, "1.2", ["--cert", "client-chain.crt", "--key", "server.key"])).exitCode).toBe(58);
  });
});

describe("mtls-lab probe on bad targets: one line, exit 1", () => {
  const servers: { close: () => void }[] = [];
  afterAll(() => servers.forEach((s) => s.close()));

  it("a refused connection", async () => {
    const port = await freePort();
    const result = await runInProcess(["probe", `127.0.0.1:${port}`], dir.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`mtls-lab: probe: 127.0.0.1:${port} refused the connection (nothing listens there)\n`);
  });

  it("a plain HTTP port", async () => {
    const server = createHttpServer((_req, res) => res.end("plain"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const result = await runInProcess(["probe", `127.0.0.1:${port}`], dir.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^mtls-lab: probe: 127\\.0\\.0\\.1:${port} is not TLS: it answered the ClientHello in plain HTTP .*\\n$`));
  });

  it("a server that accepts and never answers, bounded by --timeout", async () => {
    const sockets: Socket[] = [];
    const server = createNetServer((socket) => sockets.push(socket));
    servers.push({ close: () => (sockets.forEach((s) => s.destroy()), server.close()) });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const result = await runInProcess(["probe", `127.0.0.1:${port}`, "--timeout", "1"], dir.path);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`mtls-lab: probe: 127.0.0.1:${port} accepted the connection but sent nothing in 1 s (--timeout to wait longer)\n`);
  }, 20_000);

  it("a bad target string or flag is a usage error", async () => {
    expect(await runInProcess(["probe", "http://localhost:1/"], dir.path)).toMatchObject({ code: 2, stderr: 'mtls-lab: probe: "http://localhost:1/": probe speaks TLS, use an https:// URL or HOST:PORT\n' });
    expect((await runInProcess(["probe", "localhost"], dir.path)).code).toBe(2);
    expect((await runInProcess(["probe", "localhost:1", "--cert", "x"], dir.path)).code).toBe(2);
  });
});
