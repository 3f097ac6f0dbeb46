import { kitNginxConf, kitReadme as configKitReadme, kitTestScript } from "@mtls-lab/config";
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

// What the three files say is tested in packages/config (test/kit-bundle.test.ts, and run for real in
// test/integration/kit-bundle.test.ts); here only that the site hands them the kit it made.
describe("kit layout", () => {
  it("classifies files for modes and editors", () => {
    expect(["server.crt", "server.key", "alice.p12", "test.sh", "README.md", "nginx.conf"].map(kindOf)).toEqual(["certificate", "key", "pkcs12", "script", "doc", "config"]);
  });

  it("nginx.conf is the package's, around this kit's server blocks", () => {
    expect(nginxMainConf(summary)).toBe(kitNginxConf({ nginxInclude: "nginx/mtls-reverse.conf" }));
    expect(nginxMainConf(summary)).toContain("include nginx/mtls-reverse.conf;");
  });

  it("test.sh is the package's, with this kit's URL, scripts and verify mode", () => {
    const script = testScript({ ...summary, verifyMode: "optional" }, "https://localhost:8443/");
    expect(script).toBe(kitTestScript({ url: "https://localhost:8443/", upstream: summary.upstream, curlScripts: summary.curlScripts, verify: "optional" }));
    expect(script).toContain("sh curl/curl-pem.sh");
  });

  it("README is the package's, made in the browser, listing the kit's files", () => {
    const files = [{ path: "server.crt" }, { path: "server.key" }, { path: "alice.p12" }];
    const readme = kitReadme(summary, files);
    expect(readme).toContain("Generated in the browser by mTLS Lab");
    expect(readme).toMatch(/0600[^\n]*\n- `server.key`\n- `alice.p12`/);
    expect(readme).toBe(
      configKitReadme({ ...summary, origin: "browser", kitFiles: files.map((f) => f.path) }),
    );
  });
});
