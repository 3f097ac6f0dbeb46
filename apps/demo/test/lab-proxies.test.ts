/**
 * `mtls-lab up --proxy haproxy|caddy|apache`: the lab behind each proxy from Debian (packages/config's
 * emitted config, run by pid under its own directory). The printed curl commands do what their comments say;
 * the app answers with the identity the proxy verified (RFC 9440 Client-Cert), never one the client sent;
 * stop() leaves no listener. With a kit made by `kit --crl` and a client revoked by `mtls-lab revoke`, HAProxy and
 * Apache check the kit's CRLs along the chain.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, has, run, tempDir, waitForPort } from "@mtls-lab/peers";
import { startLab, type LabUp } from "../src/lab/up.js";

const cwd = tempDir("mtls-lab-up-proxy-");
const running: LabUp[] = [];

beforeAll(async () => {
  // Make the kit once; every proxy below reuses it.
  const lab = await startLab({ cwd: cwd.path, port: 0 });
  await lab.stop();
});

afterAll(async () => {
  for (const lab of running) await lab.stop();
  cwd.cleanup();
});

function curlCommands(text: string): string[][] {
  return text.split("\n").filter((line) => line.startsWith("  curl ")).map((line) => line.trim().split(/\s+/).slice(1));
}

const reasons = { haproxy: "tlsv13 alert certificate required", caddy: "sslv3 alert bad certificate", apache: "tlsv13 alert certificate required" } as const;

for (const proxy of ["haproxy", "caddy", "apache"] as const) {
  const binary = proxy === "apache" ? "apache2" : proxy;
  describe.runIf(has("curl") && has(binary))(`mtls-lab up --proxy ${proxy}`, () => {
    it("the printed commands do what their comments say, and a forged identity never reaches the app", async () => {
      const lines: string[] = [];
      const lab = await startLab({ cwd: cwd.path, port: 0, appPort: 0, proxy, nginxPort: await freePort(), log: (l) => lines.push(l) });
      running.push(lab);
      expect(lab.proxy).toBe(proxy);
      expect(lines.some((l) => l.startsWith(`${proxy}: pid `))).toBe(true);
      expect(lab.instructions).toContain(`${proxy.padEnd(12)} https://localhost:${lab.ports.nginx}/`);

      const commands = curlCommands(lab.instructions).slice(4);
      expect(commands).toHaveLength(2);
      const none = await run("curl", ["-sS", "--max-time", "15", ...commands[0]!], { cwd: cwd.path, timeoutMs: 20_000 });
      // The proxy sends its alert and closes at once: curl 7.88 reports it as exit 56 with OpenSSL's reason when
      // it reads the alert first, or exit 55 (getpeername failed) when the close wins (HAProxy, Caddy: measured).
      expect([55, 56]).toContain(none.code);
      if (none.code === 56) expect(none.stderr).toContain(reasons[proxy]);
      const valid = await run("curl", ["-sS", "--max-time", "15", ...commands[1]!], { cwd: cwd.path, timeoutMs: 20_000 });
      const answer = JSON.parse(valid.stdout) as { message: string; client: Record<string, unknown> };
      expect(answer.message).toBe("certificate verified successfully");
      const own = new X509Certificate(readFileSync(join(cwd.path, ".lab", "client.crt")));
      expect(answer.client).toMatchObject({ source: "rfc9440", verify: "SUCCESS", serialNumber: own.serialNumber.toUpperCase() });

      // The same valid client claiming the server CA's certificate and an nginx identity: the app sees its own.
      const forged = `:${Buffer.from(new X509Certificate(readFileSync(join(cwd.path, ".lab", "server-ca.crt"))).raw).toString("base64")}:`;
      const spoof = await run("curl", ["-sS", "--max-time", "15", ...commands[1]!, "-H", `Client-Cert: ${forged}`, "-H", "X-SSL-Client-Verify: SUCCESS", "-H", "X-SSL-Client-S-DN: CN=admin"], { cwd: cwd.path, timeoutMs: 20_000 });
      const spoofed = JSON.parse(spoof.stdout) as { client: Record<string, unknown> };
      expect(spoofed.client).toMatchObject({ source: "rfc9440", serialNumber: own.serialNumber.toUpperCase() });
      expect(JSON.stringify(spoofed)).not.toContain("CN=admin");

      await lab.stop();
      for (const port of [lab.ports.serve, lab.ports.nginx, lab.ports.app]) {
        if (port !== undefined) expect(await waitForPort(port, 300), `port ${port}`).toBe(false);
      }
    });
  });
}

describe.runIf(has("curl"))("up --proxy with a kit that has CRLs (kit --crl, revoke)", () => {
  const kitDir = () => join(cwd.path, "crlkit");
  beforeAll(async () => {
    const { runInProcess } = await import("./cli-helpers.js");
    const made = await runInProcess(["kit", "--out", "crlkit", "--intermediate", "--crl", "--client", "client", "--client", "bob"], cwd.path);
    expect(made.code, made.stderr).toBe(0);
    const revoked = await runInProcess(["revoke", "--kit", "crlkit", "bob"], cwd.path);
    expect(revoked.code, revoked.stderr).toBe(0);
  });

  for (const proxy of ["haproxy", "apache"] as const) {
    it.runIf(has(proxy === "apache" ? "apache2" : proxy))(`${proxy} checks the kit's CRLs along the chain: its client gets in, revoked bob gets alert 44`, async () => {
      const lab = await startLab({ cwd: cwd.path, dir: kitDir(), port: 0, appPort: 0, proxy, nginxPort: await freePort() });
      running.push(lab);
      const url = `https://localhost:${lab.ports.nginx}/api/test`;
      const as = (name: string) => ["-sS", "--max-time", "15", "--cacert", "crlkit/server-ca.crt", "--cert", `crlkit/${name}-chain.crt`, "--key", `crlkit/${name}.key`, url];
      // `up` reuses a kit that has the lab's client (client.crt); the CRL comes from its kit.json.
      const client = await run("curl", as("client"), { cwd: cwd.path, timeoutMs: 20_000 });
      expect(JSON.parse(client.stdout)).toMatchObject({ message: "certificate verified successfully", client: { source: "rfc9440", chainLength: proxy === "apache" ? 1 : 0 } });
      const bob = await run("curl", as("bob"), { cwd: cwd.path, timeoutMs: 20_000 });
      expect(bob.code).not.toBe(0);
      if (bob.code === 56) expect(bob.stderr).toContain("alert certificate revoked");
      await lab.stop();
    });
  }
});
