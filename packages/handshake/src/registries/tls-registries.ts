/**
 * The IANA TLS registries other than cipher suites, every assigned value with its defining document:
 * ExtensionType Values, Supported Groups, SignatureScheme, Alerts, HandshakeType, ContentType and the
 * protocol versions (TLS parameters; RFC 8446 4, 6, B.3; RFC 5246 7.4; RFC 8447).
 * Rows are [code, IANA name, document].
 */

/** One registry row. */
export type RegistryRow = readonly [code: number, name: string, reference: string];

/** TLS ExtensionType Values. */
export const EXTENSION_ROWS: readonly RegistryRow[] = [
  [0, "server_name", "RFC 6066"], [1, "max_fragment_length", "RFC 6066"], [2, "client_certificate_url", "RFC 6066"],
  [3, "trusted_ca_keys", "RFC 6066"], [4, "truncated_hmac", "RFC 6066"], [5, "status_request", "RFC 6066"],
  [6, "user_mapping", "RFC 4681"], [7, "client_authz", "RFC 5878"], [8, "server_authz", "RFC 5878"],
  [9, "cert_type", "RFC 6091"], [10, "supported_groups", "RFC 8422, RFC 7919"], [11, "ec_point_formats", "RFC 8422"],
  [12, "srp", "RFC 5054"], [13, "signature_algorithms", "RFC 8446"], [14, "use_srtp", "RFC 5764"],
  [15, "heartbeat", "RFC 6520"], [16, "application_layer_protocol_negotiation", "RFC 7301"],
  [17, "status_request_v2", "RFC 6961"], [18, "signed_certificate_timestamp", "RFC 6962"],
  [19, "client_certificate_type", "RFC 7250"], [20, "server_certificate_type", "RFC 7250"], [21, "padding", "RFC 7685"],
  [22, "encrypt_then_mac", "RFC 7366"], [23, "extended_master_secret", "RFC 7627"], [24, "token_binding", "RFC 8472"],
  [25, "cached_info", "RFC 7924"], [26, "tls_lts", "draft-gutmann-tls-lts"], [27, "compress_certificate", "RFC 8879"],
  [28, "record_size_limit", "RFC 8449"], [29, "pwd_protect", "RFC 8492"], [30, "pwd_clear", "RFC 8492"],
  [31, "password_salt", "RFC 8492"], [32, "ticket_pinning", "RFC 8672"], [33, "tls_cert_with_extern_psk", "RFC 8773"],
  [34, "delegated_credential", "RFC 9345"], [35, "session_ticket", "RFC 5077, RFC 8447"], [36, "TLMSP", "ETSI TS 103 523-2"],
  [37, "TLMSP_proxying", "ETSI TS 103 523-2"], [38, "TLMSP_delegate", "ETSI TS 103 523-2"],
  [39, "supported_ekt_ciphers", "RFC 8870"], [41, "pre_shared_key", "RFC 8446"], [42, "early_data", "RFC 8446"],
  [43, "supported_versions", "RFC 8446"], [44, "cookie", "RFC 8446"], [45, "psk_key_exchange_modes", "RFC 8446"],
  [47, "certificate_authorities", "RFC 8446"], [48, "oid_filters", "RFC 8446"], [49, "post_handshake_auth", "RFC 8446"],
  [50, "signature_algorithms_cert", "RFC 8446"], [51, "key_share", "RFC 8446"], [52, "transparency_info", "RFC 9162"],
  [53, "connection_id_deprecated", "RFC 9146"], [54, "connection_id", "RFC 9146"], [55, "external_id_hash", "RFC 8844"],
  [56, "external_session_id", "RFC 8844"], [57, "quic_transport_parameters", "RFC 9001"], [58, "ticket_request", "RFC 9149"],
  [59, "dnssec_chain", "RFC 9102"], [60, "sequence_number_encryption_algorithms", "draft-pismenny-tls-dtls-plaintext-sequence-number"],
  [61, "rrc", "draft-ietf-tls-dtls-rrc"], [62, "tls_flags", "draft-ietf-tls-tlsflags"],
  [64768, "ech_outer_extensions", "draft-ietf-tls-esni"], [65037, "encrypted_client_hello", "draft-ietf-tls-esni"],
  [65281, "renegotiation_info", "RFC 5746"],
];

