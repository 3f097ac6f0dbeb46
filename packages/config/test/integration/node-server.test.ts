/**
 * The emitted Node servers run for real (node server.mjs, stopped by pid) with curl as the client:
 * the strict one refuses clients without a valid certificate in the handshake; the explain-why variant
 * answers 401 with the reason and serves nothing to an unverified client.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, run, tempDir } from "@mtls-lab/peers";
import { emit, ProfileName } from "../../src/index.js";
import { writeFiles } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";
import { startProcess, type Running } from "../helpers/process.js";

describe("emitted Node servers with curl", () => {
  let kit: TestKit;
  let out: { path: string; cleanup: () => void };
  beforeAll(async () => {
    kit = await makeTestKit();
    out = tempDir("mtls-lab-config-node-server-");
  });
  afterAll(() => {
    out?.cleanup();
    kit?.cleanup();
  });

  const curl = (port: number, client: "kit" | "none" | "other") => {
    const identity = client === "kit" ? ["--cert", kit.paths.clientChain, "--key", kit.paths.clientKey] : client === "other" ? ["--cert", kit.other.cert, "--key", kit.other.key] : [];
    return run("curl", ["--silent", "--show-error", "--max-time", "20", "--cacert", kit.paths.serverCa, ...identity, "--write-out", "\n%{http_code}", `https://127.0.0.1:${port}/`]);
  };

  for (const profile of Object.values(ProfileName)) {
    describe(profile, () => {
      let strict: Running;
      let explain: Running;
      let strictPort: number;
      let explainPort: number;
      beforeAll(async () => {
        const dir = join(out.path, profile);
        writeFiles(emit("node-server", { paths: kit.paths, profile }), dir);
        strictPort = await freePort();
        explainPort = await freePort();
        strict = await startProcess(process.execPath, [join(dir, "node", "server.mjs")], { port: strictPort, env: { ...process.env, PORT: String(strictPort), HOST: "127.0.0.1" } });
        explain = await startProcess(process.execPath, [join(dir, "node", "server-explain-why.mjs")], { port: explainPort, env: { ...process.env, PORT: String(explainPort), HOST: "127.0.0.1" } });
      });
      afterAll(async () => {
        await strict?.stop();
        await explain?.stop();
      });

      it("strict: the kit's client gets 200 with its subject", async () => {
        const result = await curl(strictPort, "kit");
        expect(result.stdout.trim().split("\n").at(-1)).toBe("200");
        expect(JSON.parse(result.stdout.split("\n")[0] ?? "{}")).toMatchObject({ mTLSValid: true, subject: { CN: "test-client" } });
      });

      it("strict: no certificate, or one of another CA, fails the handshake", async () => {
        for (const client of ["none", "other"] as const) {
          const result = await curl(strictPort, client);
          expect(result.code).not.toBe(0);
          expect(result.stdout).not.toContain("mTLSValid");
        }
        expect(strict.output()).toContain("refused a client");
      });

      it("explain-why: the reason per request, 401, and 200 only for the kit's client", async () => {
        const none = await curl(explainPort, "none");
        expect(none.stdout.trim().split("\n").at(-1)).toBe("401");
        expect(JSON.parse(none.stdout.split("\n")[0] ?? "{}")).toEqual({ mTLSValid: false, reason: "no certificate sent" });
        const other = await curl(explainPort, "other");
        expect(other.stdout.trim().split("\n").at(-1)).toBe("401");
        expect(JSON.parse(other.stdout.split("\n")[0] ?? "{}").reason).toMatch(/^UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT_LOCALLY)$/);
        const ok = await curl(explainPort, "kit");
        expect(ok.stdout.trim().split("\n").at(-1)).toBe("200");
        expect(JSON.parse(ok.stdout.split("\n")[0] ?? "{}")).toMatchObject({ mTLSValid: true });
      });
    });
  }
});
