/**
 * The CRL lines of the HAProxy and Apache targets for real: the client CA revokes the test client with
 * `openssl ca`, and each server with the emitted CRL line refuses it in the handshake (alert 44
 * certificate_revoked, measured) while the same config without the CRL lets it in. Caddy 2.6 has no CRL
 * setting (its emitter warns). A kit's own CRLs (kit --crl, revoke) are tested behind `mtls-lab up --proxy` in apps/demo.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, startProxy, tempDir, type ProxyServer } from "@mtls-lab/peers";
import { predictProxy } from "@mtls-lab/x509";
import { emit, type EmitResult } from "../../src/index.js";
import { attempt } from "../helpers/attempt.js";
import { fileOf, writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";

async function openssl(cwd: string, args: string[]): Promise<void> {
  const result = await run("openssl", args, { cwd, timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
}

async function makePem(result: EmitResult): Promise<void> {
  const out = tempDir("mtls-lab-config-haproxy-pem-");
  try {
    writeFiles(result, out.path);
    expect((await run("sh", [`${out.path}/haproxy/make-pem.sh`])).code).toBe(0);
  } finally {
    out.cleanup();
  }
}

describe("HAProxy and Apache with the emitted CRL line", () => {
  let kit: TestKit;
  let upstream: Upstream;
  let crl: string;
  beforeAll(async () => {
    kit = await makeTestKit();
    upstream = await startUpstream();
    const cnf = join(kit.dir, "crl-ca.cnf");
    writeFileSync(join(kit.dir, "crl-index.txt"), "");
    writeFileSync(join(kit.dir, "crlnumber"), "01\n");
    writeFileSync(cnf, ["[ ca ]", "default_ca = ca_default", "[ ca_default ]", `database = ${kit.dir}/crl-index.txt`, `crlnumber = ${kit.dir}/crlnumber`, "default_md = sha256", "default_crl_days = 7", ""].join("\n"));
    const ca = ["-config", cnf, "-keyfile", kit.paths.clientCa.replace(/\.crt$/, ".key"), "-cert", kit.paths.clientCa];
    await openssl(kit.dir, ["ca", ...ca, "-revoke", kit.paths.clientCert]);
    crl = join(kit.dir, "client-ca.crl");
    await openssl(kit.dir, ["ca", ...ca, "-gencrl", "-out", crl]);
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  const files: Record<"haproxy" | "apache", string> = { haproxy: "haproxy/haproxy.cfg", apache: "apache/mtls-site.conf" };
  for (const server of ["haproxy", "apache"] as const satisfies readonly ProxyServer[]) {
    for (const withCrl of [true, false]) {
      it(`${server}: the revoked client ${withCrl ? "gets alert 44 certificate_revoked with the CRL" : "gets in without it"}`, async () => {
        const listen = await freePort();
        const httpListen = await freePort();
        const result = emit(server, { paths: kit.paths, listen, httpListen, listenAddress: "127.0.0.1", upstream: `http://127.0.0.1:${upstream.port}`, crl: withCrl ? crl : undefined });
        const config = fileOf(result, files[server]);
        expect(config.includes(crl)).toBe(withCrl);
        if (server === "haproxy") await makePem(result);
        const proxy = await startProxy(server, config, [listen, httpListen]);
        try {
          const before = upstream.seen.length;
          const reply = await attempt(listen, "/", { ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey });
          if (withCrl) {
            expect(reply).toHaveProperty("message");
            // What diagnose predicts for a revoked client (x509's verify reads no CRL, so the result is given).
            const revoked = { valid: false, firstError: "CERT_REVOKED", lastError: "CERT_REVOKED", errors: [{ code: "CERT_REVOKED", depth: 0, message: "certificate revoked" }], path: [], trusted: true } as const;
            const predicted = predictProxy(server, { ...revoked, errors: [...revoked.errors] }, "on");
            expect(predicted.clientError?.message).toBe("sslv3 alert certificate revoked");
            expect((reply as { message: string }).message).toContain(predicted.clientError?.message);
            expect(upstream.seen.length).toBe(before);
          } else {
            expect(reply).toHaveProperty("status", 200);
          }
        } finally {
          await proxy.stop();
        }
      });
    }
  }
});