/** TLS Supported Groups (named groups; "elliptic curves" before RFC 8422). */
export const GROUP_ROWS: readonly RegistryRow[] = [
  ...["sect163k1", "sect163r1", "sect163r2", "sect193r1", "sect193r2", "sect233k1", "sect233r1", "sect239k1", "sect283k1",
    "sect283r1", "sect409k1", "sect409r1", "sect571k1", "sect571r1", "secp160k1", "secp160r1", "secp160r2", "secp192k1",
    "secp192r1", "secp224k1", "secp224r1", "secp256k1", "secp256r1", "secp384r1", "secp521r1"].map((name, i) => [i + 1, name, "RFC 8422"] as const),
  [26, "brainpoolP256r1", "RFC 7027"], [27, "brainpoolP384r1", "RFC 7027"], [28, "brainpoolP512r1", "RFC 7027"],
  [29, "x25519", "RFC 8422, RFC 8446"], [30, "x448", "RFC 8422, RFC 8446"],
  [31, "brainpoolP256r1tls13", "RFC 8734"], [32, "brainpoolP384r1tls13", "RFC 8734"], [33, "brainpoolP512r1tls13", "RFC 8734"],
  ...["GC256A", "GC256B", "GC256C", "GC256D", "GC512A", "GC512B", "GC512C"].map((name, i) => [34 + i, name, "RFC 9189"] as const),
  [41, "curveSM2", "RFC 8998"],
  ...["ffdhe2048", "ffdhe3072", "ffdhe4096", "ffdhe6144", "ffdhe8192"].map((name, i) => [256 + i, name, "RFC 7919"] as const),
  [512, "MLKEM512", "draft-connolly-tls-mlkem-key-agreement"], [513, "MLKEM768", "draft-connolly-tls-mlkem-key-agreement"],
  [514, "MLKEM1024", "draft-connolly-tls-mlkem-key-agreement"], [4587, "SecP256r1MLKEM768", "draft-kwiatkowski-tls-ecdhe-mlkem"],
  [4588, "X25519MLKEM768", "draft-kwiatkowski-tls-ecdhe-mlkem"], [4589, "SecP384r1MLKEM1024", "draft-kwiatkowski-tls-ecdhe-mlkem"],
  [25497, "X25519Kyber768Draft00 (obsolete)", "draft-tls-westerbaan-xyber768d00"],
  [25498, "SecP256r1Kyber768Draft00 (obsolete)", "draft-kwiatkowski-tls-ecdhe-kyber"],
  [65281, "arbitrary_explicit_prime_curves", "RFC 8422"], [65282, "arbitrary_explicit_char2_curves", "RFC 8422"],
];

/**
 * TLS SignatureScheme. The TLS 1.2 hash/signature pairs that TLS 1.3 left "reserved for backward
 * compatibility" (RFC 5246 7.4.1.4.1: hash byte 1 md5 .. 6 sha512, signature byte 1 rsa, 2 dsa, 3 ecdsa)
 * are listed with their TLS 1.2 names, since OpenSSL still offers several of them in a 1.2 ClientHello.
 */
