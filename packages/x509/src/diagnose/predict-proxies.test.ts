import { describe, expect, it } from "vitest";
import type { VerifyResult } from "../verify/types.js";
import { predictProxy } from "./predict-proxies.js";

const result = (codes: VerifyResult["errors"][number]["code"][]): VerifyResult => ({
  valid: codes.length === 0,
  firstError: codes[0] ?? null,
  lastError: codes.at(-1) ?? null,
  errors: codes.map((code) => ({ code, depth: 0, message: code === "CERT_HAS_EXPIRED" ? "certificate has expired" : "unable to get local issuer certificate" })),
  path: [],
  trusted: codes.length === 0,
});

describe("predictProxy", () => {
  it("HAProxy and Apache stop at the first error: expired before an issuer error is alert 45", () => {
    for (const server of ["haproxy", "apache"] as const) {
      const outcome = predictProxy(server, result(["CERT_HAS_EXPIRED", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"]), "on");
      expect(outcome).toMatchObject({ handshake: false, alert: { code: 45, name: "certificate_expired" }, clientError: { message: "sslv3 alert certificate expired" } });
    }
  });

  it("a revoked client: alert 44 certificate_revoked from HAProxy and Apache", () => {
    for (const server of ["haproxy", "apache"] as const) {
      expect(predictProxy(server, result(["CERT_REVOKED"]), "on")).toMatchObject({ alert: { code: 44, name: "certificate_revoked" }, clientError: { message: "sslv3 alert certificate revoked" } });
    }
  });

  it("a stale CRL: HAProxy alerts certificate_expired, Apache certificate_unknown (mod_ssl's choice); Apache logs error 12", () => {
    expect(predictProxy("haproxy", result(["CRL_HAS_EXPIRED"]), "on").alert).toMatchObject({ code: 45, name: "certificate_expired" });
    const apache = predictProxy("apache", { ...result(["CRL_HAS_EXPIRED"]), errors: [{ code: "CRL_HAS_EXPIRED", depth: 0, message: "CRL has expired" }] }, "on");
    expect(apache).toMatchObject({ alert: { code: 46, name: "certificate_unknown" }, clientError: { message: "sslv3 alert certificate unknown" } });
    expect(apache.log).toBe("Certificate Verification: Error (12): CRL has expired");
  });

  it("Caddy answers every failure, and no certificate, with alert 42", () => {
    expect(predictProxy("caddy", result(["UNABLE_TO_GET_ISSUER_CERT_LOCALLY"]), "on").alert?.code).toBe(42);
    expect(predictProxy("caddy", null, "on", { tlsVersion: "1.3" }).alert?.code).toBe(42);
  });

  it("no certificate with on: 116 over TLS 1.3, 40 over TLS 1.2 (OpenSSL servers)", () => {
    expect(predictProxy("haproxy", null, "on").alert?.code).toBe(116);
    expect(predictProxy("apache", null, "on", { tlsVersion: "1.2" }).alert?.code).toBe(40);
  });

  it("optional: no certificate is 403 on the protected path and 200 elsewhere, without identity", () => {
    expect(predictProxy("haproxy", null, "optional")).toMatchObject({ handshake: true, status: 403, identityForwarded: false });
    expect(predictProxy("caddy", null, "optional", { protectedPath: false })).toMatchObject({ status: 200, identityForwarded: false });
  });

  it("Apache optional_no_ca lets issuer errors in unverified (GENEROUS); HAProxy emits optional and refuses", () => {
    const otherCa = result(["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);
    expect(predictProxy("apache", otherCa, "optional_no_ca", { protectedPath: false })).toMatchObject({ handshake: true, status: 200, identityForwarded: false });
    expect(predictProxy("apache", otherCa, "optional_no_ca")).toMatchObject({ status: 403 });
    expect(predictProxy("haproxy", otherCa, "optional_no_ca")).toMatchObject({ mode: "optional", handshake: false, alert: { code: 48 } });
    expect(predictProxy("apache", result(["CERT_HAS_EXPIRED"]), "optional_no_ca").alert?.code).toBe(45);
  });
});
