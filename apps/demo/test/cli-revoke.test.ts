/**
 * Revocation end to end: `mtls-lab kit --crl`, the emitted nginx config (ssl_crl from the kit), `mtls-lab revoke`
 * and `mtls-lab crl`, judged by a real nginx, a Node TLS server with the `crl` option and `openssl verify`.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emit, kitPaths } from "@mtls-lab/config";
import { updateKitCrls, type KitManifest } from "@mtls-lab/x509";
import { freePort, run, startNginx, type NginxHandle } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./cli-helpers.js";
import { getOnce } from "./lab-helpers.js";

let dir: string;
let kit: string;
let upstream: Server;
let upstreamPort: number;
const file = (name: string) => join(kit, name);
const read = (name: string) => readFile(file(name), "utf8");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-revoke-"));
  kit = join(dir, "kit");
  const made = await runInProcess(["kit", "--out", kit, "--crl", "--intermediate", "--client", "alice", "--client", "bob"], dir);
  expect(made.stderr).toBe("");
  upstream = createHttpServer((_req, res) => res.end("app\n"));
  upstreamPort = await freePort();
  await new Promise<void>((resolve) => upstream.listen(upstreamPort, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise((resolve) => upstream?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** nginx with the emitted reverse-proxy config of the kit as it is on disk now. */
async function nginx(): Promise<{ handle: NginxHandle; port: number }> {
  const manifest = JSON.parse(await read("kit.json")) as KitManifest;
  const port = await freePort();
  const httpListen = await freePort();
  const result = emit("nginx-reverse", { paths: kitPaths(manifest, kit), listen: port, listenAddress: "127.0.0.1", httpListen, upstream: `http://127.0.0.1:${upstreamPort}` });
  const conf = result.files.find((f) => f.path === "nginx/mtls-reverse.conf")!.contents as string;
  expect(conf).toContain(`ssl_crl ${file("client-crls.pem")};`);
  return { handle: await startNginx(conf, [port, httpListen]), port };
}

async function statusOf(port: number, client: string): Promise<number | string | undefined> {
  const answer = await getOnce(port, "/", { ca: await read("server-ca.crt"), cert: await read(`${client}-chain.crt`), key: await read(`${client}.key`) });
  return answer.status ?? answer.error?.code;
}

/** Each CRL of a PEM file: Node's `crl` option reads only the first CRL of a string, so it takes a list. */
const crlsOf = (pem: string) => pem.match(/-----BEGIN X509 CRL-----[^-]+-----END X509 CRL-----/g) ?? [];

/** Node's verdict on a client (requestCert, rejectUnauthorized: false, so authorizationError tells why). */
async function nodeVerdict(client: string, pem: string): Promise<string | null> {
  const crl = crlsOf(pem);
  const server = createTlsServer({ key: await read("server.key"), cert: await read("server-chain.crt"), ca: await read("client-ca.crt"), crl, requestCert: true, rejectUnauthorized: false });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const verdict = new Promise<string | null>((resolve) => {
    server.on("secureConnection", (socket: TLSSocket) => {
      const error = socket.authorizationError;
      // A server socket's authorizationError is the code as a string.
      resolve(error ? String(error) : null);
      socket.end();
    });
  });
  const { connect } = await import("node:tls");
  const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca: await read("server-ca.crt"), cert: await read(`${client}-chain.crt`), key: await read(`${client}.key`) });
  socket.on("error", () => {});
  const result = await verdict;
  socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  return result;
}

async function opensslVerify(client: string, crl: string): Promise<string> {
  const result = await run("openssl", ["verify", "-crl_check_all", "-purpose", "sslclient", "-CAfile", file("client-ca.crt"), "-untrusted", file("client-intermediate.crt"), "-CRLfile", crl, file(`${client}.crt`)], { timeoutMs: 30_000 });
  return (result.stdout + result.stderr).trim();
}

