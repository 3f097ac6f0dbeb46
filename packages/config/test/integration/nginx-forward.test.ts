/**
 * The emitted forward proxy in a real nginx: a plain HTTP request to nginx reaches a Node https server
 * that requires a client certificate from the kit's client CA; nginx also checks the upstream's name.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startNginx } from "@mtls-lab/peers";
import { emit, ProfileName } from "../../src/index.js";
import { fileOf } from "../helpers/files.js";
import { get } from "../helpers/https.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startMtlsServer, type MtlsServer } from "../helpers/mtls-server.js";

describe("nginx-forward with a real nginx and a Node mTLS upstream", () => {
  let kit: TestKit;
  let upstream: MtlsServer;
  beforeAll(async () => {
    kit = await makeTestKit();
    upstream = await startMtlsServer(kit.paths);
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  it("the upstream itself refuses a request without the kit's client certificate, and one from another CA", async () => {
    await expect(get(`https://127.0.0.1:${upstream.port}/`, { ca: kit.paths.serverCa })).rejects.toThrow();
    await expect(get(`https://127.0.0.1:${upstream.port}/`, { ca: kit.paths.serverCa, cert: kit.other.cert, key: kit.other.key })).rejects.toThrow();
  });

  for (const profile of Object.values(ProfileName)) {
    it(`${profile}: plain HTTP to nginx reaches the mTLS upstream as the kit's client`, async () => {
      const httpListen = await freePort();
      const result = emit("nginx-forward", { paths: kit.paths, profile, httpListen, upstream: `https://127.0.0.1:${upstream.port}/`, upstreamServerName: "localhost" });
      expect(result.warnings).toEqual([]);
      const nginx = await startNginx(fileOf(result, "nginx/mtls-forward.conf"), [httpListen]);
      try {
        const before = upstream.clients.length;
        const reply = await get(`http://127.0.0.1:${httpListen}/anything`);
        expect(reply.status).toBe(200);
        expect(reply.body).toContain("hello test-client");
        expect(reply.body).toContain(profile === "modern" ? "TLSv1.3" : "TLSv1.");
        expect(upstream.clients.slice(before)).toEqual(["test-client"]);
      } finally {
        await nginx.stop();
      }
    });
  }

  it("nginx verifies the upstream: a name the server certificate lacks gives 502, nothing reaches the upstream", async () => {
    const httpListen = await freePort();
    const result = emit("nginx-forward", { paths: kit.paths, httpListen, upstream: `https://127.0.0.1:${upstream.port}/`, upstreamServerName: "not-in-the-certificate.test" });
    const nginx = await startNginx(fileOf(result, "nginx/mtls-forward.conf"), [httpListen]);
    try {
      const before = upstream.clients.length;
      const reply = await get(`http://127.0.0.1:${httpListen}/`);
      expect(reply.status).toBe(502);
      expect(upstream.clients.length).toBe(before);
      expect(nginx.errorLog()).toContain("upstream SSL certificate does not match");
    } finally {
      await nginx.stop();
    }
  });
});
