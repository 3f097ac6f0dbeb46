/**
 * The emitted HAProxy, Caddy and Apache configs in the real servers from Debian (own directory, 127.0.0.1
 * free ports, stopped by pid) in front of a Node app that records what it receives: the config check passes,
 * a valid client reaches the app with its certificate as RFC 9440 Client-Cert, no certificate / another CA's
 * client / an expired client are refused with the alert or status each server really gives (and that
 * x509's predictProxy predicts), the optional modes refuse the protected path and serve the open one, and
 * spoofed identity headers never reach the app. Revoked clients: proxy-crl.test.ts (x509's verify reads no CRL,
 * so that test gives predictProxy the CERT_REVOKED result itself).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkProxyConfig, freePort, run, startProxy, tempDir, type ProxyHandle, type ProxyServer } from "@mtls-lab/peers";
import { predictProxy, verifyChain, type ProxyOutcome } from "@mtls-lab/x509";
import { emit, forwardedIdentityHeaderNames, ProfileName, VerifyMode, type EmitInput, type EmitResult } from "../../src/index.js";
import { attempt, type Attempt } from "../helpers/attempt.js";
import { fileOf, writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";

const servers: { server: ProxyServer; file: string }[] = [
  { server: "haproxy", file: "haproxy/haproxy.cfg" },
  { server: "caddy", file: "caddy/Caddyfile" },
  { server: "apache", file: "apache/mtls-site.conf" },
];

/** Byte Sequence of RFC 8941 3.3.5: `:` base64 `:`. */
function byteSequence(pemFile: string): string {
  return `:${Buffer.from(new X509Certificate(readFileSync(pemFile)).raw).toString("base64")}:`;
}

/** Every identity header set to a value the app must never see. */
function spoofed(otherCert: string): Record<string, string> {
  const headers = Object.fromEntries(forwardedIdentityHeaderNames.map((name) => [name, "spoofed-by-client"]));
  // A well-formed Client-Cert naming another certificate: the most convincing lie a client can tell.
  headers["Client-Cert"] = byteSequence(otherCert);
  return headers;
}

/** HAProxy reads the chain and key from one file: run the emitted make-pem.sh, as its users do. */
async function makeHaproxyPem(result: EmitResult): Promise<void> {
  const out = tempDir("mtls-lab-config-haproxy-pem-");
  try {
    writeFiles(result, out.path);
    const made = await run("sh", [`${out.path}/haproxy/make-pem.sh`]);
    expect(made.code, made.stderr).toBe(0);
  } finally {
    out.cleanup();
  }
}

/** The observed attempt matches the prediction: same alert (as Node reports it) or same status. */
function expectPredicted(observed: Attempt, predicted: ProxyOutcome): void {
  if (predicted.handshake) {
    expect(observed, JSON.stringify(observed)).toHaveProperty("status", predicted.status);
  } else {
    // Node names the alert in `code` over TLS 1.3 and says EPROTO over TLS 1.2; OpenSSL's reason is in both messages.
    expect(observed, JSON.stringify(observed)).toHaveProperty("message");
    expect((observed as { message: string }).message).toContain(predicted.clientError?.message);
  }
}

