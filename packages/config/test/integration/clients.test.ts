/**
 * Every emitted client really connects to a real mTLS server (Node https, client CA required) from the same
 * kit, and refuses a server whose certificate does not chain to the kit's server CA.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir, type RunResult } from "@mtls-lab/peers";
import { emit, ProfileName, type TargetId } from "../../src/index.js";
import { writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startMtlsServer, type MtlsServer } from "../helpers/mtls-server.js";

const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

describe("emitted clients against a real mTLS server", () => {
  let kit: TestKit;
  let server: MtlsServer;
  let untrusted: MtlsServer;
  let out: { path: string; cleanup: () => void };
  beforeAll(async () => {
    kit = await makeTestKit();
    server = await startMtlsServer(kit.paths);
    // A server whose certificate chains to the other CA: every emitted client must refuse it.
    untrusted = await startMtlsServer({ ...kit.paths, serverChain: kit.other.cert, serverKey: kit.other.key });
    out = tempDir("mtls-lab-config-clients-");
  });
  afterAll(async () => {
    await server?.close();
    await untrusted?.close();
    out?.cleanup();
    kit?.cleanup();
  });

  const url = (s: MtlsServer) => `https://127.0.0.1:${s.port}/`;
  function emitTo(target: TargetId, profile: ProfileName): string {
    const dir = join(out.path, `${target}-${profile}`);
    writeFiles(emit(target, { paths: kit.paths, profile }), dir);
    return dir;
  }
  function expectConnected(result: RunResult, before: number) {
    expect(result.stderr + result.stdout).toContain("hello test-client");
    expect(result.code).toBe(0);
    expect(server.clients.slice(before)).toEqual(["test-client"]);
  }
  function expectRefused(result: RunResult) {
    expect(result.timedOut).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain("hello");
  }

  for (const profile of Object.values(ProfileName)) {
    describe(profile, () => {
      it("curl with PEM files, and with --cert-type P12", async () => {
        const dir = emitTo("curl", profile);
        for (const script of ["curl-pem.sh", "curl-p12.sh"]) {
          const before = server.clients.length;
          expectConnected(await run("sh", [join(dir, "curl", script), url(server)]), before);
          expectRefused(await run("sh", [join(dir, "curl", script), url(untrusted)]));
        }
      });

      it("Node https.Agent client; the undici and axios variants pass node --check", async () => {
        const dir = emitTo("node-client", profile);
        const before = server.clients.length;
        expectConnected(await run(process.execPath, [join(dir, "node", "client-https.mjs"), url(server)]), before);
        const refused = await run(process.execPath, [join(dir, "node", "client-https.mjs"), url(untrusted)]);
        expectRefused(refused);
        // Node names the failed check (the other CA's leaf arrives without an issuer Node knows).
        expect(refused.stderr).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): /);
        // Neither undici nor axios is a dependency here: check the syntax, run nothing.
        for (const file of ["client-undici.mjs", "client-axios.mjs"]) {
          const check = await run(process.execPath, ["--check", join(dir, "node", file)]);
          expect(check.stderr).toBe("");
          expect(check.code).toBe(0);
        }
      });

      it("Python requests, and ssl + urllib", async () => {
        const dir = emitTo("python", profile);
        for (const script of ["client_requests.py", "client_urllib.py"]) {
          const before = server.clients.length;
          expectConnected(await run(python, [join(dir, "python", script), url(server)]), before);
          const refused = await run(python, [join(dir, "python", script), url(untrusted)]);
          expectRefused(refused);
          expect(refused.stderr).toContain("CERTIFICATE_VERIFY_FAILED");
        }
      });

      it(
        "Java 17 HttpClient with KeyManagerFactory (PKCS#12) and TrustManagerFactory (server CA)",
        async () => {
          const dir = join(emitTo("java", profile), "java");
          const compiled = await run("javac", ["MtlsClient.java"], { cwd: dir, timeoutMs: 120_000 });
          expect(compiled.stderr).toBe("");
          const before = server.clients.length;
          expectConnected(await run("java", ["-cp", dir, "MtlsClient", url(server)], { timeoutMs: 120_000 }), before);
          const refused = await run("java", ["-cp", dir, "MtlsClient", url(untrusted)], { timeoutMs: 120_000 });
          expectRefused(refused);
          expect(refused.stderr).toContain("PKIX path building failed");
        },
        240_000,
      );

      it(
        "Go crypto/tls client (built with go build, no module downloads)",
        async () => {
          const dir = join(emitTo("go", profile), "go");
          const env = { ...process.env, GOFLAGS: "-mod=mod", GOPROXY: "off", GOCACHE: join(out.path, "gocache"), GOPATH: join(out.path, "gopath"), CGO_ENABLED: "0" };
          const built = await run("go", ["build", "-o", "client", "."], { cwd: dir, env, timeoutMs: 240_000 });
          expect(built.stderr).toBe("");
          expect(built.code).toBe(0);
          const before = server.clients.length;
          expectConnected(await run(join(dir, "client"), [url(server)], { timeoutMs: 30_000 }), before);
          const refused = await run(join(dir, "client"), [url(untrusted)], { timeoutMs: 30_000 });
          expectRefused(refused);
          expect(refused.stderr).toMatch(/x509: /);
        },
        300_000,
      );
    });
  }
});
