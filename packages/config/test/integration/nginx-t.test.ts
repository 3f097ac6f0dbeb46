/**
 * Every emitted nginx config (reverse x profile x verify mode, forward x profile, compose's) passes
 * `nginx -t` with the kit's files present, under a temp -p prefix.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, tempDir } from "@mtls-lab/peers";
import { containerCertDir, emit, ProfileName, VerifyMode, type EmitInput } from "../../src/index.js";
import { fileOf } from "../helpers/files.js";
import { makeTestKit, type TestKit } from "../helpers/kit.js";

async function nginxTest(conf: string): Promise<{ ok: boolean; output: string }> {
  const prefix = tempDir("mtls-lab-config-nginx-t-");
  try {
    const dir = prefix.path;
    mkdirSync(join(dir, "logs"));
    writeFileSync(join(dir, "site.conf"), conf);
    writeFileSync(
      join(dir, "nginx.conf"),
      [
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/logs/error.log;`,
        "events { worker_connections 64; }",
        "http {",
        `  access_log ${dir}/logs/access.log;`,
        `  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`,
        `  include ${dir}/site.conf;`,
        "}",
      ].join("\n"),
    );
    const result = await run("nginx", ["-t", "-e", "stderr", "-p", dir, "-c", join(dir, "nginx.conf")], { timeoutMs: 30_000 });
    return { ok: result.code === 0, output: result.stderr };
  } finally {
    prefix.cleanup();
  }
}

describe("nginx -t accepts every emitted nginx config", () => {
  let kit: TestKit;
  beforeAll(async () => {
    kit = await makeTestKit();
  });
  afterAll(() => kit?.cleanup());

  const input = (profile: ProfileName, verify: VerifyMode): EmitInput => ({ paths: kit.paths, profile, verify, listen: 18443, httpListen: 18080 });

  for (const profile of Object.values(ProfileName)) {
    for (const verify of Object.values(VerifyMode)) {
      it(`nginx-reverse ${profile} ${verify}`, async () => {
        const result = await nginxTest(fileOf(emit("nginx-reverse", input(profile, verify)), "nginx/mtls-reverse.conf"));
        expect(result.output).toContain("test is successful");
        expect(result.ok).toBe(true);
      });
      it(`compose's nginx config ${profile} ${verify}`, async () => {
        // Inside the container the files sit in containerCertDir; here they sit in the kit directory.
        const conf = fileOf(emit("compose", input(profile, verify)), "compose/nginx/mtls.conf").replaceAll(containerCertDir, kit.dir).replace("http://app:", "http://127.0.0.1:");
        const result = await nginxTest(conf);
        expect(result.output).toContain("test is successful");
      });
    }
    it(`nginx-forward ${profile}`, async () => {
      const conf = fileOf(emit("nginx-forward", { ...input(profile, "on"), upstream: "https://127.0.0.1:19443/", upstreamServerName: "localhost" }), "nginx/mtls-forward.conf");
      const result = await nginxTest(conf);
      expect(result.output).toContain("test is successful");
    });
  }

  it("nginx-reverse to an https app (verified upstream)", async () => {
    const conf = fileOf(emit("nginx-reverse", { ...input("modern", "on"), upstream: "https://127.0.0.1:19443/" }), "nginx/mtls-reverse.conf");
    expect(conf).toContain("proxy_ssl_verify on;");
    expect((await nginxTest(conf)).output).toContain("test is successful");
  });

  it("nginx -t really rejects a config whose client CA is missing (the check can fail)", async () => {
    const conf = fileOf(emit("nginx-reverse", { ...input("intermediate", "on"), paths: { ...kit.paths, clientCa: join(kit.dir, "missing-ca.crt") } }), "nginx/mtls-reverse.conf");
    const result = await nginxTest(conf);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("missing-ca.crt");
  });
});
