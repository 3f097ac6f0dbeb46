/** Bad inputs are one clear ConfigError line; risky ones are warnings plus a comment in the file. */
import { describe, expect, it } from "vitest";
import { ConfigError, emit, emitAll, getProfile, kitPaths, profiles, targets, type EmitInput } from "../src/index.js";
import { fixedPaths } from "./helpers/matrix.js";

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("no ConfigError thrown");
}

describe("validation", () => {
  it("a forward proxy without a client certificate is an error naming the field", () => {
    const paths = { ...fixedPaths, clientChain: "" };
    const error = errorOf(() => emit("nginx-forward", { paths, upstream: "https://api.test/" }));
    expect(error.field).toBe("paths.clientChain");
    expect(error.message).toBe("paths.clientChain: missing (nginx-forward presents the client certificate)");
  });

  it("a forward proxy needs an https upstream", () => {
    expect(errorOf(() => emit("nginx-forward", { paths: fixedPaths })).message).toMatch(/^upstream: missing/);
    expect(errorOf(() => emit("nginx-forward", { paths: fixedPaths, upstream: "http://api.test/" })).message).toContain("must be https");
  });

  it("server targets do not need client files", () => {
    const paths = { ...fixedPaths, clientChain: "", clientKey: "", clientCert: "", clientP12: "", serverCa: "" };
    expect(emit("nginx-reverse", { paths }).files).toHaveLength(1);
    expect(() => emit("node-client", { paths })).toThrow(ConfigError);
  });

  it.each<[string, Partial<EmitInput>, string]>([
    ["listen", { listen: 70000 }, "listen: 70000 is not a TCP port (1-65535)"],
    ["same ports", { listen: 8443, httpListen: 8443 }, "httpListen: 8443 is also the HTTPS port (listen)"],
    ["profile", { profile: "old" as never }, 'profile: "old" is not one of modern, intermediate'],
    ["verify", { verify: "off" as never }, 'verify: "off" is not one of on, optional, optional_no_ca'],
    ["serverName", { serverName: "evil; include /etc/passwd" }, 'serverName: "evil; include /etc/passwd" is not a DNS name or IP address'],
    ["upstream", { upstream: "not a url" }, 'upstream: "not a url" is not a URL'],
    ["verifyDepth", { verifyDepth: -1 }, "verifyDepth: -1 is not a depth from 0 to 10"],
    ["listenAddress", { listenAddress: "localhost" }, 'listenAddress: "localhost" is not an IPv4 address or a bracketed IPv6 address'],
    ["location", { location: "x{" }, 'location: "x{" is not a path starting with \'/\''],
    ["ocspResponder scheme", { ocspResponder: "https://ocsp.test/" }, 'ocspResponder: "https://ocsp.test/" must start with http://'],
    ["ocspResponder query", { ocspResponder: "http://ocsp.test/?a=b;" }, 'ocspResponder: "http://ocsp.test/?a=b;" is not an http://HOST[:PORT]/PATH URL without query'],
  ])("bad %s", (_name, patch, message) => {
    expect(errorOf(() => emit("nginx-reverse", { paths: fixedPaths, ...patch })).message).toBe(message);
  });

  it("a path that would break out of config syntax is refused", () => {
    const error = errorOf(() => emit("nginx-reverse", { paths: { ...fixedPaths, serverKey: "/k/server.key; ssl_verify_client off" } }));
    expect(error.field).toBe("paths.serverKey");
  });

  it("optional_no_ca is a warning and a comment in the file", () => {
    const result = emit("nginx-reverse", { paths: fixedPaths, verify: "optional_no_ca" });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^nginx-reverse: optional_no_ca does not check the issuer/);
    expect(result.files[0]?.contents).toContain("# Warning: optional_no_ca does not check the issuer");
  });

  it("a forward proxy to an IP without a DNS name to check is a warning and a comment", () => {
    const result = emit("nginx-forward", { paths: fixedPaths, upstream: "https://10.0.0.5:9443/" });
    expect(result.warnings[0]).toContain("proxy_ssl_name 10.0.0.5 is an IP address");
    expect(result.files[0]?.contents).toContain("# Warning: proxy_ssl_name 10.0.0.5 is an IP address");
  });

  it("a kit with an OCSP URL: nginx (ssl_ocsp) and Apache (SSLOCSPEnable) ask it, the servers that cannot say so", () => {
    const paths = { ...fixedPaths, ocspResponder: "http://127.0.0.1:8888" };
    const conf = emit("nginx-reverse", { paths }).files[0]?.contents ?? "";
    expect(conf).toContain("    ssl_ocsp on;\n    ssl_ocsp_responder http://127.0.0.1:8888/;\n");
    expect(emit("nginx-reverse", { paths: fixedPaths }).files[0]?.contents).not.toContain("ssl_ocsp");
    // An explicit responder wins over the kit's.
    expect(emit("nginx-reverse", { paths, ocspResponder: "http://ocsp.test/check" }).files[0]?.contents).toContain("ssl_ocsp_responder http://ocsp.test/check;");
    const apache = emit("apache", { paths }).files[0]?.contents ?? "";
    expect(apache).toContain("    SSLOCSPEnable on\n    SSLOCSPDefaultResponder http://127.0.0.1:8888/\n    SSLOCSPOverrideResponder on\n");
    expect(emit("apache", { paths: fixedPaths }).files[0]?.contents).not.toContain("SSLOCSP");
    for (const target of ["haproxy", "caddy", "node-server", "kubernetes"] as const) {
      expect(emit(target, { paths }).warnings.join("\n"), target).toMatch(/OCSP/);
      expect(emit(target, { paths: fixedPaths }).warnings.join("\n"), target).not.toMatch(/OCSP/);
    }
    expect(emit("compose", { paths }).warnings.join("\n")).toContain("the container's own loopback");
  });

  it("verify depth follows the chain: 1 with intermediates, 0 without", () => {
    const conf = emit("nginx-reverse", { paths: { ...fixedPaths, intermediates: true } }).files[0]?.contents ?? "";
    expect(conf).toContain("ssl_verify_depth 1;");
    expect(emit("nginx-reverse", { paths: fixedPaths }).files[0]?.contents).toContain("ssl_verify_depth 0;");
  });

  it("listenAddress binds both nginx servers", () => {
    const conf = emit("nginx-reverse", { paths: fixedPaths, listenAddress: "127.0.0.1" }).files[0]?.contents ?? "";
    expect(conf).toContain("listen 127.0.0.1:8443 ssl;");
    expect(conf).toContain("listen 127.0.0.1:8080;");
  });

  it("an unknown target is one clear error", () => {
    expect(() => emit("lighttpd" as never, { paths: fixedPaths })).toThrow('unknown target "lighttpd": use one of nginx-reverse, nginx-forward');
  });

  it("emitAll emits every target, skipping the forward proxy without upstream (with a warning)", () => {
    const all = emitAll({ paths: fixedPaths });
    expect(all.warnings).toContain("nginx-forward: skipped, it needs upstream (the https URL of the mTLS server it calls)");
    const withForward = emitAll({ paths: fixedPaths, upstream: "https://api.test/" });
    const paths = withForward.files.map((f) => f.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).toContain("nginx/mtls-forward.conf");
    expect(paths).toContain("compose/compose.yaml");
  });
});

