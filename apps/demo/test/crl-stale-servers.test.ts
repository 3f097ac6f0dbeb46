/**
 * When the CRLs go stale (nextUpdate passed) or the root's CRL is missing, every client is refused, and each real
 * server does exactly what `mtls-lab diagnose --crl FILE --server S` predicts for it: nginx (ssl_crl) answers 400
 * and logs the error, HAProxy (crl-file) and Apache (SSLCARevocationFile, SSLCARevocationCheck chain) end the
 * handshake with the predicted alert. Judged with curl (exit code, HTTP status, message) and a Node client.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emit, kitPaths, type EmitResult } from "@mtls-lab/config";
import { updateKitCrls, type KitManifest } from "@mtls-lab/x509";
import { freePort, has, run, startNginx, startProxy } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./cli-helpers.js";
import { getOnce } from "./lab-helpers.js";

const DAY = 86_400_000;
let dir: string;
let kit: string;
let upstream: Server;
let upstreamPort: number;
const file = (name: string) => join(kit, name);
const read = (name: string) => readFile(file(name), "utf8");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mtls-lab-crl-stale-"));
  kit = join(dir, "kit");
  expect((await runInProcess(["kit", "--out", kit, "--crl", "--intermediate", "--client", "alice"], dir)).code).toBe(0);
  // CRLs signed ten days ago for one day: their nextUpdate passed nine days ago. Written beside the kit's own.
  const manifest = JSON.parse(await read("kit.json")) as KitManifest;
  const names = ["client-ca.crt", "client-ca.key", "client-intermediate.crt", "client-intermediate.key"];
  const files = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
  const stale = await updateKitCrls({ manifest, files, at: new Date(Date.now() - 10 * DAY), days: 1 });
  await writeFile(join(dir, "stale-crls.pem"), stale.files.find((f) => f.name === "client-crls.pem")!.contents);
  // Only the CRL of the client's own CA (fresh): the root's is missing.
  await writeFile(join(dir, "leaf-ca-only.pem"), await read("client-intermediate.crl"));
  upstream = createHttpServer((_req, res) => res.end("app\n"));
  upstreamPort = await freePort();
  await new Promise<void>((resolve) => upstream.listen(upstreamPort, "127.0.0.1", resolve));
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => upstream?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

interface Prediction {
  client: { verify: { firstError: string | null; lastError: string | null }; nginx?: { status: number; log: string | null }; curl?: { exitCode: number; httpStatus?: number } };
  proxy?: { handshake: boolean; alert: { code: number; name: string } | null; clientError: { code: string; message: string } | null; log: string | null };
}

async function predict(server: string, crl: string): Promise<Prediction> {
  const result = await runInProcess(["diagnose", "--kit", kit, "--client", "alice", "--crl", crl, "--server", server, "--json"], dir);
  expect(result.code).toBe(1);
  return JSON.parse(result.stdout) as Prediction;
}

/** curl as the client: exit code, HTTP status ("000" without one) and its error line. */
async function curl(port: number): Promise<{ code: number; status: string; stderr: string }> {
  const result = await run("curl", ["-sS", "--max-time", "15", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", file("server-ca.crt"), "--cert", file("alice-chain.crt"), "--key", file("alice.key"), `https://127.0.0.1:${port}/`], { timeoutMs: 20_000 });
  return { code: result.code ?? -1, status: result.stdout.trim(), stderr: result.stderr };
}

async function node(port: number) {
  return getOnce(port, "/", { ca: await read("server-ca.crt"), cert: await read("alice-chain.crt"), key: await read("alice.key") });
}

/** The emitted config of `server` for the kit, with `crl` as its CRL file. */
async function emitted(server: "nginx-reverse" | "haproxy" | "apache", crl: string, listen: number, httpListen: number): Promise<EmitResult> {
  const manifest = JSON.parse(await read("kit.json")) as KitManifest;
  return emit(server, { paths: kitPaths(manifest, kit), listen, httpListen, listenAddress: "127.0.0.1", upstream: `http://127.0.0.1:${upstreamPort}`, crl });
}

const sets = [
  // mod_ssl turns a stale CRL's alert into certificate_unknown on purpose (ssl_callback_SSLVerify).
  { name: "stale-crls.pem", code: "CRL_HAS_EXPIRED", reason: "CRL has expired", alerts: { haproxy: 45, apache: 46 } },
  { name: "leaf-ca-only.pem", code: "UNABLE_TO_GET_CRL", reason: "unable to get certificate CRL", alerts: { haproxy: 48, apache: 48 } },
] as const;

describe.runIf(has("curl"))("stale or incomplete CRLs: each server does what diagnose predicts", () => {
  for (const set of sets) {
    it(`nginx ssl_crl with ${set.name}: 400 for everyone, as predicted`, async () => {
      const crl = join(dir, set.name);
      const predicted = await predict("nginx", crl);
      expect(predicted.client.verify.lastError).toBe(set.code);
      expect(predicted.client.nginx?.status).toBe(400);
      const listen = await freePort();
      const httpListen = await freePort();
      const conf = (await emitted("nginx-reverse", crl, listen, httpListen)).files[0]!.contents;
      expect(conf).toContain(`ssl_crl ${crl};`);
      const nginx = await startNginx(conf, [listen, httpListen]);
      try {
        const real = await curl(listen);
        expect(real.code).toBe(predicted.client.curl?.exitCode);
        expect(Number(real.status)).toBe(predicted.client.curl?.httpStatus);
        expect((await node(listen)).status).toBe(predicted.client.nginx?.status);
        // The log line diagnose names, up to the request details nginx appends.
        expect(nginx.errorLog()).toContain(predicted.client.nginx!.log!.replace(/ while reading client request headers$/, ""));
        expect(predicted.client.nginx!.log).toContain(set.reason);
      } finally {
        await nginx.stop();
      }
    });

    for (const server of ["haproxy", "apache"] as const) {
      const binary = server === "apache" ? "apache2" : server;
      it.runIf(has(binary))(`${server} with ${set.name}: the handshake ends with the predicted alert`, async () => {
        const crl = join(dir, set.name);
        const predicted = await predict(server, crl);
        expect(predicted.client.verify.firstError).toBe(set.code);
        expect(predicted.proxy?.handshake).toBe(false);
        const listen = await freePort();
        const httpListen = await freePort();
        const result = await emitted(server, crl, listen, httpListen);
        const config = result.files.find((f) => f.path === (server === "haproxy" ? "haproxy/haproxy.cfg" : "apache/mtls-site.conf"))!.contents;
        expect(config).toContain(crl);
        if (server === "haproxy") {
          const out = await mkdtemp(join(dir, "pem-"));
          const script = join(out, "make-pem.sh");
          await writeFile(script, result.files.find((f) => f.path === "haproxy/make-pem.sh")!.contents);
          expect((await run("sh", [script])).code).toBe(0);
        }
        const proxy = await startProxy(server, config, [listen, httpListen]);
        try {
          const answer = await node(listen);
          expect(answer.status).toBeUndefined();
          expect(predicted.proxy!.alert!.code).toBe(set.alerts[server]);
          expect(answer.error?.message).toContain(predicted.proxy!.clientError!.message);
          const real = await curl(listen);
          // curl 7.88 reports the alert as exit 56 with OpenSSL's reason, or exit 55 when the close wins.
          expect([55, 56]).toContain(real.code);
          if (real.code === 56) expect(real.stderr).toContain(predicted.proxy!.clientError!.message);
          if (server === "apache") expect(proxy.log()).toContain(predicted.proxy!.log!);
        } finally {
          await proxy.stop();
        }
      });
    }
  }
});
