/**
 * nginx `ssl_ocsp` and Apache `SSLOCSPEnable` against `mtls-lab ocsp`: a kit made with --ocsp-url names the
 * responder in its client certificates, the emitted configs ask it at every handshake, and `mtls-lab revoke` refuses
 * that client at the next connection (no reload) while the others are served. nginx 1.22 reads the answer's
 * nextUpdate through ngx_parse_http_time(), which fails on GeneralizedTime fractions: these tests keep them out.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emit, kitPaths } from "@mtls-lab/config";
import type { KitManifest } from "@mtls-lab/x509";
import { freePort, has, run, startNginx, startProxy, type NginxHandle, type ProxyHandle } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOcspResponder } from "../src/lab/ocsp.js";
import { runInProcess } from "./cli-helpers.js";
import { getOnce } from "./lab-helpers.js";

let dir: string;
let kit: string;
let upstream: Server;
let upstreamPort: number;
let responder: ReturnType<typeof createOcspResponder>;
let ocspUrl: string;
const asked: string[] = [];
const running: (NginxHandle | ProxyHandle)[] = [];
const read = (name: string) => readFile(join(kit, name), "utf8");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-ocsp-servers-"));
  kit = join(dir, "kit");
  // The responder reads the kit at each request, so it can listen before the kit that names its port exists.
  responder = createOcspResponder({ dir: kit, onAnswer: (line) => asked.push(line) });
  // With a path: nginx asks GET /ocsp/<base64 request>.
  ocspUrl = `http://127.0.0.1:${await responder.listen(0)}/ocsp`;
  const made = await runInProcess(["kit", "--out", kit, "--intermediate", "--client", "alice", "--client", "bob", "--ocsp-url", ocspUrl], dir);
  expect(made.stderr).toBe("");
  upstream = createHttpServer((_req, res) => res.end("app\n"));
  upstreamPort = await freePort();
  await new Promise<void>((resolve) => upstream.listen(upstreamPort, "127.0.0.1", resolve));
}, 60_000);

afterAll(async () => {
  for (const handle of running) await handle.stop();
  await responder?.close();
  await new Promise((resolve) => upstream?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

/** nginx with the emitted reverse-proxy config of the kit; `edit` changes the server block first. */
async function nginx(edit: (conf: string) => string = (conf) => conf): Promise<{ handle: NginxHandle; port: number }> {
  const manifest = JSON.parse(await read("kit.json")) as KitManifest;
  const port = await freePort();
  const httpListen = await freePort();
  const result = emit("nginx-reverse", { paths: kitPaths(manifest, kit), listen: port, listenAddress: "127.0.0.1", httpListen, upstream: `http://127.0.0.1:${upstreamPort}` });
  const conf = result.files.find((f) => f.path === "nginx/mtls-reverse.conf")!.contents as string;
  const handle = await startNginx(edit(conf), [port, httpListen]);
  running.push(handle);
  return { handle, port };
}

async function statusOf(port: number, client: string): Promise<number | string | undefined> {
  const answer = await getOnce(port, "/", { ca: await read("server-ca.crt"), cert: await read(`${client}-chain.crt`), key: await read(`${client}.key`) });
  return answer.status ?? answer.error?.code;
}

const serialOf = async (name: string) =>
  (await run("openssl", ["x509", "-in", join(kit, name), "-noout", "-serial"])).stdout.trim().replace(/^serial=/, "").toLowerCase().replace(/^(00)+(?=..)/, "");

