/**
 * A kit laid out as the site and the CLI write it (the kit's files, every emitted target, and the
 * bundle's nginx.conf, test.sh and README.md at the root) runs as the README says: `nginx -t -p DIR
 * -c DIR/nginx.conf` passes, and test.sh against that nginx on a free port passes, or fails when it must.
 */
import { copyFileSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, tempDir } from "@mtls-lab/peers";
import { emitAll, emitKitBundle, type KitPaths, type VerifyMode } from "../../src/index.js";
import { writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startProcess } from "../helpers/process.js";
import { startUpstream, type Upstream } from "../helpers/upstream.js";

/** The kit's paths as the site spells them: relative to the kit's root, where nginx.conf sits. */
function relativePaths(paths: KitPaths): KitPaths {
  return Object.fromEntries(Object.entries(paths).map(([key, value]) => [key, typeof value === "string" ? `./${basename(value)}` : value])) as unknown as KitPaths;
}

interface LaidOutKit {
  dir: string;
  port: number;
  cleanup: () => void;
}

/** Copies the kit into a fresh folder and writes emitAll's files and the bundle beside it. */
async function layOut(kit: TestKit, verify: VerifyMode, upstreamPort: number): Promise<LaidOutKit> {
  const tmp = tempDir("mtls-lab-config-bundle-");
  const dir = tmp.path;
  for (const name of readdirSync(kit.dir)) if (statSync(join(kit.dir, name)).isFile()) copyFileSync(join(kit.dir, name), join(dir, name));
  const port = await freePort();
  const httpPort = await freePort();
  const emitted = emitAll({ paths: relativePaths(kit.paths), verify, listen: port, httpListen: httpPort, listenAddress: "127.0.0.1", upstream: `http://127.0.0.1:${upstreamPort}` });
  writeFiles(emitted, dir);
  const bundle = emitKitBundle({
    origin: "browser",
    keyType: "ec-p256",
    hosts: ["localhost"],
    ips: ["127.0.0.1"],
    clients: ["client"],
    intermediate: kit.paths.intermediates,
    verify,
    profile: "intermediate",
    upstream: `http://127.0.0.1:${upstreamPort}`,
    url: `https://localhost:${port}/`,
    nginxInclude: emitted.files.find((f) => f.path === "nginx/mtls-reverse.conf")?.path ?? "missing",
    curlScripts: emitted.files.filter((f) => f.path.startsWith("curl/")).map((f) => f.path),
    kitFiles: readdirSync(kit.dir),
    warnings: emitted.warnings,
  });
  writeFiles(bundle, dir);
  return { dir, port, cleanup: tmp.cleanup };
}

describe("a laid-out kit runs as its README says", () => {
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

  it("nginx -t accepts the kit's nginx.conf, run exactly as the README says", async () => {
    const laid = await layOut(kit, "on", upstream.port);
    try {
      expect((statSync(join(laid.dir, "test.sh")).mode & 0o777).toString(8)).toBe("755");
      const result = await run("nginx", ["-t", "-p", laid.dir, "-c", join(laid.dir, "nginx.conf")], { timeoutMs: 30_000 });
      expect(result.stderr).toContain("test is successful");
      expect(result.code).toBe(0);
    } finally {
      laid.cleanup();
    }
  });

  it("nginx -t really fails when the included server blocks are missing (the check can fail)", async () => {
    const laid = await layOut(kit, "on", upstream.port);
    try {
      rmSync(join(laid.dir, "nginx", "mtls-reverse.conf"));
      const result = await run("nginx", ["-t", "-p", laid.dir, "-c", join(laid.dir, "nginx.conf")], { timeoutMs: 30_000 });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain("mtls-reverse.conf");
    } finally {
      laid.cleanup();
    }
  });

  for (const verify of ["on", "optional"] as const) {
    it(`test.sh passes against nginx started from nginx.conf (ssl_verify_client ${verify}), and fails when the app is down`, async () => {
      const laid = await layOut(kit, verify, upstream.port);
      const nginx = await startProcess("nginx", ["-e", "stderr", "-p", laid.dir, "-c", join(laid.dir, "nginx.conf"), "-g", "daemon off;"], { port: laid.port });
      try {
        const before = upstream.seen.length;
        const url = `https://127.0.0.1:${laid.port}/`;
        const ok = await run("sh", [join(laid.dir, "test.sh"), url], { timeoutMs: 60_000 });
        expect(ok.stdout, ok.stderr + nginx.output()).toContain("OK: mutual TLS works");
        expect(ok.code).toBe(0);
        // The certificate request reached the app with the verified identity; the other never did.
        expect(upstream.seen.length).toBe(before + 1);
        expect(upstream.seen.at(-1)?.["x-ssl-client-verify"]).toBe("SUCCESS");
        expect(ok.stderr).toContain(verify === "on" ? "400" : "403");

        // The same script against an nginx whose app is gone (502): step 1 fails and the script says so.
        const dead = await freePort();
        const confPath = join(laid.dir, "nginx", "mtls-reverse.conf");
        writeFileSync(confPath, readFileSync(confPath, "utf8").replace(`127.0.0.1:${upstream.port}`, `127.0.0.1:${dead}`));
        await nginx.stop();
        const again = await startProcess("nginx", ["-e", "stderr", "-p", laid.dir, "-c", join(laid.dir, "nginx.conf"), "-g", "daemon off;"], { port: laid.port });
        try {
          const failed = await run("sh", [join(laid.dir, "test.sh"), url], { timeoutMs: 60_000 });
          expect(failed.code).toBe(1);
          expect(failed.stdout).toContain("FAILED: the request with a certificate was refused");
        } finally {
          await again.stop();
        }
      } finally {
        await nginx.stop();
        laid.cleanup();
      }
    }, 120_000);
  }
});