export const SIGNATURE_SCHEME_ROWS: readonly RegistryRow[] = [
  [0x0101, "md5_rsa (TLS 1.2 pair)", "RFC 5246"], [0x0102, "md5_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0103, "md5_ecdsa (TLS 1.2 pair)", "RFC 5246"],
  [0x0201, "rsa_pkcs1_sha1", "RFC 8446, RFC 9155"], [0x0202, "sha1_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0203, "ecdsa_sha1", "RFC 8446, RFC 9155"],
  [0x0301, "sha224_rsa (TLS 1.2 pair)", "RFC 5246"], [0x0302, "sha224_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0303, "sha224_ecdsa (TLS 1.2 pair)", "RFC 5246"],
  [0x0401, "rsa_pkcs1_sha256", "RFC 8446"], [0x0402, "sha256_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0403, "ecdsa_secp256r1_sha256", "RFC 8446"],
  [0x0420, "rsa_pkcs1_sha256_legacy", "draft-davidben-tls13-pkcs1"],
  [0x0501, "rsa_pkcs1_sha384", "RFC 8446"], [0x0502, "sha384_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0503, "ecdsa_secp384r1_sha384", "RFC 8446"],
  [0x0520, "rsa_pkcs1_sha384_legacy", "draft-davidben-tls13-pkcs1"],
  [0x0601, "rsa_pkcs1_sha512", "RFC 8446"], [0x0602, "sha512_dsa (TLS 1.2 pair)", "RFC 5246"], [0x0603, "ecdsa_secp521r1_sha512", "RFC 8446"],
  [0x0620, "rsa_pkcs1_sha512_legacy", "draft-davidben-tls13-pkcs1"],
  [0x0704, "eccsi_sha256", "draft-wang-tls-raw-public-key-with-ibc"], [0x0705, "iso_ibs1", "draft-wang-tls-raw-public-key-with-ibc"],
  [0x0706, "iso_ibs2", "draft-wang-tls-raw-public-key-with-ibc"], [0x0707, "iso_chinese_ibs", "draft-wang-tls-raw-public-key-with-ibc"],
  [0x0708, "sm2sig_sm3", "RFC 8998"],
  ...["256a", "256b", "256c", "256d", "512a", "512b", "512c"].map((v, i) => [0x0709 + i, `gostr34102012_${v}`, "RFC 9367"] as const),
  [0x0804, "rsa_pss_rsae_sha256", "RFC 8446"], [0x0805, "rsa_pss_rsae_sha384", "RFC 8446"], [0x0806, "rsa_pss_rsae_sha512", "RFC 8446"],
  [0x0807, "ed25519", "RFC 8446"], [0x0808, "ed448", "RFC 8446"],
  [0x0809, "rsa_pss_pss_sha256", "RFC 8446"], [0x080a, "rsa_pss_pss_sha384", "RFC 8446"], [0x080b, "rsa_pss_pss_sha512", "RFC 8446"],
  [0x081a, "ecdsa_brainpoolP256r1tls13_sha256", "RFC 8734"], [0x081b, "ecdsa_brainpoolP384r1tls13_sha384", "RFC 8734"],
  [0x081c, "ecdsa_brainpoolP512r1tls13_sha512", "RFC 8734"],
  [0x0904, "mldsa44", "draft-ietf-tls-mldsa"], [0x0905, "mldsa65", "draft-ietf-tls-mldsa"], [0x0906, "mldsa87", "draft-ietf-tls-mldsa"],
];

/** TLS Alerts (AlertDescription). */
export const ALERT_ROWS: readonly RegistryRow[] = [
  [0, "close_notify", "RFC 8446"], [10, "unexpected_message", "RFC 8446"], [20, "bad_record_mac", "RFC 8446"],
  [21, "decryption_failed_RESERVED", "RFC 8446"], [22, "record_overflow", "RFC 8446"], [30, "decompression_failure_RESERVED", "RFC 8446"],
  [40, "handshake_failure", "RFC 8446"], [41, "no_certificate_RESERVED", "RFC 8446"], [42, "bad_certificate", "RFC 8446"],
  [43, "unsupported_certificate", "RFC 8446"], [44, "certificate_revoked", "RFC 8446"], [45, "certificate_expired", "RFC 8446"],
  [46, "certificate_unknown", "RFC 8446"], [47, "illegal_parameter", "RFC 8446"], [48, "unknown_ca", "RFC 8446"],
  [49, "access_denied", "RFC 8446"], [50, "decode_error", "RFC 8446"], [51, "decrypt_error", "RFC 8446"],
  [52, "too_many_cids_requested", "RFC 9147"], [60, "export_restriction_RESERVED", "RFC 8446"], [70, "protocol_version", "RFC 8446"],
  [71, "insufficient_security", "RFC 8446"], [80, "internal_error", "RFC 8446"], [86, "inappropriate_fallback", "RFC 7507"],
  [90, "user_canceled", "RFC 8446"], [100, "no_renegotiation_RESERVED", "RFC 8446"], [109, "missing_extension", "RFC 8446"],
  [110, "unsupported_extension", "RFC 8446"], [111, "certificate_unobtainable_RESERVED", "RFC 6066"],
  [112, "unrecognized_name", "RFC 6066"], [113, "bad_certificate_status_response", "RFC 6066"],
  [114, "bad_certificate_hash_value_RESERVED", "RFC 6066"], [115, "unknown_psk_identity", "RFC 4279"],
  [116, "certificate_required", "RFC 8446"], [117, "general_error", "draft-ietf-tls-rfc8446bis"],
  [120, "no_application_protocol", "RFC 7301"], [121, "ech_required", "draft-ietf-tls-esni"],
];

/** TLS HandshakeType, with the message name mTLS Lab shows (RFC 8446 4 spells them in CamelCase). */
export const HANDSHAKE_TYPE_ROWS: readonly RegistryRow[] = [
  [0, "HelloRequest", "RFC 5246"], [1, "ClientHello", "RFC 8446"], [2, "ServerHello", "RFC 8446"],
  [3, "HelloVerifyRequest", "RFC 6347"], [4, "NewSessionTicket", "RFC 8446"], [5, "EndOfEarlyData", "RFC 8446"],
  [6, "HelloRetryRequest_RESERVED", "RFC 8446"], [8, "EncryptedExtensions", "RFC 8446"], [9, "RequestConnectionId", "RFC 9147"],
  [10, "NewConnectionId", "RFC 9147"], [11, "Certificate", "RFC 8446"], [12, "ServerKeyExchange", "RFC 5246"],
  [13, "CertificateRequest", "RFC 8446"], [14, "ServerHelloDone", "RFC 5246"], [15, "CertificateVerify", "RFC 8446"],
  [16, "ClientKeyExchange", "RFC 5246"], [17, "ClientCertificateRequest", "draft-ietf-tls-tlsflags"], [20, "Finished", "RFC 8446"],
  [21, "CertificateURL", "RFC 6066"], [22, "CertificateStatus", "RFC 6066"], [23, "SupplementalData", "RFC 4680"],
  [24, "KeyUpdate", "RFC 8446"], [25, "CompressedCertificate", "RFC 8879"], [26, "EKTKey", "RFC 8870"],
  [254, "message_hash", "RFC 8446"],
];

/** TLS ContentType (record layer). */
export const CONTENT_TYPE_ROWS: readonly RegistryRow[] = [
  [20, "change_cipher_spec", "RFC 8446"], [21, "alert", "RFC 8446"], [22, "handshake", "RFC 8446"],
  [23, "application_data", "RFC 8446"], [24, "heartbeat", "RFC 6520"], [25, "tls12_cid", "RFC 9146"], [26, "ACK", "RFC 9147"],
];

/** Protocol versions as they appear on the wire (legacy_version, supported_versions). */
export const VERSION_ROWS: readonly RegistryRow[] = [
  [0x0300, "SSLv3", "RFC 6101"], [0x0301, "TLSv1.0", "RFC 2246"], [0x0302, "TLSv1.1", "RFC 4346"],
  [0x0303, "TLSv1.2", "RFC 5246"], [0x0304, "TLSv1.3", "RFC 8446"],
];
