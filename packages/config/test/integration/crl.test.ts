/**
 * ssl_crl for real: the client CA revokes the kit's client with `openssl ca`, and nginx with the emitted
 * ssl_crl line refuses it (400) while the same config without the CRL lets it in.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, startNginx } from "@mtls-lab/peers";
import { emit } from "../../src/index.js";
import { fileOf } from "../helpers/files.js";
import { get } from "../helpers/https.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";

async function openssl(cwd: string, args: string[]): Promise<void> {
  const result = await run("openssl", args, { cwd, timeoutMs: 30_000 });
  if (result.code !== 0) throw new Error(`openssl ${args.join(" ")}: ${result.stderr}`);
}

describe("nginx-reverse with ssl_crl", () => {
  let kit: TestKit;
  let upstream: Upstream;
  let crl: string;
  beforeAll(async () => {
    kit = await makeTestKit();
    upstream = await startUpstream();
    const cnf = join(kit.dir, "ca.cnf");
    writeFileSync(join(kit.dir, "index.txt"), "");
    writeFileSync(join(kit.dir, "crlnumber"), "01\n");
    writeFileSync(cnf, ["[ ca ]", "default_ca = ca_default", "[ ca_default ]", `database = ${kit.dir}/index.txt`, `crlnumber = ${kit.dir}/crlnumber`, "default_md = sha256", "default_crl_days = 7", ""].join("\n"));
    const ca = ["-config", cnf, "-keyfile", kit.paths.clientCa.replace(/\.crt$/, ".key"), "-cert", kit.paths.clientCa];
    await openssl(kit.dir, ["ca", ...ca, "-revoke", kit.paths.clientCert]);
    crl = join(kit.dir, "client-ca.crl");
    await openssl(kit.dir, ["ca", ...ca, "-gencrl", "-out", crl]);
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  for (const withCrl of [true, false]) {
    it(withCrl ? "a revoked client gets 400 with the CRL" : "the same client gets 200 without it", async () => {
      const listen = await freePort();
      const httpListen = await freePort();
      const result = emit("nginx-reverse", { paths: kit.paths, listen, httpListen, upstream: `http://127.0.0.1:${upstream.port}`, crl: withCrl ? crl : undefined });
      const conf = fileOf(result, "nginx/mtls-reverse.conf");
      expect(conf.includes(`ssl_crl ${crl};`)).toBe(withCrl);
      const nginx = await startNginx(conf, [listen, httpListen]);
      try {
        const reply = await get(`https://127.0.0.1:${listen}/`, { ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey });
        expect(reply.status).toBe(withCrl ? 400 : 200);
        if (withCrl) expect(nginx.errorLog()).toContain("certificate revoked");
      } finally {
        await nginx.stop();
      }
    });
  }
});
