/**
 * What the decoder needs to know about a cipher suite: its AEAD, its hash (transcript, HKDF, PRF) and,
 * for TLS 1.2, the fixed IV length (RFC 5288 3: 4-byte salt + 8-byte explicit nonce; RFC 7905: 12-byte IV).
 */
import type { AeadName } from "./aead.js";
import type { HashName } from "./primitives.js";

export interface SuiteInfo {
  name: string;
  tls13: boolean;
  aead: AeadName;
  hash: HashName;
  /** TLS 1.2 only: bytes of write IV from the key block. */
  fixedIvLength: number;
}

const SUITES: Readonly<Record<number, SuiteInfo>> = {
  0x1301: { name: "TLS_AES_128_GCM_SHA256", tls13: true, aead: "AES-128-GCM", hash: "SHA-256", fixedIvLength: 12 },
  0x1302: { name: "TLS_AES_256_GCM_SHA384", tls13: true, aead: "AES-256-GCM", hash: "SHA-384", fixedIvLength: 12 },
  0x1303: { name: "TLS_CHACHA20_POLY1305_SHA256", tls13: true, aead: "CHACHA20-POLY1305", hash: "SHA-256", fixedIvLength: 12 },
  0xc02b: { name: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", tls13: false, aead: "AES-128-GCM", hash: "SHA-256", fixedIvLength: 4 },
  0xc02c: { name: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", tls13: false, aead: "AES-256-GCM", hash: "SHA-384", fixedIvLength: 4 },
  0xc02f: { name: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", tls13: false, aead: "AES-128-GCM", hash: "SHA-256", fixedIvLength: 4 },
  0xc030: { name: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", tls13: false, aead: "AES-256-GCM", hash: "SHA-384", fixedIvLength: 4 },
  0x009e: { name: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", tls13: false, aead: "AES-128-GCM", hash: "SHA-256", fixedIvLength: 4 },
  0x009f: { name: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", tls13: false, aead: "AES-256-GCM", hash: "SHA-384", fixedIvLength: 4 },
  0xcca8: { name: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", tls13: false, aead: "CHACHA20-POLY1305", hash: "SHA-256", fixedIvLength: 12 },
  0xcca9: { name: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", tls13: false, aead: "CHACHA20-POLY1305", hash: "SHA-256", fixedIvLength: 12 },
};

/** The suite's parameters, or undefined when this decoder cannot decrypt it (CBC suites, CCM). */
export function suiteInfo(code: number): SuiteInfo | undefined {
  return SUITES[code];
}