describe("kitPaths", () => {
  const files = (names: string[]) => ({ files: names.map((name) => ({ name, role: "serverCa" as const })) });
  const all = ["server-ca.crt", "client-ca.crt", "server.crt", "server.key", "server-chain.crt", "client.crt", "client.key", "client-chain.crt", "client.p12"];

  it("joins the kit's file names to the directory", () => {
    const paths = kitPaths(files(all), "/srv/kit/");
    expect(paths.serverChain).toBe("/srv/kit/server-chain.crt");
    expect(paths.clientP12).toBe("/srv/kit/client.p12");
    expect(paths.intermediates).toBe(false);
  });

  it("names the first file the kit lacks", () => {
    expect(() => kitPaths(files(all.filter((n) => n !== "client-ca.crt")), "/kit")).toThrow("paths.clientCa: the kit has no client-ca.crt");
  });

  it("picks a named client and sees intermediates", () => {
    const names = all.map((n) => n.replace(/^client(?=[.-])(?!-ca)/, "alice"));
    const manifest = { files: [...names.map((name) => ({ name, role: "serverCa" as const })), { name: "client-intermediate.crt", role: "clientIntermediate" as const }] };
    const paths = kitPaths(manifest, "kit", "alice");
    expect(paths.clientChain).toBe("kit/alice-chain.crt");
    expect(paths.intermediates).toBe(true);
  });
});

