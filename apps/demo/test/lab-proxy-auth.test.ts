/**
 * The app can require that the proxy authenticates itself (issue 16): any local process can reach a loopback
 * app and send X-SSL-Client-* headers. With a shared secret header (emitted into nginx's config by
 * @mtls-lab/config) or nginx's own client certificate over TLS, only requests through nginx carry an
 * identity. Real nginx, real TLS; a non-loopback bind without either prints a warning.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ProxyAuthKind } from "@mtls-lab/config";
import { freePort, has } from "@mtls-lab/peers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type LabApp } from "../src/lab/app.js";
import { startLabNginx, type LabNginx } from "../src/lab/nginx.js";
import { runInProcess } from "./cli-helpers.js";
import { getOnce, makeTestKit, type TestKit } from "./lab-helpers.js";

let kit: TestKit;
const apps: LabApp[] = [];
const nginxes: LabNginx[] = [];
const secret = "vG7pQ2xL9sK4mR8tW1zN6cB3hF5jD0aY+/=";
const forged = { "X-SSL-Client-Verify": "SUCCESS", "X-SSL-Client-S-DN": "CN=admin,O=Forged" };

function get(port: number, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path: "/api/test", headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  kit = await makeTestKit();
});

afterAll(async () => {
  for (const nginx of nginxes) await nginx.stop();
  for (const app of apps) await app.close();
  kit?.cleanup();
});

describe("app with a proxy secret", () => {
  it("a local process with forged headers and no (or a wrong) secret gets no identity", async () => {
    const app = createApp({ proxyAuth: { kind: ProxyAuthKind.secretHeader, secret } });
    apps.push(app);
    const port = await app.listen(0);
    expect(await get(port, forged)).toBe(401); // from loopback: trusted by default, not with a secret
    expect(await get(port, { ...forged, "X-Proxy-Secret": `${secret}x` })).toBe(401);
    expect(await get(port, { ...forged, "X-Proxy-Secret": secret })).toBe(200); // the secret is the proof
  });

  it.runIf(has("nginx"))("behind nginx with the emitted secret header: the verified identity gets through", async () => {
    const app = createApp({ proxyAuth: { kind: ProxyAuthKind.secretHeader, secret } });
    apps.push(app);
    const appPort = await app.listen(0);
    const listen = await freePort();
    nginxes.push(await startLabNginx({ kitDir: kit.dir, listen, httpListen: await freePort(), upstream: `http://127.0.0.1:${appPort}`,
      proxyAuth: { kind: ProxyAuthKind.secretHeader, secret } }));
    const answer = await getOnce(listen, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client("valid") });
    expect(answer.status).toBe(200);
    expect((answer.json?.client as Record<string, string>).subject).toContain("CN=client");
    expect(await get(appPort, forged)).toBe(401);
  });
});

describe.runIf(has("nginx"))("app that accepts only nginx's client certificate over TLS", () => {
  let appPort: number;
  let listen: number;

  beforeAll(async () => {
    // The app serves the kit's server certificate and trusts the client CA for its one client: nginx, which
    // presents the kit's client certificate (proxy_ssl_certificate) and verifies the app against the server CA.
    const app = createApp({ proxyAuth: { kind: ProxyAuthKind.clientCertificate, cert: kit.read("server-chain.crt"), key: kit.read("server.key"), ca: kit.read("client-ca.crt") } });
    apps.push(app);
    appPort = await app.listen(0);
    listen = await freePort();
    nginxes.push(await startLabNginx({ kitDir: kit.dir, listen, httpListen: await freePort(), upstream: `https://localhost:${appPort}`, // nginx 1.22 matches proxy_ssl_name against DNS SANs only

      proxyAuth: { kind: ProxyAuthKind.clientCertificate, certificate: join(kit.dir, "client.crt"), key: join(kit.dir, "client.key") } }));
  });

  it("answers through nginx with the verified identity", async () => {
    const answer = await getOnce(listen, "/api/test", { ca: kit.read("server-ca.crt"), ...kit.client("valid") });
    expect(answer.status, nginxes.at(-1)?.errorLog()).toBe(200);
    expect((answer.json?.client as Record<string, string>).subject).toContain("CN=client");
  });

  it("refuses a local process without the proxy's certificate in the handshake", async () => {
    const refused = await new Promise<string>((resolve) => {
      const req = httpsRequest({ host: "127.0.0.1", port: appPort, path: "/api/test", headers: forged, ca: kit.read("server-ca.crt"), agent: false }, (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      });
      req.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end();
    });
    expect(refused).not.toMatch(/^status/);
  });
});

describe("mtls-lab app flags", () => {
  it("a non-loopback --host without proxy authentication prints a warning; bad combinations are usage errors", async () => {
    writeFileSync(join(kit.dir, "weak.secret"), "short\n");
    const weak = await runInProcess(["app", "--port", "0", "--proxy-secret-file", join(kit.dir, "weak.secret")], kit.dir);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^mtls-lab: app: --proxy-secret-file .*weak\.secret: must be 32 to 256 characters/);
    const both = await runInProcess(["app", "--proxy-secret-file", "x", "--proxy-ca", "y"], kit.dir);
    expect(both).toMatchObject({ code: 2 });
    // A signal-less in-process run would wait forever once listening: a port already taken ends it.
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "0.0.0.0", () => resolve()));
    const port = String((taken.address() as { port: number }).port);
    try {
      const warned = await runInProcess(["app", "--host", "0.0.0.0", "--port", port], kit.dir);
      expect(warned.stderr).toContain("mtls-lab: warning: app: listening on 0.0.0.0, beyond loopback");
      expect(warned.code).toBe(1);
      const quiet = await runInProcess(["app", "--host", "127.0.0.1", "--port", port], kit.dir);
      expect(quiet.stderr).not.toContain("warning");
    } finally {
      taken.close();
    }
  });
});
