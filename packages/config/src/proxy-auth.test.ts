import { describe, expect, it } from "vitest";
import { fixedPaths } from "../test/helpers/matrix.js";
import { emit } from "./emit.js";
import { ProxyAuthKind, checkProxyAuth } from "./proxy-auth.js";
import { ConfigError } from "./resolve.js";

const secret = "k3Yq8VtM2wPz7RcN4hJ6sD9fB1gL5xQe+/=";

describe("proxy authentication in nginx-reverse", () => {
  it("a secret header is set in the location, after proxy_pass, and the file becomes 0600", () => {
    const { files } = emit("nginx-reverse", { paths: fixedPaths, proxyAuth: { kind: ProxyAuthKind.secretHeader, secret } });
    const [file] = files;
    expect(file?.mode).toBe(0o600);
    const lines = (file?.contents ?? "").split("\n");
    const at = lines.findIndex((line) => line.trim() === `proxy_set_header X-Proxy-Secret "${secret}";`);
    expect(at).toBeGreaterThan(lines.findIndex((line) => line.trim().startsWith("proxy_pass ")));
    expect(lines.slice(0, at).some((line) => line.includes("location / {"))).toBe(true);
  });

  it("a client certificate needs an https upstream and emits proxy_ssl_certificate after its verification", () => {
    const auth = { kind: ProxyAuthKind.clientCertificate, certificate: "/kit/proxy.crt", key: "/kit/proxy.key" } as const;
    expect(() => emit("nginx-reverse", { paths: fixedPaths, proxyAuth: auth })).toThrow("proxyAuth: a proxy client certificate needs an https upstream");
    const { files } = emit("nginx-reverse", { paths: fixedPaths, upstream: "https://127.0.0.1:3443", proxyAuth: auth });
    const text = files[0]?.contents ?? "";
    expect(text).toContain("        proxy_ssl_verify on;\n");
    expect(text).toContain("        proxy_ssl_certificate /kit/proxy.crt;\n        proxy_ssl_certificate_key /kit/proxy.key;\n");
    expect(files[0]?.mode).toBeUndefined();
  });

  it("without proxyAuth nothing changes", () => {
    const text = emit("nginx-reverse", { paths: fixedPaths }).files[0]?.contents ?? "";
    expect(text).not.toMatch(/X-Proxy-Secret|proxy_ssl_certificate/);
  });

  it("refuses weak secrets, unsafe characters and headers that collide with the identity", () => {
    const bad: [Parameters<typeof checkProxyAuth>[0], string][] = [
      [{ kind: ProxyAuthKind.secretHeader, secret: "short" }, "proxyAuth.secret: must be 32 to 256 characters"],
      [{ kind: ProxyAuthKind.secretHeader, secret: `${secret}"; return 200;` }, "proxyAuth.secret: must be"],
      [{ kind: ProxyAuthKind.secretHeader, secret, header: "X-SSL-Client-Verify" }, "proxyAuth.header: \"X-SSL-Client-Verify\" would collide"],
      [{ kind: ProxyAuthKind.secretHeader, secret, header: "Bad Header" }, "is not a header name"],
      [{ kind: ProxyAuthKind.clientCertificate, certificate: "/a b.crt", key: "/k" }, "proxyAuth.certificate: \"/a b.crt\" is not a safe path"],
    ];
    for (const [auth, message] of bad) {
      expect(() => checkProxyAuth(auth, "https://app")).toThrow(ConfigError);
      expect(() => checkProxyAuth(auth, "https://app")).toThrow(message);
    }
  });
});
