/**
 * Nothing emitted switches verification off. The one exception is the Node server's explain-why variant,
 * which must carry the marker comment on the very line that sets rejectUnauthorized to false.
 */
import { describe, expect, it } from "vitest";
import { EXPLAIN_WHY_MARKER } from "../src/index.js";
import { everyCase } from "./helpers/matrix.js";

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
];

const cases = everyCase();

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
      });
    }
  }

  it("the scan itself catches each pattern (it can fail)", () => {
    const samples = ["rejectUnauthorized: false", "curl -k https://x", "curl --insecure", "InsecureSkipVerify: true", "requests.get(u, verify=False)", "new X509TrustManager() {", "ctx.init(kmf.getKeyManagers(), null, null);", "proxy_ssl_verify off;"];
    for (const sample of samples) expect(insecure.some(([, pattern]) => pattern.test(sample)), sample).toBe(true);
  });
});
