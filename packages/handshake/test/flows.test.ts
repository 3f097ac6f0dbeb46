/**
 * The step model as data: every flow well formed, every failure code on a step.
 */
import { describe, expect, test } from "vitest";
import { compareWithFlow, failureStep, flows, getFlow, knownFailureCodes, type DecodedStep, type Flow } from "../src/index.js";

const allFlows = Object.values(flows) as Flow[];

/** Node / OpenSSL verify codes measured with Node 20 / OpenSSL 3.0, plus the diagnosis codes of the contracts. */
const FACT_CODES = [
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "INVALID_PURPOSE",
  "CERT_SIGNATURE_FAILURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "PATH_LENGTH_EXCEEDED",
  "UNSPECIFIED",
  "INVALID_CA",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED",
  "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE",
  "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE",
  "NO_CLIENT_CERTIFICATE",
  "KEY_MISMATCH",
];

/** @mtls-lab/x509's verify codes (verify/codes.ts) and diagnose() finding ids (diagnose/types.ts). */
const X509_CODES = [
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY", "CERT_CHAIN_TOO_LONG", "KEY_USAGE_NO_CERTSIGN", "UNHANDLED_CRITICAL_EXTENSION",
  "PERMITTED_VIOLATION", "EXCLUDED_VIOLATION", "HOSTNAME_MISMATCH", "IP_ADDRESS_MISMATCH",
  "key-mismatch", "key-unreadable", "client-ca-mismatch", "pinned-leaf", "leaf-in-ca-file", "missing-eku", "missing-san", "missing-intermediate", "no-client-certificate",
];

describe("flows", () => {
  test.each(allFlows.map((flow) => [flow.id, flow] as const))("%s is well formed", (id, flow) => {
    expect(getFlow(id)).toBe(flow);
    const ids = flow.steps.map((step) => step.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(flow.steps[0]?.name).toBe("ClientHello");
    for (const step of flow.steps) {
      expect(step.rfc).toMatch(/^RFC (8446|5246|5077|8422|9110) [\dA-Z]/);
      expect(["client", "server"]).toContain(step.from);
      expect(step.summary.length).toBeGreaterThan(10);
      if (step.name === "Alert") expect(step.alert).toBeTypeOf("number");
      // TLS 1.3 encrypts every handshake message after ServerHello; TLS 1.2 only Finished.
      if (flow.tlsVersion === "TLSv1.2" && step.record === "handshake") expect(step.encrypted).toBe(step.name === "Finished");
    }
  });

  test("the mTLS fields the issue names are on the steps", () => {
    const request = flows["tls13-mtls"].steps.find((s) => s.id === "certificate-request");
    expect(Object.keys(request?.mtlsFields ?? {})).toEqual(expect.arrayContaining(["certificate_request_context", "signature_algorithms", "certificate_authorities"]));
    const clientSteps = flows["tls13-mtls"].steps.filter((s) => s.from === "client").map((s) => s.name);
    expect(clientSteps).toEqual(expect.arrayContaining(["Certificate", "CertificateVerify", "Finished"]));
  });

  test("getFlow of an unknown id", () => {
    expect(getFlow("tls14")).toBeUndefined();
    expect(getFlow("toString")).toBeUndefined();
  });
});

describe("failureStep", () => {
  test.each([...FACT_CODES, ...X509_CODES])("%s maps to a step of both versions that lists it", (code) => {
    for (const tlsVersion of ["TLSv1.3", "TLSv1.2"] as const) {
      const location = failureStep(code, { tlsVersion });
      expect(location, `${code} ${tlsVersion}`).toBeDefined();
      const flow = getFlow(location?.flowId ?? "") as Flow;
      expect(flow.steps.some((step) => step.id === location?.stepId)).toBe(true);
      expect(location?.failure.what.length).toBeGreaterThan(5);
    }
  });

  test("where the classic failures happen", () => {
    expect(failureStep("CERT_HAS_EXPIRED")?.stepId).toBe("client-certificate");
    expect(failureStep("CERT_HAS_EXPIRED", { certificateOf: "server" })?.stepId).toBe("server-certificate");
    expect(failureStep("ERR_TLS_CERT_ALTNAME_INVALID")?.stepId).toBe("server-certificate");
    expect(failureStep("KEY_MISMATCH")?.stepId).toBe("client-certificate-verify");
    expect(failureStep("key-mismatch", { certificateOf: "server" })?.stepId).toBe("server-certificate-verify");
    expect(failureStep("key-mismatch", { certificateOf: "server", tlsVersion: "TLSv1.2" })?.stepId).toBe("server-key-exchange");
    expect(failureStep("missing-intermediate", { certificateOf: "server" })?.stepId).toBe("server-certificate");
    expect(failureStep("missing-san")?.stepId).toBe("server-certificate");
    expect(failureStep("no-client-certificate", { certificateOf: "server" })?.stepId).toBe("client-certificate");
    expect(failureStep("NO_CLIENT_CERTIFICATE")?.failure.alert).toMatch(/116/);
    expect(failureStep("NO_CLIENT_CERTIFICATE", { tlsVersion: "TLSv1.2" })?.failure.alert).toMatch(/40/);
    expect(failureStep("ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED")?.stepId).toBe("client-certificate");
  });

  test("every known code maps, an unknown one does not", () => {
    for (const code of knownFailureCodes()) expect(failureStep(code), code).toBeDefined();
    expect(failureStep("NOT_A_CODE")).toBeUndefined();
  });
});

describe("compareWithFlow", () => {
  const step = (from: "client" | "server", name: string, fields: DecodedStep["fields"] = {}): DecodedStep => ({ name, from, encrypted: false, range: [0, 1], rangeKind: "message", fields, hex: "" });

  test("names the first difference", () => {
    const result = compareWithFlow(flows["tls12-mtls"], [step("client", "ClientHello"), step("server", "ServerHello"), step("server", "ServerHelloDone")]);
    expect(result.matches).toBe(false);
    expect(result.difference).toBe("step 3 of tls12-mtls: expected server:Certificate, found server:ServerHelloDone");
  });

  test("an empty client Certificate does not pass for a full one", () => {
    const flow = flows["tls12-mtls"];
    const steps = flow.steps.filter((s) => !s.optional).map((s) => step(s.from, s.name, s.name === "Certificate" && s.from === "client" ? { empty: true } : {}));
    expect(compareWithFlow(flow, steps).matches).toBe(false);
    const full = flow.steps.filter((s) => !s.optional).map((s) => step(s.from, s.name, { empty: false }));
    expect(compareWithFlow(flow, full).matches).toBe(true);
  });
});

describe("nginx flows for both versions", () => {
  test.each(["on-no-client-cert", "optional", "optional-no-ca"])("nginx-%s exists for TLS 1.3 and (nginx-tls12-) TLS 1.2", (mode) => {
    expect(getFlow(`nginx-${mode}`)?.tlsVersion).toBe("TLSv1.3");
    expect(getFlow(`nginx-tls12-${mode}`)?.tlsVersion).toBe("TLSv1.2");
  });
});
