/**
 * The app's reading of a forwarded identity: RFC 9440 Client-Cert (and Client-Cert-Chain) or nginx's
 * X-SSL-Client-* headers, only from the configured proxy address; a malformed header is a one-line problem.
 */
import { X509Certificate } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type LabApp } from "../src/lab/app.js";
import { readForwardedIdentity, trustOnly, isLoopback } from "../src/lab/forwarded-identity.js";
import { makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
const apps: LabApp[] = [];
beforeAll(async () => {
  kit = await makeTestKit();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  kit?.cleanup();
});

const byteSequence = (pem: string) => `:${Buffer.from(new X509Certificate(pem).raw).toString("base64")}:`;

describe("readForwardedIdentity", () => {
  it("takes the identity from RFC 9440 Client-Cert, from the proxy only", () => {
    const pem = kit.read("client.crt");
    const cert = new X509Certificate(pem);
    const read = readForwardedIdentity({ "client-cert": byteSequence(pem) }, "127.0.0.1", isLoopback);
    expect(read.problem).toBeUndefined();
    expect(read.identity).toMatchObject({ verify: "SUCCESS", source: "rfc9440", chainLength: 0, serialNumber: cert.serialNumber.toUpperCase(), fingerprint: cert.fingerprint.replaceAll(":", "").toLowerCase() });
    // RFC 2253 order, as nginx's $ssl_client_s_dn: the CN first.
    expect(read.identity?.subject).toMatch(/^CN=client,/);
    expect(read.identity?.issuer).toMatch(/^CN=/);
    const stranger = readForwardedIdentity({ "client-cert": byteSequence(pem) }, "10.1.2.3", isLoopback);
    expect(stranger.identity).toBeUndefined();
    expect(stranger.problem).toBe("identity headers ignored: they came from 10.1.2.3, not the configured proxy");
  });

  it("counts the members of Client-Cert-Chain", () => {
    const chain = `${byteSequence(kit.read("client-ca.crt"))}, ${byteSequence(kit.read("server-ca.crt"))}`;
    const read = readForwardedIdentity({ "client-cert": byteSequence(kit.read("client.crt")), "client-cert-chain": chain }, "::1", isLoopback);
    expect(read.identity?.chainLength).toBe(2);
  });

  it("a malformed Client-Cert or chain is one problem line, never an identity", () => {
    for (const [headers, problem] of [
      [{ "client-cert": "MIIB..." }, "Client-Cert is not an RFC 9440 Byte Sequence"],
      [{ "client-cert": "::" }, "Client-Cert is not an RFC 9440 Byte Sequence"],
      [{ "client-cert": ":aGVsbG8=:" }, "Client-Cert does not hold a DER certificate"],
      [{ "client-cert": byteSequence(kit.read("client.crt")), "client-cert-chain": ":@@:" }, "Client-Cert-Chain is not an RFC 9440 Byte Sequence"],
    ] as const) {
      const read = readForwardedIdentity(headers, "127.0.0.1", isLoopback);
      expect(read.identity).toBeUndefined();
      expect(read.problem).toContain(problem);
    }
  });

  it("still reads nginx's X-SSL-Client-* headers, and needs SUCCESS", () => {
    const ok = readForwardedIdentity({ "x-ssl-client-verify": "SUCCESS", "x-ssl-client-s-dn": "CN=a,O=b" }, "127.0.0.1", isLoopback);
    expect(ok.identity).toMatchObject({ source: "x-ssl-client", subject: "CN=a,O=b" });
    expect(readForwardedIdentity({ "x-ssl-client-verify": "FAILED:certificate has expired" }, "127.0.0.1", isLoopback).problem).toBe("the proxy reports FAILED:certificate has expired");
  });

  it("trustOnly trusts exactly one address (and its IPv4-mapped form)", () => {
    const trust = trustOnly("127.0.0.2");
    expect(trust("127.0.0.2")).toBe(true);
    expect(trust("::ffff:127.0.0.2")).toBe(true);
    expect(trust("127.0.0.1")).toBe(false);
    expect(trustOnly("[::1]")("::1")).toBe(true);
  });
});

describe("the app with --proxy ADDR believes headers only from that address", () => {
  function get(port: number, localAddress: string, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path: "/api/test", localAddress, headers, agent: false }, (res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Record<string, unknown> }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("the same Client-Cert is refused from 127.0.0.1 and accepted from the proxy at 127.0.0.2", async () => {
    const app = createApp({ trustProxy: trustOnly("127.0.0.2") });
    apps.push(app);
    const port = await app.listen(0, "127.0.0.1");
    const headers = { "Client-Cert": byteSequence(kit.read("client.crt")) };
    const other = await get(port, "127.0.0.1", headers);
    expect(other.status).toBe(401);
    expect(String(other.json.problem)).toContain("not the configured proxy");
    const fromProxy = await get(port, "127.0.0.2", headers);
    expect(fromProxy.status).toBe(200);
    expect(fromProxy.json.client).toMatchObject({ source: "rfc9440", verify: "SUCCESS" });
  });
});
