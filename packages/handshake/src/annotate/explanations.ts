/**
 * One sentence per field of an annotated handshake, keyed by the node key the tree reader uses, with the
 * RFC section that defines the field. A page shows `label` and `explain` beside the bytes.
 */

interface Known {
  label: string;
  explain: string;
  mtls?: true;
}

const K = (label: string, explain: string, mtls?: true): Known => (mtls ? { label, explain, mtls } : { label, explain });

const EXPLANATIONS: Readonly<Record<string, Known>> = {
  record: K("TLS record", "One TLS record: a 5-byte header then up to 2^14 bytes of fragment (RFC 8446 5.1)."),
  "record.header": K("record header", "Content type, legacy version and length of the record (RFC 8446 5.1)."),
  "record.content_type": K("content type", "What the fragment carries: 20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data (encrypted TLS 1.3 records always say 23)."),
  "record.legacy_version": K("legacy version", "Frozen at 0x0303 (0x0301 in a first ClientHello) for middleboxes; the real version is negotiated in supported_versions (RFC 8446 5.1)."),
  "record.length": K("length", "Number of fragment bytes that follow the header."),
  "record.encrypted": K("encrypted record", "The AEAD ciphertext of the inner plaintext: content, real content type and padding (RFC 8446 5.2)."),
  "record.ciphertext": K("ciphertext", "The AEAD ciphertext of the fragment, under this direction's key_block keys (RFC 5246 6.2.3.3)."),
  "record.explicit_nonce": K("explicit nonce", "The 8 bytes of the AES-GCM nonce sent in clear; the other 4 come from the key block (RFC 5288 3)."),
  "record.tag": K("AEAD tag", "16-byte authentication tag: any change to the record or a wrong key makes decryption fail."),
  plaintext: K("decrypted content", "The record's plaintext as recovered with the key log."),
  "plaintext.content_type": K("inner content type", "The real content type, hidden inside the encryption in TLS 1.3 (RFC 8446 5.2)."),
  "plaintext.padding": K("padding", "Zero bytes after the inner content type that hide the true length (RFC 8446 5.4)."),
  "change_cipher_spec": K("ChangeCipherSpec", "In TLS 1.2 the sender encrypts from here on (RFC 5246 7.1); in TLS 1.3 a no-op kept for middleboxes (RFC 8446 D.4)."),
  alert: K("Alert", "An alert: level then description; a fatal one ends the connection (RFC 8446 6)."),
  "alert.level": K("level", "1 warning, 2 fatal; TLS 1.3 treats every alert except close_notify and user_canceled as fatal."),
  "alert.description": K("description", "Why the connection ends: for a rejected client certificate typically 42 bad_certificate, 45 certificate_expired, 48 unknown_ca or 116 certificate_required."),
  application_data: K("application data", "Encrypted application bytes (HTTP), not part of the handshake."),
  handshake: K("handshake message", "One handshake message: type, 3-byte length, body (RFC 8446 4)."),
  "handshake.type": K("message type", "Which handshake message follows (IANA HandshakeType)."),
  "handshake.length": K("message length", "Number of body bytes that follow."),
  "handshake.fragment": K("handshake fragment", "Part of a handshake message that continues in the next record."),
  legacy_version: K("legacy_version", "0x0303 in TLS 1.3 too; the version really offered or chosen is in supported_versions (RFC 8446 4.1.2)."),
  random: K("random", "32 random bytes; the client's identifies this connection in the key log and feeds the key schedule."),
  legacy_session_id: K("legacy_session_id", "A session id for resumption in TLS 1.2; a random value in TLS 1.3 middlebox-compatibility mode."),
  legacy_session_id_echo: K("legacy_session_id_echo", "The server echoes the client's session id (RFC 8446 4.1.3)."),
  cipher_suites: K("cipher_suites", "The AEAD/hash pairs (TLS 1.3) and key exchange suites (TLS 1.2) the client accepts, in its order of preference."),
  cipher_suite: K("cipher_suite", "The suite the server chose from the client's list."),
  legacy_compression_methods: K("legacy_compression_methods", "Always the single value 0 (null): TLS compression is gone (CRIME)."),
  legacy_compression_method: K("legacy_compression_method", "0: no compression."),
  extensions: K("extensions", "The extensions, each a type, a length and a body (RFC 8446 4.2)."),
  extension: K("extension", "One extension: 2-byte type, 2-byte length, body."),
  "extension.type": K("extension type", "Which extension this is (IANA ExtensionType)."),
  "extension.body": K("extension body", "The extension's data."),
  certificate_request_context: K("certificate_request_context", "Empty during the handshake; post-handshake requests use a fresh value the client echoes (RFC 8446 4.3.2).", true),
  certificate_types: K("certificate_types", "TLS 1.2: the key types the server accepts for the client certificate (RFC 5246 7.4.4).", true),
  certificate_type: K("certificate type", "1 rsa_sign, 2 dss_sign, 64 ecdsa_sign.", true),
  supported_signature_algorithms: K("supported_signature_algorithms", "The signature schemes the peer accepts, here for the client's CertificateVerify and certificate chain."),
  signature_scheme: K("signature scheme", "One signature scheme (IANA SignatureScheme)."),
  certificate_authorities: K("certificate_authorities", "The CA names the server trusts for client certificates: a client picks a certificate issued under one of them.", true),
  distinguished_name: K("DistinguishedName", "The DER subject name of one acceptable CA.", true),
  certificate_list: K("certificate_list", "The certificate chain, leaf first, each with a 3-byte length; empty when the client has none (RFC 8446 4.4.2)."),
  certificate_entry: K("CertificateEntry", "One certificate and, in TLS 1.3, its extensions."),
  cert_data: K("cert_data", "One X.509 certificate: a 3-byte length, then its DER."),
  "cert_data.der": K("certificate (DER)", "The certificate itself, DER-encoded: open it in Inspect to read its subject, issuer, key and extensions."),
  "distinguished_name.der": K("name (DER)", "The DER of a CA's subject name; a client offers a certificate issued under one of these names.", true),
  "host_name.value": K("host_name", "The DNS name the client connects to, in clear text; the server may pick its certificate by it."),
  "protocol_name.value": K("protocol", "One ALPN protocol identifier, such as h2 or http/1.1."),
  "certificate_entry.extensions": K("entry extensions", "Per-certificate extensions (OCSP status, SCTs); usually empty."),
  "certificate_verify.algorithm": K("algorithm", "The signature scheme used, one the peer offered in signature_algorithms."),
  "certificate_verify.signature": K("signature", "The signature over the transcript hash (TLS 1.3: 64 spaces, context string, 0x00, hash) with the certificate's private key: the proof of possession."),
  verify_data: K("verify_data", "HMAC (TLS 1.3) or PRF (TLS 1.2) over the transcript hash: both sides saw the same handshake and hold the same keys."),
  "server_key_exchange.curve_type": K("curve_type", "3: named_curve (RFC 8422 5.4)."),
  "server_key_exchange.named_curve": K("named_curve", "The ECDHE group of the server's ephemeral key."),
  "server_key_exchange.public": K("public", "The server's ephemeral ECDHE public key."),
  "server_key_exchange.algorithm": K("algorithm", "The signature scheme of the signature that follows."),
  "server_key_exchange.signature": K("signature", "The server's signature over client_random, server_random and the ECDHE parameters: proves it holds its certificate's key (RFC 8422 5.4)."),
  "server_key_exchange.params": K("params", "Key exchange parameters this decoder shows as bytes."),
  "client_key_exchange.public": K("public", "The client's ephemeral ECDHE public key (RFC 8422 5.7)."),
  "client_key_exchange.exchange_keys": K("exchange_keys", "Key exchange data this decoder shows as bytes."),
  ticket_lifetime: K("ticket_lifetime", "Seconds the ticket may be used for resumption."),
  ticket_age_add: K("ticket_age_add", "Random value that obscures the ticket age the client reports."),
  ticket_nonce: K("ticket_nonce", "Makes each ticket's resumption secret unique."),
  ticket: K("ticket", "The opaque ticket the client presents to resume."),
  request_update: K("request_update", "1: the peer must update its sending keys too."),
  body: K("body", "The message body, shown as bytes."),
  server_name_list: K("server_name_list", "The host names the client wants (SNI), in clear text in the ClientHello."),
  server_name: K("ServerName", "One name: type then value."),
  name_type: K("name_type", "0: host_name."),
  host_name: K("host_name", "The DNS name the client connects to; the server may pick its certificate by it."),
  named_group_list: K("named_group_list", "The key exchange groups the client supports, in preference order."),
  named_group: K("named group", "One group (IANA Supported Groups)."),
  versions: K("versions", "The TLS versions the client supports; 0x0304 means TLS 1.3."),
  version: K("version", "One protocol version."),
  selected_version: K("selected_version", "The version the server chose: the real negotiated version."),
  client_shares: K("client_shares", "Ephemeral public keys, one per group the client guesses the server will pick."),
  key_share_entry: K("KeyShareEntry", "A group and the public key for it."),
  group: K("group", "The group of this key share."),
  key_exchange: K("key_exchange", "The ephemeral public key (ECDHE point or hybrid KEM share)."),
  selected_group: K("selected_group", "HelloRetryRequest: the group the client must send a key share for."),
  protocol_name_list: K("protocol_name_list", "Application protocols (ALPN), such as h2 and http/1.1."),
  protocol_name: K("protocol name", "One application protocol."),
  ke_modes: K("ke_modes", "PSK modes the client supports for resumption; psk_dhe_ke keeps forward secrecy."),
  ke_mode: K("ke mode", "0 psk_ke, 1 psk_dhe_ke."),
  ec_point_formats: K("ec_point_formats", "TLS 1.2 point formats; 0 uncompressed."),
  ec_point_format: K("point format", "0: uncompressed."),
};

function fallback(key: string): Known {
  const dot = key.lastIndexOf(".");
  const last = key.slice(dot + 1);
  const parent = dot > 0 ? EXPLANATIONS[key.slice(0, dot)] : undefined;
  // A vector's length prefix and body (RFC 8446 3.4) are explained by the vector they belong to.
  if (last === "length") return K("length", `Length of ${parent?.label ?? "the vector"} in bytes: that many bytes follow (RFC 8446 3.4).`);
  if (last === "body") return parent ? { ...parent, label: `${parent.label} bytes` } : K("body", "The vector's bytes.");
  return K(last, `The ${last} field.`);
}

/** Label and sentence for a node key. */
export function explanation(key: string): Known {
  return EXPLANATIONS[key] ?? fallback(key);
}

/** Every key with its own sentence (for documentation and tests). */
export function explainedKeys(): string[] {
  return Object.keys(EXPLANATIONS);
}
