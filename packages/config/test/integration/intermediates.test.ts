/**
 * A kit with intermediate CAs: the verify depth the emitters derive from the kit (1) is what nginx needs,
 * depth 0 refuses the same client, and the clients work against a server that sends its chain.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, startNginx, tempDir } from "@mtls-lab/peers";
import { emit } from "../../src/index.js";
import { fileOf, writeFiles } from "../helpers/files.js";
import { get } from "../helpers/https.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";
import { startMtlsServer, type MtlsServer } from "../helpers/mtls-server.js";

describe("kit with intermediate CAs", () => {
  let kit: TestKit;
  let upstream: Upstream;
  beforeAll(async () => {
    kit = await makeTestKit({ intermediates: true });
    upstream = await startUpstream();
  });
  afterAll(async () => {
    await upstream?.close();
    kit?.cleanup();
  });

  it("kitPaths sees the intermediates", () => {
    expect(kit.paths.intermediates).toBe(true);
  });

  it("nginx-reverse: depth 1 from the kit accepts the client chain; depth 0 refuses it", async () => {
    for (const [verifyDepth, status] of [[undefined, 200], [0, 400]] as const) {
      const listen = await freePort();
      const httpListen = await freePort();
      const result = emit("nginx-reverse", { paths: kit.paths, listen, httpListen, upstream: `http://127.0.0.1:${upstream.port}`, verifyDepth });
      expect(fileOf(result, "nginx/mtls-reverse.conf")).toContain(`ssl_verify_depth ${verifyDepth ?? 1};`);
      const nginx = await startNginx(fileOf(result, "nginx/mtls-reverse.conf"), [listen, httpListen]);
      try {
        const reply = await get(`https://127.0.0.1:${listen}/`, { ca: kit.paths.serverCa, cert: kit.paths.clientChain, key: kit.paths.clientKey });
        expect(reply.status).toBe(status);
      } finally {
        await nginx.stop();
      }
    }
  });

  describe("clients against a server that sends its chain", () => {
    let server: MtlsServer;
    let out: { path: string; cleanup: () => void };
    beforeAll(async () => {
      server = await startMtlsServer(kit.paths);
      out = tempDir("mtls-lab-config-inter-");
    });
    afterAll(async () => {
      await server?.close();
      out?.cleanup();
    });

    it("curl PEM and P12 send the client chain", async () => {
      writeFiles(emit("curl", { paths: kit.paths }), out.path);
      for (const script of ["curl-pem.sh", "curl-p12.sh"]) {
        const result = await run("sh", [join(out.path, "curl", script), `https://127.0.0.1:${server.port}/`]);
        expect(result.stdout).toContain("hello test-client");
      }
    });

    it("the Node client sends the client chain", async () => {
      writeFiles(emit("node-client", { paths: kit.paths }), out.path);
      const result = await run(process.execPath, [join(out.path, "node", "client-https.mjs"), `https://127.0.0.1:${server.port}/`]);
      expect(result.stdout).toContain("hello test-client");
    });
  });
});
