/**
 * The IANA registries as data: complete enough that nothing a real handshake carries prints as unknown,
 * GREASE and unassigned values named as such, each entry with its defining document.
 */
import { describe, expect, test } from "vitest";
import { CIPHER_SUITE_ROWS, REGISTRIES, describeCode, isGrease, lookup } from "../src/registries/index.js";

describe("registries", () => {
  test("cipher suites: every assigned value, one name each", () => {
    const codes = Object.values(CIPHER_SUITE_ROWS).flatMap((rows) => rows.map(([code]) => code));
    expect(new Set(codes).size).toBe(codes.length);
    // The IANA registry had 352 assigned TLS cipher suite values when this table was made.
    expect(codes.length).toBe(352);
    // The values the issue found printed as unknown in the sample ClientHello.
    expect(describeCode("cipherSuite", 0x0067)).toBe("TLS_DHE_RSA_WITH_AES_128_CBC_SHA256 (0x0067)");
    expect(describeCode("cipherSuite", 0xc028)).toBe("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384 (0xc028)");
    expect(lookup("cipherSuite", 0x1301)).toEqual({ code: 0x1301, status: "assigned", name: "TLS_AES_128_GCM_SHA256", reference: "RFC 8446" });
    expect(lookup("cipherSuite", 0xc02b).reference).toBe("RFC 5289");
  });

  test("GREASE (RFC 8701), private use and unassigned values", () => {
    for (const code of [0x0a0a, 0x1a1a, 0xfafa]) {
      expect(isGrease("cipherSuite", code)).toBe(true);
      expect(describeCode("extension", code)).toBe(`GREASE (0x${code.toString(16).padStart(4, "0")})`);
    }
    expect(isGrease("cipherSuite", 0x0a1a)).toBe(false);
    expect(describeCode("cipherSuite", 0x1308)).toBe("unassigned (0x1308)");
    expect(lookup("cipherSuite", 0xff01).status).toBe("private");
    expect(describeCode("alert", 200)).toBe("unassigned (0xc8)");
  });

  test("every registry entry names its defining document", () => {
    for (const [name, registry] of Object.entries(REGISTRIES)) {
      expect(registry.size, name).toBeGreaterThanOrEqual(5);
      for (const entry of registry.values()) expect(entry.reference, `${name} ${entry.code}`).toMatch(/^(RFC \d+|draft-|ETSI)/);
    }
    expect(lookup("extension", 47)).toMatchObject({ name: "certificate_authorities", reference: "RFC 8446" });
    expect(lookup("group", 4588).name).toBe("X25519MLKEM768");
    expect(lookup("signatureScheme", 0x0807).name).toBe("ed25519");
    expect(lookup("signatureScheme", 0x0303).name).toMatch(/^sha224_ecdsa/);
    expect(lookup("alert", 116).name).toBe("certificate_required");
    expect(lookup("handshakeType", 15).name).toBe("CertificateVerify");
  });
});