describe("HAProxy, Caddy and Apache from Debian with the emitted configs", () => {
  let kit: TestKit;
  let upstream: Upstream;
  const verdicts: Record<"valid" | "other" | "expired", Awaited<ReturnType<typeof verifyChain>> | null> = { valid: null, other: null, expired: null };
  beforeAll(async () => {
    kit = await makeTestKit();
    upstream = await startUpstream();
    // Debian's HAProxy and Apache check at OpenSSL security level 2.
    const check = (leaf: string) => verifyChain({ leaf: readFileSync(leaf, "utf8"), trustAnchors: readFileSync(kit.paths.clientCa, "utf8"), purpose: "client", securityLevel: 2 });
    verdicts.valid = await check(kit.paths.clientCert);
    verdicts.other = await check(kit.other.cert);
    verdicts.expired = await check(kit.expired.cert);
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  for (const { server, file } of servers) {
    for (const verify of Object.values(VerifyMode)) {
      describe(`${server} / ${verify}`, () => {
        const protectedPath = verify === "on" ? "/" : "/private";
        let proxy: ProxyHandle;
        let listen: number;
        let httpListen: number;
        let config: string;
        beforeAll(async () => {
          listen = await freePort();
          httpListen = await freePort();
          const input: EmitInput = { paths: kit.paths, verify, listen, httpListen, listenAddress: "127.0.0.1", upstream: `http://127.0.0.1:${upstream.port}`, location: protectedPath };
          const result = emit(server, input);
          config = fileOf(result, file);
          if (server === "haproxy") await makeHaproxyPem(result);
          proxy = await startProxy(server, config, [listen, httpListen]);
        });
        afterAll(async () => {
          await proxy?.stop();
        });

        const client = () => ({ ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey });
        const protectedUrl = verify === "on" ? "/hello" : "/private/hello";
        const predict = (verdict: keyof typeof verdicts | "none", onProtected = true, tlsVersion: "1.2" | "1.3" = "1.3") =>
          predictProxy(server, verdict === "none" ? null : verdicts[verdict], verify, { tlsVersion, protectedPath: onProtected });

        it("passes the server's own config check", async () => {
          const checked = await checkProxyConfig(server, config);
          expect(checked.ok, checked.stdout + checked.stderr).toBe(true);
        });

        it("a valid client reaches the app with its certificate as RFC 9440 Client-Cert", async () => {
          const before = upstream.seen.length;
          const reply = await attempt(listen, protectedUrl, client());
          expectPredicted(reply, predict("valid"));
          const headers = upstream.seen[before];
          expect(headers?.["client-cert"]).toBe(byteSequence(kit.paths.clientCert));
          expect(headers?.["x-forwarded-proto"]).toBe("https");
        });

        it("spoofed identity headers from a valid client never reach the app", async () => {
          const before = upstream.seen.length;
          const reply = await attempt(listen, protectedUrl, { ...client(), headers: spoofed(kit.other.cert) });
          expect(reply).toHaveProperty("status", 200);
          const headers = upstream.seen[before] ?? {};
          expect(JSON.stringify(headers)).not.toContain("spoofed-by-client");
          expect(headers["client-cert"]).toBe(byteSequence(kit.paths.clientCert));
        });

        it("no certificate on the protected path: refused as predicted, nothing reaches the app", async () => {
          const before = upstream.seen.length;
          const predicted = predict("none");
          const reply = await attempt(listen, protectedUrl, { ca: kit.paths.serverCa, headers: spoofed(kit.other.cert) });
          expectPredicted(reply, predicted);
          expect(predicted.status === 200).toBe(false);
          expect(upstream.seen.length).toBe(before);
        });

        if (verify === "on") {
          it("no certificate over TLS 1.2: the alert TLS 1.2 has for it", async () => {
            const reply = await attempt(listen, protectedUrl, { ca: kit.paths.serverCa, tls: "TLSv1.2" });
            expectPredicted(reply, predict("none", true, "1.2"));
          });
          it("over TLS 1.2 another CA's client and an expired client get the same alerts as over 1.3", async () => {
            expectPredicted(await attempt(listen, protectedUrl, { ca: kit.paths.serverCa, ...kit.other, tls: "TLSv1.2" }), predict("other", true, "1.2"));
            expectPredicted(await attempt(listen, protectedUrl, { ca: kit.paths.serverCa, ...kit.expired, tls: "TLSv1.2" }), predict("expired", true, "1.2"));
          });
        } else {
          it("no certificate on an open path: served, and spoofed identity headers are removed", async () => {
            const before = upstream.seen.length;
            const reply = await attempt(listen, "/open", { ca: kit.paths.serverCa, headers: spoofed(kit.other.cert) });
            expectPredicted(reply, predict("none", false));
            expect(reply).toHaveProperty("status", 200);
            const headers = upstream.seen[before] ?? {};
            expect(upstream.seen.length).toBe(before + 1);
            for (const name of forwardedIdentityHeaderNames) expect(headers[name.toLowerCase()], name).toBeUndefined();
          });
        }

        for (const [name, verdict] of [["another CA's client", "other"], ["an expired client", "expired"]] as const) {
          it(`${name}: refused as predicted, nothing reaches the app`, async () => {
            const before = upstream.seen.length;
            const creds = verdict === "other" ? kit.other : kit.expired;
            const predicted = predict(verdict);
            const reply = await attempt(listen, protectedUrl, { ca: kit.paths.serverCa, ...creds, headers: spoofed(kit.paths.clientCert) });
            expectPredicted(reply, predicted);
            expect(upstream.seen.length).toBe(before);
            // HAProxy logs asynchronously: give the line a moment to arrive.
            for (let i = 0; i < 40 && predicted.log && !proxy.log().includes(predicted.log); i++) await new Promise((r) => setTimeout(r, 50));
            if (predicted.log) expect(proxy.log()).toContain(predicted.log);
          });
        }

        it("plain HTTP is redirected to HTTPS with 308", async () => {
          const { get } = await import("../helpers/https.js");
          const reply = await get(`http://127.0.0.1:${httpListen}/path?q=1`, { headers: { host: `localhost:${httpListen}` } });
          expect(reply.status).toBe(308);
          expect(reply.headers.location).toBe(`https://localhost:${listen}/path?q=1`);
        });
      });
    }
  }
});

describe("every profile and mode passes each server's config check, and the check can fail", () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await makeTestKit();
    await makeHaproxyPem(emit("haproxy", { paths: kit.paths }));
  });
  afterAll(() => kit?.cleanup());

  for (const { server, file } of servers) {
    for (const profile of Object.values(ProfileName)) {
      it(`${server} ${profile}, every verify mode`, async () => {
        for (const verify of Object.values(VerifyMode)) {
          const config = fileOf(emit(server, { paths: kit.paths, profile, verify, listen: 18443, httpListen: 18080, listenAddress: "127.0.0.1", location: "/private" }), file);
          const checked = await checkProxyConfig(server, config);
          expect(checked.ok, `${verify}: ${checked.stdout}${checked.stderr}`).toBe(true);
        }
      });
    }
    it(`${server}: an https app behind it is verified, and the check passes`, async () => {
      const config = fileOf(emit(server, { paths: kit.paths, listen: 18443, httpListen: 18080, listenAddress: "127.0.0.1", upstream: "https://localhost:19443/" }), file);
      expect(config).toContain(kit.paths.serverCa);
      const checked = await checkProxyConfig(server, config);
      expect(checked.ok, checked.stdout + checked.stderr).toBe(true);
    });
    it(`${server}: a missing client CA file fails the check`, async () => {
      const paths = { ...kit.paths, clientCa: `${kit.dir}/missing-ca.crt` };
      const checked = await checkProxyConfig(server, fileOf(emit(server, { paths, listen: 18443, httpListen: 18080 }), file));
      expect(checked.ok).toBe(false);
      expect(checked.stdout + checked.stderr).toContain("missing-ca.crt");
    });
  }
});

describe("Apache forwards the client's chain as RFC 9440 Client-Cert-Chain", () => {
  let kit: TestKit;
  let upstream: Upstream;
  let proxy: ProxyHandle;
  let listen: number;
  beforeAll(async () => {
    kit = await makeTestKit({ intermediates: true });
    upstream = await startUpstream();
    listen = await freePort();
    const httpListen = await freePort();
    const config = fileOf(emit("apache", { paths: kit.paths, listen, httpListen, listenAddress: "127.0.0.1", upstream: `http://127.0.0.1:${upstream.port}` }), "apache/mtls-site.conf");
    proxy = await startProxy("apache", config, [listen, httpListen]);
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
    kit?.cleanup();
  });

  it("the leaf in Client-Cert, the intermediate it was sent with in Client-Cert-Chain", async () => {
    const reply = await attempt(listen, "/", { ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey, headers: { "Client-Cert-Chain": "spoofed-by-client" } });
    expect(reply).toHaveProperty("status", 200);
    const headers = upstream.seen.at(-1) ?? {};
    expect(headers["client-cert"]).toBe(byteSequence(kit.paths.clientCert));
    expect(headers["client-cert-chain"]).toBe(byteSequence(`${kit.dir}/client-intermediate.crt`));
  });
});
