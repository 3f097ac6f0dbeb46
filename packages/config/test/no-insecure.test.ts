/**
 * Nothing emitted switches verification off. The one exception is the Node server's explain-why variant,
 * which must carry the marker comment on the very line that sets rejectUnauthorized to false.
 */
import { describe, expect, it } from "vitest";
import { emit, EXPLAIN_WHY_MARKER, VerifyMode } from "../src/index.js";
import { everyCase, fixedPaths } from "./helpers/matrix.js";

/** Patterns of switched-off verification, in the languages we emit. */
const insecure: [string, RegExp][] = [
  ["rejectUnauthorized false", /rejectUnauthorized\s*:\s*false/],
  ["NODE_TLS_REJECT_UNAUTHORIZED", /NODE_TLS_REJECT_UNAUTHORIZED/],
  ["curl -k", /(^|\s)-k(\s|$)/m],
  ["curl --insecure", /--insecure/],
  ["Go InsecureSkipVerify", /InsecureSkipVerify/],
  ["Python verify=False", /verify\s*=\s*False/],
  ["Python CERT_NONE / unverified context", /CERT_NONE|_create_unverified_context|check_hostname\s*=\s*False/],
  ["Java trust-all manager", /X509TrustManager|checkServerTrusted|getAcceptedIssuers|NoopHostnameVerifier|TrustAllStrategy|disableHostnameVerification/],
  ["Java null trust managers", /\.init\(\s*[^,]*,\s*null\s*,/],
  ["nginx proxy_ssl_verify off", /proxy_ssl_verify\s+off/],
  ["nginx ssl_verify_client off", /ssl_verify_client\s+off/],
  ["HAProxy verify none", /\bverify\s+none\b/],
  ["HAProxy crt-ignore-err / ca-ignore-err", /crt-ignore-err|ca-ignore-err/],
  ["HAProxy ssl-server-verify none", /ssl-server-verify\s+none/],
  ["Apache SSLVerifyClient none", /SSLVerifyClient\s+none/i],
  ["Apache SSLProxyVerify none", /SSLProxyVerify\s+none/i],
  ["Apache SSLProxyCheckPeer* off", /SSLProxyCheckPeer\w*\s+off/i],
  ["Caddy client_auth mode without verification", /\bmode\s+(request|require)\s*$/m],
  ["Caddy insecure_skip_verify", /insecure_skip_verify/],
  ["ingress-nginx verification off", /(auth-tls-verify-client|proxy-ssl-verify):\s*"?off"?/],
];

/** optional_no_ca skips the issuer check: a file may use it only next to a warning saying so. */
const noCa = /optional_no_ca/;

/** Beyond the matrix: the inputs that switch on other lines of the new server targets. */
const extraCases = (["haproxy", "caddy", "apache", "kubernetes"] as const).flatMap((target) =>
  Object.values(VerifyMode).flatMap((verify) =>
    [
      { location: "/private" },
      { upstream: "https://app.internal.test:8443/" },
      { crl: "/etc/mtls-lab/kit/client-ca.crl", paths: { ...fixedPaths, intermediates: true } },
      ...(target === "kubernetes" ? [{ certificates: "kit" as const }] : []),
    ].map((extra) => ({ target, profile: "intermediate" as const, verify, result: emit(target, { paths: fixedPaths, verify, ...extra }) })),
  ),
);
const cases = [...everyCase(), ...extraCases];

describe("no emitted file disables verification", () => {
  it("the matrix covers every file of every target", () => {
    expect(cases.flatMap((c) => c.result.files).length).toBeGreaterThanOrEqual(cases.length);
  });

  for (const { target, profile, verify, result } of cases) {
    for (const file of result.files) {
      it(`${target} ${profile} ${verify} ${file.path}`, () => {
        for (const [name, pattern] of insecure) {
          const lines = file.contents.split("\n").filter((line) => pattern.test(line));
          if (name === "rejectUnauthorized false" && file.path === "node/server-explain-why.mjs") {
            // The marked teaching variant: exactly one such line, carrying the marker.
            expect(lines).toHaveLength(1);
            expect(lines[0]).toContain(EXPLAIN_WHY_MARKER);
            expect(file.contents.split("\n")[0]).toContain(EXPLAIN_WHY_MARKER);
            continue;
          }
          expect(lines, `${name} in ${file.path}`).toEqual([]);
        }
        const usesNoCa = file.contents.split("\n").some((line) => noCa.test(line) && !line.trimStart().startsWith("#") && !line.trimStart().startsWith("//"));
        if (usesNoCa) expect(file.contents, `${file.path} uses optional_no_ca without a warning`).toMatch(/Warning: optional_no_ca does not check the issuer/);
      });
    }
  }

  it("the scan itself catches each pattern (it can fail)", () => {
    const samples = ["bind :443 ssl crt x.pem verify none", "bind :443 ssl crt x.pem ca-file c.crt verify required crt-ignore-err all", "SSLVerifyClient none", "\t\t\tmode request", 'nginx.ingress.kubernetes.io/auth-tls-verify-client: "off"', "rejectUnauthorized: false", "curl -k https://x", "curl --insecure", "InsecureSkipVerify: true", "requests.get(u, verify=False)", "new X509TrustManager() {", "ctx.init(kmf.getKeyManagers(), null, null);", "proxy_ssl_verify off;"];
    for (const sample of samples) expect(insecure.some(([, pattern]) => pattern.test(sample)), sample).toBe(true);
  });
});
