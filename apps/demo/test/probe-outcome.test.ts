import { describe, expect, it } from "vitest";
import type { ConnectionRecord } from "../src/probe/connection.js";
import { classifyAttempt, requiredFrom } from "../src/probe/outcome.js";

const base: ConnectionRecord = { client: Buffer.from([22]), server: Buffer.from([22]), keylog: [], timedOut: false };
const handshake = { version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256", chain: [], authorized: true, authorizationError: null, nameError: null };
const reading = { certificateRequest: null, alerts: [], server: { version: "TLSv1.3", cipher: null, chain: [] }, notes: [] };

describe("classifyAttempt", () => {
  it("nginx's certificate pages are refusals, other answers acceptances", () => {
    const page = (title: string, status = 400) => ({ ...base, handshake, response: { status, head: "", body: `<html><head><title>${title}</title></head></html>` } });
    expect(classifyAttempt(page("400 No required SSL certificate was sent"), reading)).toMatchObject({ verdict: "rejected", http: { status: 400, title: "400 No required SSL certificate was sent" } });
    expect(classifyAttempt(page("400 The SSL certificate error"), reading)).toMatchObject({ verdict: "rejected", summary: 'HTTP 400 "The SSL certificate error"' });
    expect(classifyAttempt(page("404 Not Found", 404), reading)).toMatchObject({ verdict: "accepted", summary: 'accepted: HTTP 404 "Not Found"' });
  });

  it("an alert decoded from the wire wins over Node's error code; the code names it otherwise", () => {
    const error = { code: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", message: "tlsv13 alert certificate required", phase: "request" as const };
    expect(classifyAttempt({ ...base, handshake, error }, reading).alert).toEqual({ code: 116, name: "certificate_required", from: "server" });
    const decoded = { ...reading, alerts: [{ code: 48, name: "unknown_ca", from: "server" as const }] };
    expect(classifyAttempt({ ...base, error }, decoded).alert?.code).toBe(48);
  });

  it("a client that cannot load its files sent nothing", () => {
    const error = { code: "ERR_OSSL_X509_KEY_VALUES_MISMATCH", message: "error:05800074:x509 certificate routines::key values mismatch", phase: "handshake" as const };
    expect(classifyAttempt({ ...base, server: Buffer.alloc(0), error }, reading).verdict).toBe("not-loaded");
  });

  it("required: refused without a certificate after a CertificateRequest", () => {
    const rejected = classifyAttempt({ ...base, handshake, error: { code: "ECONNRESET", message: "reset", phase: "request" } }, reading);
    expect(requiredFrom(true, rejected)).toBe("yes");
    expect(requiredFrom(false, rejected)).toBe("unknown");
    expect(requiredFrom(true, { ...rejected, verdict: "accepted" })).toBe("no");
  });
});