describe("mtls-lab revoke", () => {
  it("before: nginx with the kit's CRLs serves every client", async () => {
    const { handle, port } = await nginx();
    try {
      expect(await statusOf(port, "alice")).toBe(200);
      expect(await statusOf(port, "bob")).toBe(200);
    } finally {
      await handle.stop();
    }
  });

  it("revokes alice: nginx refuses her with 400 and 'certificate revoked' and keeps serving bob; Node and openssl agree", async () => {
    const result = await runInProcess(["revoke", "--kit", kit, "alice", "--reason", "keyCompromise"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("revoked alice");
    const manifest = JSON.parse(await read("kit.json")) as KitManifest;
    expect(manifest.revoked?.map((r) => [r.client, r.reason])).toEqual([["alice", "keyCompromise"]]);
    expect(manifest.crls?.map((c) => c.crlNumber)).toEqual([2, 2]);

    const { handle, port } = await nginx();
    try {
      const aliceStatus = await statusOf(port, "alice");
      expect(aliceStatus).toBe(400);
      expect(handle.errorLog()).toContain("certificate revoked");
      const bobStatus = await statusOf(port, "bob");
      expect(bobStatus).toBe(200);
      // diagnose --kit reads the kit's client-crls.pem and predicts what this nginx did, log line included.
      for (const [client, status] of [["alice", aliceStatus], ["bob", bobStatus]] as const) {
        const predicted = await runInProcess(["diagnose", "--kit", kit, "--client", client, "--json"], dir);
        const diagnosis = JSON.parse(predicted.stdout) as { client: { nginx: { status: number; log?: string } } };
        expect(diagnosis.client.nginx.status).toBe(status);
        if (diagnosis.client.nginx.log) expect(handle.errorLog()).toContain(diagnosis.client.nginx.log.replace(/ while .*/, ""));
      }
      // mtls-lab verify with the same CRL file says the same.
      const verified = await runInProcess(["verify", file("alice-chain.crt"), "--trust", file("client-ca.crt"), "--crl", file("client-crls.pem"), "--json"], dir);
      expect(verified.code).toBe(1);
      expect(JSON.parse(verified.stdout)).toMatchObject({ valid: false, firstError: "CERT_REVOKED", lastError: "CERT_REVOKED" });
    } finally {
      await handle.stop();
    }
    const crls = await read("client-crls.pem");
    expect(await nodeVerdict("alice", crls)).toBe("CERT_REVOKED");
    expect(await nodeVerdict("bob", crls)).toBeNull();
    expect(await opensslVerify("alice", file("client-crls.pem"))).toMatch(/error 23 at 0 depth lookup: certificate revoked/);
    expect(await opensslVerify("bob", file("client-crls.pem"))).toMatch(/: OK$/);
  });

  it("refuses an unknown or already revoked client with one line and exit 1", async () => {
    const again = await runInProcess(["revoke", "--kit", kit, "alice"], dir);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toMatch(/already revoked/);
    const unknown = await runInProcess(["revoke", "--kit", kit, "carol"], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/alice, bob/);
    const badReason = await runInProcess(["revoke", "--kit", kit, "bob", "--reason", "lost"], dir);
    expect(badReason.code).toBe(2);
  });

  it("mtls-lab crl re-signs with higher numbers and the same revocations", async () => {
    const before = JSON.parse(await read("kit.json")) as KitManifest;
    const result = await runInProcess(["crl", "--kit", kit, "--days", "7"], dir);
    expect(result.code).toBe(0);
    const after = JSON.parse(await read("kit.json")) as KitManifest;
    expect(after.crls?.map((c) => c.crlNumber)).toEqual(before.crls?.map((c) => c.crlNumber + 1));
    expect(after.revoked).toEqual(before.revoked);
    const days = (Date.parse(after.crls![0]!.nextUpdate) - Date.parse(after.crls![0]!.thisUpdate)) / 86_400_000;
    expect(days).toBe(7);
    expect(await opensslVerify("alice", file("client-crls.pem"))).toMatch(/certificate revoked/);
  });

  it("an expired CRL refuses every client: nginx 400 'CRL has expired', Node CRL_HAS_EXPIRED", async () => {
    const manifest = JSON.parse(await read("kit.json")) as KitManifest;
    const names = ["client-ca.crt", "client-ca.key", "client-intermediate.crt", "client-intermediate.key"];
    const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await read(n)] as const)));
    const expired = await updateKitCrls({ manifest, files, at: new Date(Date.now() - 10 * 86_400_000), days: 1 });
    const path = join(dir, "expired-crls.pem");
    await writeFile(path, expired.files.find((f) => f.name === "client-crls.pem")!.contents);
    expect(await nodeVerdict("bob", await readFile(path, "utf8"))).toBe("CRL_HAS_EXPIRED");
    expect(await opensslVerify("bob", path)).toMatch(/error 12 at \d depth lookup: CRL has expired/);
  });

  it("Node's crl option given the whole file as one string reads only its first CRL: everyone fails", async () => {
    const server = createTlsServer({ key: await read("server.key"), cert: await read("server-chain.crt"), ca: await read("client-ca.crt"), crl: await read("client-crls.pem"), requestCert: true, rejectUnauthorized: false });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    const verdict = new Promise<string | undefined>((resolve) => server.on("secureConnection", (socket: TLSSocket) => resolve(socket.authorizationError ? String(socket.authorizationError) : undefined)));
    const { connect } = await import("node:tls");
    const socket = connect({ host: "127.0.0.1", port, servername: "localhost", ca: await read("server-ca.crt"), cert: await read("bob-chain.crt"), key: await read("bob.key") });
    socket.on("error", () => {});
    expect(await verdict).toBe("UNABLE_TO_GET_CRL");
    socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it("only the leaf's CA's CRL: every client fails with UNABLE_TO_GET_CRL (the root's CRL is missing)", async () => {
    expect(await nodeVerdict("bob", await read("client-intermediate.crl"))).toBe("UNABLE_TO_GET_CRL");
    expect(await opensslVerify("bob", file("client-intermediate.crl"))).toMatch(/error 3 at 1 depth lookup: unable to get certificate CRL/);
  });
});
