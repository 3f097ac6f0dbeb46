/**
 * The emitted reverse proxy in a real nginx (own -p prefix, free ports, stopped by pid) in front of a
 * Node app: who gets through in each verify mode, what identity the app sees, and that spoofed
 * X-SSL-Client-* headers never reach it.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startNginx, type NginxHandle } from "@mtls-lab/peers";
import { emit, identityHeaders, ProfileName, VerifyMode } from "../../src/index.js";
import { fileOf } from "../helpers/files.js";
import { get } from "../helpers/https.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";

const spoofed = Object.fromEntries(identityHeaders.map(([name]) => [name, "spoofed-by-client"]));

describe("nginx-reverse with a real nginx", () => {
  let kit: TestKit;
  let upstream: Upstream;
  beforeAll(async () => {
    kit = await makeTestKit();
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  for (const profile of Object.values(ProfileName)) {
    for (const verify of Object.values(VerifyMode)) {
      describe(`${profile} / ssl_verify_client ${verify}`, () => {
        let nginx: NginxHandle;
        let base: string;
        let httpPort: number;
        let listen: number;
        beforeAll(async () => {
          listen = await freePort();
          httpPort = await freePort();
          const result = emit("nginx-reverse", { paths: kit.paths, profile, verify, listen, listenAddress: "127.0.0.1", httpListen: httpPort, upstream: `http://127.0.0.1:${upstream.port}` });
          nginx = await startNginx(fileOf(result, "nginx/mtls-reverse.conf"), [listen, httpPort]);
          base = `https://127.0.0.1:${listen}`;
        });
        afterAll(async () => nginx?.stop());

        const client = () => ({ ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey });

        it("a valid client gets 200 and the app sees the verified identity", async () => {
          const before = upstream.seen.length;
          const reply = await get(`${base}/hello`, client());
          expect(reply.status).toBe(200);
          const headers = upstream.seen[before];
          expect(headers).toBeDefined();
          const cert = new X509Certificate(readFileSync(kit.paths.clientCert));
          expect(headers?.["x-ssl-client-verify"]).toBe("SUCCESS");
          // RFC 2253 order: most specific first, the reverse of the /O=.../CN=... the kit was made with.
          expect(headers?.["x-ssl-client-s-dn"]).toBe("CN=test-client,O=mTLS Lab Test");
          expect(headers?.["x-ssl-client-i-dn"]).toBe("CN=Test Client CA,O=mTLS Lab Test");
          expect(headers?.["x-ssl-client-serial"]).toBe(cert.serialNumber.toUpperCase());
          expect(headers?.["x-ssl-client-fingerprint"]).toBe(cert.fingerprint.replaceAll(":", "").toLowerCase());
          expect(decodeURIComponent(String(headers?.["x-ssl-client-cert"]))).toContain("-----BEGIN CERTIFICATE-----");
          expect(headers?.["x-forwarded-proto"]).toBe("https");
        });

        it("spoofed X-SSL-Client-* headers from a valid client never reach the app", async () => {
          const before = upstream.seen.length;
          const reply = await get(`${base}/spoof`, { ...client(), headers: spoofed });
          expect(reply.status).toBe(200);
          const headers = upstream.seen[before] ?? {};
          expect(JSON.stringify(headers)).not.toContain("spoofed-by-client");
          expect(headers["x-ssl-client-verify"]).toBe("SUCCESS");
        });

        it(`no client certificate gets ${verify === "on" ? 400 : 403} and reaches no app`, async () => {
          const before = upstream.seen.length;
          const reply = await get(`${base}/`, { ca: kit.paths.serverCa, headers: spoofed });
          expect(reply.status).toBe(verify === "on" ? 400 : 403);
          if (verify === "on") expect(reply.body).toContain("No required SSL certificate was sent");
          expect(upstream.seen.length).toBe(before);
        });

        it(`a client of another CA gets ${verify === "optional_no_ca" ? 403 : 400} and reaches no app`, async () => {
          const before = upstream.seen.length;
          const reply = await get(`${base}/`, { ca: kit.paths.serverCa, cert: kit.other.cert, key: kit.other.key, headers: spoofed });
          // optional_no_ca lets issuer errors through as FAILED:...; the emitted location check answers 403.
          expect(reply.status).toBe(verify === "optional_no_ca" ? 403 : 400);
          expect(upstream.seen.length).toBe(before);
        });

        it("plain HTTP is redirected to HTTPS", async () => {
          const reply = await get(`http://127.0.0.1:${httpPort}/path?q=1`);
          expect(reply.status).toBe(308);
          expect(reply.headers.location).toBe(`https://127.0.0.1:${listen}/path?q=1`);
        });
      });
    }
  }
});