describe("profiles and targets as data", () => {
  it("profiles are Mozilla's 5.7 data with OpenSSL and IANA names paired", () => {
    expect(profiles.version).toBe("5.7");
    expect(getProfile("modern").tlsVersions).toEqual(["TLSv1.3"]);
    const intermediate = getProfile("intermediate");
    expect(intermediate.ciphers.openssl.length).toBe(intermediate.ciphers.iana.length);
    expect(intermediate.tlsVersions).toEqual(["TLSv1.2", "TLSv1.3"]);
  });

  it("every emitter's ciphers come from the profile", () => {
    const conf = emit("nginx-reverse", { paths: fixedPaths, profile: "intermediate" }).files[0]?.contents ?? "";
    expect(conf).toContain(`ssl_ciphers ${getProfile("intermediate").ciphers.openssl.join(":")};`);
    expect(emit("nginx-reverse", { paths: fixedPaths, profile: "modern" }).files[0]?.contents).not.toMatch(/^\s*ssl_ciphers /m);
  });

  it("the targets table lists each target once", () => {
    const ids = targets.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(["nginx-reverse", "nginx-forward", "node-server", "node-client", "curl", "java", "python", "go", "compose", "haproxy", "caddy", "apache", "kubernetes"]);
  });
});

describe("upstream handling", () => {
  it("a reverse proxy to an https app verifies it against the server CA", () => {
    const conf = emit("nginx-reverse", { paths: fixedPaths, upstream: "https://app.internal.test:8443/" }).files[0]?.contents ?? "";
    expect(conf).toContain("proxy_pass https://app.internal.test:8443;");
    expect(conf).toContain("proxy_ssl_verify on;");
    expect(conf).toContain(`proxy_ssl_trusted_certificate ${fixedPaths.serverCa};`);
    expect(conf).toContain("proxy_ssl_name app.internal.test;");
  });

  it("emitAll with an http upstream skips only the forward proxy", () => {
    const all = emitAll({ paths: fixedPaths, upstream: "http://127.0.0.1:3000" });
    expect(all.warnings.filter((w) => w.startsWith("nginx-forward"))).toHaveLength(1);
    expect(all.files.map((f) => f.path)).toContain("nginx/mtls-reverse.conf");
  });
});

describe("profile data against OpenSSL", () => {
  it("every OpenSSL cipher name of every profile is one this OpenSSL knows", async () => {
    const { run } = await import("@mtls-lab/peers");
    for (const name of ["modern", "intermediate"] as const) {
      const profile = getProfile(name);
      if (profile.ciphers.openssl.length > 0) {
        // -stdname prints "IANA - OpenSSL ..." per suite: each OpenSSL name must be known and paired with
        // an IANA name of the same profile.
        const result = await run("openssl", ["ciphers", "-stdname", "-tls1_2", profile.ciphers.openssl.join(":")]);
        expect(result.code, result.stderr).toBe(0);
        const pairs = new Map(result.stdout.trim().split("\n").map((line) => { const [iana, , openssl] = line.split(/\s+/); return [openssl ?? "", iana ?? ""]; }));
        for (const cipher of profile.ciphers.openssl) {
          expect(pairs.has(cipher), `${name}: ${cipher}`).toBe(true);
          expect(profile.ciphers.iana).toContain(pairs.get(cipher));
        }
      }
      const suites = await run("openssl", ["ciphers", "-s", "-tls1_3", "-ciphersuites", profile.ciphersuites.join(":")]);
      for (const suite of profile.ciphersuites) expect(suites.stdout).toContain(suite);
    }
  });
});
