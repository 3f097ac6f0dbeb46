/**
 * `mtls-lab up` as a function: kit created once into the directory and reused, demo server, nginx in front of
 * the app, the site; every printed curl command run as printed; stop() leaves no listener and no nginx.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, has, run, tempDir, waitForPort } from "@mtls-lab/peers";
import { startLab, type LabUp } from "../src/lab/up.js";

const cwd = tempDir("mtls-lab-up-");
const running: LabUp[] = [];

afterAll(async () => {
  for (const lab of running) await lab.stop();
  cwd.cleanup();
});

/** The curl commands of the instructions, as argument lists (the printed paths contain no spaces). */
function curlCommands(text: string): string[][] {
  return text.split("\n").filter((line) => line.startsWith("  curl ")).map((line) => line.trim().split(/\s+/).slice(1));
}

describe.runIf(has("curl"))("mtls-lab up", () => {
  it("brings up kit, server, nginx and site, and every printed command does what its comment says", async () => {
    const site = join(cwd.path, "site");
    mkdirSync(site);
    writeFileSync(join(site, "index.html"), "<title>mTLS Lab</title>");
    const withNginx = has("nginx");
    const lines: string[] = [];
    const lab = await startLab({ cwd: cwd.path, port: 0, nginx: withNginx, nginxPort: await freePort(), site, sitePort: 0, log: (l) => lines.push(l) });
    running.push(lab);
    expect(lines[0]).toMatch(/^kit: created/);
    expect(statSync(join(cwd.path, ".lab", "server.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(cwd.path, ".lab", "client.p12")).mode & 0o777).toBe(0o600);
    expect(lab.instructions).toContain("--cacert .lab/server-ca.crt");

    const commands = curlCommands(lab.instructions);
    expect(commands).toHaveLength(withNginx ? 6 : 4);
    const results = [];
    for (const args of commands) results.push(await run("curl", ["-sS", "--max-time", "15", ...args], { cwd: cwd.path, timeoutMs: 20_000 }));
    const json = (i: number) => JSON.parse(results[i]!.stdout) as Record<string, unknown>;
    expect(json(0)).toMatchObject({ mTLSValid: false, reason: "UNABLE_TO_GET_ISSUER_CERT" });
    expect(json(1)).toMatchObject({ mTLSValid: true });
    expect(json(2)).toMatchObject({ mTLSValid: false });
    expect(json(3)).toMatchObject({ message: "certificate verified successfully" });
    if (withNginx) {
      expect(results[4]!.stdout).toContain("No required SSL certificate was sent");
      expect(json(5)).toMatchObject({ message: "certificate verified successfully", client: { verify: "SUCCESS" } });
    }
    const page = await run("curl", ["-sS", `http://127.0.0.1:${lab.ports.site}/`], { timeoutMs: 20_000 });
    expect(page.stdout).toContain("mTLS Lab");

    await lab.stop();
    for (const port of [lab.ports.serve, lab.ports.nginx, lab.ports.app, lab.ports.site]) {
      if (port !== undefined) expect(await waitForPort(port, 300), `port ${port}`).toBe(false);
    }
  });

  it("reuses the kit on the next start", async () => {
    const before = readFileSync(join(cwd.path, ".lab", "server-ca.crt"), "utf8");
    const lines: string[] = [];
    const lab = await startLab({ cwd: cwd.path, port: 0, log: (l) => lines.push(l) });
    running.push(lab);
    expect(lines[0]).toMatch(/^kit: using/);
    expect(readFileSync(join(cwd.path, ".lab", "server-ca.crt"), "utf8")).toBe(before);
    await lab.stop();
  });

  it("fails with the port error, not a hang, when a later part cannot listen", async () => {
    const lab = await startLab({ cwd: cwd.path, port: 0 });
    running.push(lab);
    await expect(startLab({ cwd: cwd.path, port: 0, site: join(cwd.path, "site"), sitePort: lab.ports.serve })).rejects.toThrow(/EADDRINUSE/);
    await lab.stop();
  });
});
