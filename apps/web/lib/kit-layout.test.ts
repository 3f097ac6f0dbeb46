import { describe, expect, it } from "vitest";
import { kindOf, kitReadme, nginxMainConf, testScript, type KitSummary } from "./kit-layout";

const summary: KitSummary = {
  keyType: "ec-p256",
  hosts: ["localhost"],
  ips: ["127.0.0.1"],
  clients: ["alice"],
  intermediate: true,
  verifyMode: "on",
  profile: "intermediate",
  upstream: "http://127.0.0.1:3000",
  nginxInclude: "nginx/mtls-reverse.conf",
  curlScripts: ["curl/curl-pem.sh", "curl/curl-p12.sh"],
  warnings: ["nginx-forward: skipped"],
};

describe("kit layout", () => {
  it("classifies files for modes and editors", () => {
    expect(["server.crt", "server.key", "alice.p12", "test.sh", "README.md", "nginx.conf"].map(kindOf)).toEqual(["certificate", "key", "pkcs12", "script", "doc", "config"]);
  });

  it("wraps the emitted server blocks in an nginx.conf that keeps every path inside the kit folder", () => {
    const conf = nginxMainConf(summary);
    expect(conf).toContain("include nginx/mtls-reverse.conf;");
    expect(conf).toMatch(/events \{/);
    // No absolute path: run with -p, everything resolves inside the folder.
    const directives = conf.split("\n").filter((l) => !l.trim().startsWith("#"));
    expect(directives.join("\n")).not.toMatch(/\s\/(var|etc|usr|dev)\//);
  });

  it("test.sh checks both with and without a certificate, and never turns verification off", () => {
    const script = testScript(summary, "https://localhost:8443/");
    expect(script).toContain("sh curl/curl-pem.sh");
    expect(script).toContain("--cacert server-ca.crt");
    expect(script).not.toMatch(/\s-k\b|--insecure/);
  });

  it("README says how to run the kit and which files are secret", () => {
    const readme = kitReadme(summary, [{ path: "server.crt" }, { path: "server.key" }, { path: "alice.p12" }]);
    expect(readme).toMatch(/## Run it/);
    expect(readme).toContain("-untrusted server-chain.crt");
    expect(readme).toMatch(/0600[^\n]*\n- `server.key`\n- `alice.p12`/);
    expect(readme).toContain("- nginx-forward: skipped");
  });
});