describe("nginx ssl_ocsp with mtls-lab ocsp", () => {
  it("the kit names the responder in the client leaves and the intermediate, kit.json records it, the config asks it", async () => {
    for (const name of ["alice.crt", "bob.crt", "client-intermediate.crt"]) {
      expect((await run("openssl", ["x509", "-in", join(kit, name), "-noout", "-ocsp_uri"])).stdout.trim()).toBe(ocspUrl);
    }
    // The server side stays without: nothing asks about it.
    expect((await run("openssl", ["x509", "-in", join(kit, "server.crt"), "-noout", "-ocsp_uri"])).stdout.trim()).toBe("");
    const manifest = JSON.parse(await read("kit.json")) as KitManifest;
    expect(manifest.ocspUrl).toBe(ocspUrl);
    const conf = emit("nginx-reverse", { paths: kitPaths(manifest, kit) }).files[0]!.contents as string;
    expect(conf).toContain("    ssl_ocsp on;\n");
    expect(conf).toContain(`    ssl_ocsp_responder ${ocspUrl};\n`);
  });

  it("serves good clients after asking about the leaf and the intermediate; a revoke refuses that client at once", async () => {
    const { handle, port } = await nginx();
    asked.length = 0;
    expect(await statusOf(port, "alice")).toBe(200);
    expect(await statusOf(port, "bob")).toBe(200);
    // ssl_ocsp on checks every certificate under the trust anchor (ngx_ssl_ocsp_validate_next): leaf, then intermediate.
    const intermediate = await serialOf("client-intermediate.crt");
    expect(asked).toEqual([`serial ${await serialOf("alice.crt")}: good`, `serial ${intermediate}: good`, `serial ${await serialOf("bob.crt")}: good`, `serial ${intermediate}: good`]);
    expect(handle.errorLog()).not.toMatch(/certificate status request failed|invalid nextUpdate/);

    expect((await runInProcess(["revoke", "--kit", kit, "alice", "--reason", "keyCompromise"], dir)).code).toBe(0);
    expect(await statusOf(port, "alice")).toBe(400);
    expect(handle.errorLog()).toMatch(/client SSL certificate verify error: certificate revoked/);
    expect(await statusOf(port, "bob")).toBe(200);
  });

  it("without ssl_ocsp_responder nginx asks the URL in each certificate (an IP literal: no resolver needed)", async () => {
    const { handle, port } = await nginx((conf) => conf.replace(/^\s*ssl_ocsp_responder .*\n/m, ""));
    expect(handle.errorLog()).not.toContain("ssl_ocsp_responder");
    asked.length = 0;
    expect(await statusOf(port, "bob")).toBe(200);
    expect(asked).toContain(`serial ${await serialOf("bob.crt")}: good`);
    expect(await statusOf(port, "alice")).toBe(400);
  });

});

/** Apache with the emitted config of the kit (SSLOCSPEnable on, the kit's responder). */
async function apache(): Promise<{ handle: ProxyHandle; port: number }> {
  const manifest = JSON.parse(await read("kit.json")) as KitManifest;
  const port = await freePort();
  const httpListen = await freePort();
  const result = emit("apache", { paths: kitPaths(manifest, kit), listen: port, listenAddress: "127.0.0.1", httpListen, upstream: `http://127.0.0.1:${upstreamPort}` });
  const conf = result.files.find((f) => f.path === "apache/mtls-site.conf")!.contents;
  expect(conf).toContain(`SSLOCSPDefaultResponder ${ocspUrl}`);
  expect(result.warnings.join("\n")).not.toMatch(/OCSP/);
  const handle = await startProxy("apache", conf, [port, httpListen]);
  running.push(handle);
  return { handle, port };
}

async function errorOf(port: number, client: string): Promise<string | undefined> {
  const answer = await getOnce(port, "/", { ca: await read("server-ca.crt"), cert: await read(`${client}-chain.crt`), key: await read(`${client}.key`) });
  return answer.status === undefined ? answer.error?.message : `HTTP ${answer.status}`;
}

describe.runIf(has("apache2"))("Apache SSLOCSPEnable with mtls-lab ocsp", () => {
  it("serves bob after asking about his certificate and the intermediate; revoked alice ends the handshake", async () => {
    const { handle, port } = await apache();
    asked.length = 0;
    expect(await errorOf(port, "bob")).toBe("HTTP 200");
    const intermediate = await serialOf("client-intermediate.crt");
    expect(asked).toEqual(expect.arrayContaining([`serial ${await serialOf("bob.crt")}: good`, `serial ${intermediate}: good`]));
    // mod_ssl asks from the top of the chain down, and logs each answer.
    expect(handle.log()).toMatch(/AH03239: OCSP validation completed, certificate status: good .*subject: CN=bob/);
    // Revoked: mod_ssl sets CERT_REVOKED, and OpenSSL sends alert 44 certificate_revoked.
    expect(await errorOf(port, "alice")).toMatch(/sslv3 alert certificate revoked/);
    expect(handle.log()).toMatch(/Certificate Verification: Error \(23\): certificate revoked \[subject: CN=alice/);
  });
});

describe("while the responder is down", () => {
  it("nginx answers every client 400 (certificate status request failed); Apache ends every handshake with alert 40", async () => {
    const { handle, port } = await nginx();
    const withApache = has("apache2") ? await apache() : undefined;
    await responder.close();
    expect(await statusOf(port, "bob")).toBe(400);
    expect(handle.errorLog()).toMatch(/client SSL certificate verify error: certificate status request failed/);
    if (withApache) {
      expect(await errorOf(withApache.port, "bob")).toMatch(/sslv3 alert handshake failure/);
      expect(withApache.handle.log()).toMatch(/AH01974: could not connect to OCSP responder/);
      expect(withApache.handle.log()).toMatch(/Certificate Verification: Error \(50\): application verification failure/);
    }
  });
});
