/**
 * IANA names for the numbers found in handshakes (TLS parameters registry; RFC 8446 4, B.3; RFC 5246 7.4).
 */

/** Handshake message types (RFC 8446 4, RFC 5246 7.4). */
export const HANDSHAKE_TYPES: Readonly<Record<number, string>> = {
  0: "HelloRequest",
  1: "ClientHello",
  2: "ServerHello",
  4: "NewSessionTicket",
  5: "EndOfEarlyData",
  8: "EncryptedExtensions",
  11: "Certificate",
  12: "ServerKeyExchange",
  13: "CertificateRequest",
  14: "ServerHelloDone",
  15: "CertificateVerify",
  16: "ClientKeyExchange",
  20: "Finished",
  24: "KeyUpdate",
  254: "message_hash",
};

/** Alert descriptions (RFC 8446 6). */
export const ALERTS: Readonly<Record<number, string>> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  22: "record_overflow",
  40: "handshake_failure",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  109: "missing_extension",
  110: "unsupported_extension",
  112: "unrecognized_name",
  113: "bad_certificate_status_response",
  115: "unknown_psk_identity",
  116: "certificate_required",
  120: "no_application_protocol",
};

/** Extension types (IANA TLS ExtensionType values). */
export const EXTENSIONS: Readonly<Record<number, string>> = {
  0: "server_name",
  1: "max_fragment_length",
  5: "status_request",
  10: "supported_groups",
  11: "ec_point_formats",
  13: "signature_algorithms",
  16: "application_layer_protocol_negotiation",
  18: "signed_certificate_timestamp",
  21: "padding",
  22: "encrypt_then_mac",
  23: "extended_master_secret",
  27: "compress_certificate",
  35: "session_ticket",
  41: "pre_shared_key",
  42: "early_data",
  43: "supported_versions",
  44: "cookie",
  45: "psk_key_exchange_modes",
  47: "certificate_authorities",
  48: "oid_filters",
  49: "post_handshake_auth",
  50: "signature_algorithms_cert",
  51: "key_share",
  65281: "renegotiation_info",
};

/** Named groups (RFC 8446 4.2.7, RFC 7919). */
export const GROUPS: Readonly<Record<number, string>> = {
  23: "secp256r1",
  24: "secp384r1",
  25: "secp521r1",
  29: "x25519",
  30: "x448",
  256: "ffdhe2048",
  257: "ffdhe3072",
  258: "ffdhe4096",
  4588: "X25519MLKEM768",
};

/** Signature schemes (RFC 8446 4.2.3); TLS 1.2 hash/signature pairs share the same code points. */
export const SIGNATURE_SCHEMES: Readonly<Record<number, string>> = {
  0x0401: "rsa_pkcs1_sha256",
  0x0501: "rsa_pkcs1_sha384",
  0x0601: "rsa_pkcs1_sha512",
  0x0403: "ecdsa_secp256r1_sha256",
  0x0503: "ecdsa_secp384r1_sha384",
  0x0603: "ecdsa_secp521r1_sha512",
  0x0804: "rsa_pss_rsae_sha256",
  0x0805: "rsa_pss_rsae_sha384",
  0x0806: "rsa_pss_rsae_sha512",
  0x0807: "ed25519",
  0x0808: "ed448",
  0x0809: "rsa_pss_pss_sha256",
  0x080a: "rsa_pss_pss_sha384",
  0x080b: "rsa_pss_pss_sha512",
  0x0201: "rsa_pkcs1_sha1",
  0x0203: "ecdsa_sha1",
  0x0301: "sha224_rsa",
  0x0303: "sha224_ecdsa",
  0x0402: "sha256_dsa",
};

/** Cipher suites this decoder knows (RFC 8446 B.4, RFC 5289, RFC 7905). */
export const CIPHER_SUITES: Readonly<Record<number, string>> = {
  0x1301: "TLS_AES_128_GCM_SHA256",
  0x1302: "TLS_AES_256_GCM_SHA384",
  0x1303: "TLS_CHACHA20_POLY1305_SHA256",
  0x1304: "TLS_AES_128_CCM_SHA256",
  0xc02b: "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
  0xc02c: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
  0xc02f: "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
  0xc030: "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
  0xcca8: "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
  0xcca9: "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
  0x009e: "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
  0x009f: "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
  0xc023: "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
  0xc027: "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
  0x00ff: "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
};

/** Protocol versions on the wire. */
export const VERSIONS: Readonly<Record<number, string>> = {
  0x0301: "TLSv1.0",
  0x0302: "TLSv1.1",
  0x0303: "TLSv1.2",
  0x0304: "TLSv1.3",
};

/** "name (0x1301)" or "unknown (0x1234)". */
export function nameOf(table: Readonly<Record<number, string>>, value: number, width = 4): string {
  const hex = `0x${value.toString(16).padStart(width, "0")}`;
  return `${table[value] ?? "unknown"} (${hex})`;
}
