/**
 * The proxied app alone and behind real nginx (packages/config's nginx-reverse output, run by the lab's
 * nginx runner): identity headers are believed only from loopback, and /api/test answers with the identity
 * nginx verified, never with one a client forged.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, has } from "@mtls-lab/peers";
import { createApp, isLoopback, type LabApp } from "../src/lab/app.js";
import { startLabNginx, type LabNginx } from "../src/lab/nginx.js";
import { getOnce, makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
const apps: LabApp[] = [];

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Record<string, unknown> }));
    });
    req.on("error", reject);
    req.end();
  });
}

const forged = { "X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN": "CN=admin,O=Forged" };

beforeAll(async () => {
  kit = await makeTestKit();
});

afterAll(async () => {
  for (const app of apps) await app.close();
  kit?.cleanup();
});

describe("proxied app", () => {
  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"].every(isLoopback)).toBe(true);
    expect(["10.0.0.1", "::ffff:192.168.1.2", "", "fe80::1", "1127.0.0.1"].some(isLoopback)).toBe(false);
  });

  it("ignores identity headers from a peer that is not the trusted proxy", async () => {
    const app = createApp({ trustProxy: () => false });
    apps.push(app);
    const port = await app.listen(0);
    const answer = await get(port, "/api/test", forged);
    expect(answer.status).toBe(401);
    expect(String(answer.json.problem)).toMatch(/ignored/);
  });

  it("needs SUCCESS from the proxy for /api/test", async () => {
    const app = createApp();
    apps.push(app);
    const port = await app.listen(0);
    expect((await get(port, "/api/test")).status).toBe(401);
    expect((await get(port, "/api/test", { "X-SSL-Client-Verify": "NONE" })).status).toBe(401);
    expect((await get(port, "/healthz")).json).toEqual({ status: "ok" });
  });
});

describe.runIf(has("nginx"))("proxied app behind nginx (config from @mtls-lab/config)", () => {
  let nginx: LabNginx;
  let httpsPort: number;

  beforeAll(async () => {
    const app = createApp();
    apps.push(app);
    const appPort = await app.listen(0);
    httpsPort = await freePort();
    nginx = await startLabNginx({ kitDir: kit.dir, listen: httpsPort, httpListen: await freePort(), upstream: `http://127.0.0.1:${appPort}` });
  });

  afterAll(async () => {
    await nginx?.stop();
  });

  it("answers /api/test with the identity nginx verified, not a forged one", async () => {
    const answer = await getOnce(httpsPort, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client("valid") });
    expect(answer.status).toBe(200);
    expect(answer.json?.message).toBe("certificate verified successfully");
    const client = answer.json?.client as Record<string, string>;
    expect(client.verify).toBe("SUCCESS");
    expect(client.subject).toContain("CN=client");
    expect(client.issuer).toContain("CN=mTLS Lab Client CA");
    expect(client.serialNumber).toMatch(/^[0-9A-F]+$/);
  });

  it("refuses missing and bad certificates before the app (nginx 400)", async () => {
    for (const c of ["none", "expired", "otherCa", "wrongEku"] as const) {
      const answer = await getOnce(httpsPort, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client(c) });
      expect(answer.status, c).toBe(400);
    }
  });

  it.runIf(has("curl"))("replaces identity headers a client sends", async () => {
    const { run } = await import("@mtls-lab/peers");
    const result = await run("curl", ["-sS", "--max-time", "15", "--cacert", `${kit.dir}/server-ca.crt`, "--cert", `${kit.dir}/client.crt`, "--key", `${kit.dir}/client.key`,
      "-H", "X-SSL-Client-S-DN: CN=admin,O=Forged", `https://127.0.0.1:${httpsPort}/api/test`], { timeoutMs: 20_000 });
    const body = JSON.parse(result.stdout) as { client: { subject: string } };
    expect(body.client.subject).toContain("CN=client");
    expect(body.client.subject).not.toContain("Forged");
  });
});
