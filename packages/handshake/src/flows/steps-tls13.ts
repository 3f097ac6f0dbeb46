/**
 * The steps of a TLS 1.3 handshake with client authentication (RFC 8446 2, 4), as data. Flows in
 * flows.ts compose them; failure texts are the strings measured with Node 20 / OpenSSL 3.0 (docs/troubleshooting-codes.md).
 */
import type { FlowStep } from "../types.js";

/** Chain and validity failures a verifier reports for a peer's certificate (Node's codes). */
export const CHAIN_CODES = [
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "INVALID_CA",
  "PATH_LENGTH_EXCEEDED",
  "CERT_CHAIN_TOO_LONG",
  "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
  "KEY_USAGE_NO_CERTSIGN",
  "UNHANDLED_CRITICAL_EXTENSION",
  "PERMITTED_VIOLATION",
  "EXCLUDED_VIOLATION",
  "UNSPECIFIED",
] as const;

/** Validity-period failures. */
export const TIME_CODES = ["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"] as const;

/** Usage failures: EKU without the needed purpose, or a CA used as a leaf issuer without CA:TRUE. */
export const PURPOSE_CODES = ["INVALID_PURPOSE", "CERT_REJECTED"] as const;

export const clientHello13: FlowStep = {
  id: "client-hello",
  name: "ClientHello",
  from: "client",
  record: "handshake",
  encrypted: false,
  summary: "The client offers versions, cipher suites and a key share. It says nothing yet about its own certificate.",
  mtlsFields: {
    supported_versions: "TLS 1.3 is chosen here, not by legacy_version (RFC 8446 4.2.1).",
    signature_algorithms: "Which signatures the client accepts from the server.",
    post_handshake_auth: "Present when the client would accept a CertificateRequest after the handshake (RFC 8446 4.2.6).",
  },
  checks: ["The server picks a version, a cipher suite and a group it shares with the client."],
  failures: [{ codes: ["ERR_SSL_NO_PROTOCOLS_AVAILABLE", "ERR_SSL_UNSUPPORTED_PROTOCOL"], what: "No common version or cipher suite.", alert: "70 protocol_version or 40 handshake_failure", client: "alert number 70 (protocol version)", server: "unsupported protocol" }],
  rfc: "RFC 8446 4.1.2",
};

export const serverHello13: FlowStep = {
  id: "server-hello",
  name: "ServerHello",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The server answers with its key share. From the next message on, everything it sends is encrypted with handshake keys.",
  mtlsFields: { key_share: "With the client's share this gives the handshake secret; the key log's *_HANDSHAKE_TRAFFIC_SECRET lines come from it." },
  checks: ["The client derives the handshake traffic keys."],
  failures: [],
  rfc: "RFC 8446 4.1.3",
};

export const compatibilityCcs13 = (from: "client" | "server"): FlowStep => ({
  id: `${from}-change-cipher-spec`,
  name: "ChangeCipherSpec",
  from,
  record: "change_cipher_spec",
  encrypted: false,
  optional: true,
  summary: "A dummy record that makes TLS 1.3 look like TLS 1.2 resumption to middleboxes; it changes nothing.",
  mtlsFields: {},
  checks: ["Ignored by the peer."],
  failures: [],
  rfc: "RFC 8446 D.4",
});

export const encryptedExtensions13: FlowStep = {
  id: "encrypted-extensions",
  name: "EncryptedExtensions",
  from: "server",
  record: "application_data",
  encrypted: true,
  summary: "Extensions that need no key share (ALPN, server_name acknowledgement), now encrypted.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 8446 4.3.1",
};

export const certificateRequest13: FlowStep = {
  id: "certificate-request",
  name: "CertificateRequest",
  from: "server",
  record: "application_data",
  encrypted: true,
  summary: "The server asks for a client certificate. This one message is what turns TLS into mutual TLS.",
  mtlsFields: {
    certificate_request_context: "Empty during the handshake; the client echoes it in its Certificate (RFC 8446 4.3.2).",
    signature_algorithms: "The signatures the client's CertificateVerify may use.",
    certificate_authorities: "The CA names the server trusts for clients (OpenSSL sends the subjects of its client CA list). Clients such as browsers use it to pick a certificate.",
  },
  checks: ["The client picks a certificate whose chain ends at one of certificate_authorities and whose key can sign one of signature_algorithms."],
  failures: [{ codes: ["NO_CLIENT_CERTIFICATE"], what: "The client has no matching certificate (none configured, or its issuer is not in certificate_authorities for clients that filter).", client: "Sends an empty Certificate.", server: "Continues with the next step." }],
  rfc: "RFC 8446 4.3.2",
};

export const serverCertificate13: FlowStep = {
  id: "server-certificate",
  name: "Certificate",
  from: "server",
  record: "application_data",
  encrypted: true,
  summary: "The server's chain: leaf first, then intermediates. Encrypted, unlike TLS 1.2.",
  mtlsFields: { certificate_list: "Leaf then intermediates; the root is not needed." },
  checks: ["The client builds a chain to a CA in its trust store (ca option).", "The client checks the name it connected to against subjectAltName.", "extendedKeyUsage must allow serverAuth."],
  failures: [
    { codes: [...CHAIN_CODES, ...TIME_CODES, ...PURPOSE_CODES], what: "The client cannot verify the server's chain.", alert: "48 unknown_ca, 45 certificate_expired, 42 bad_certificate", client: "Node: 'unable to get local issuer certificate', 'self-signed certificate', 'certificate has expired', ...", server: "alert number 48 (unknown ca) or similar" },
    { codes: ["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH", "IP_ADDRESS_MISMATCH"], what: "The host name is not in the server certificate's subjectAltName.", client: "Hostname/IP does not match certificate's altnames: Host: evil.test. is not in the cert's altnames: DNS:localhost, IP Address:127.0.0.1", server: "The client closes; Node sends no alert for this check (it runs after the handshake)." },
  ],
  rfc: "RFC 8446 4.4.2",
};

export const serverCertificateVerify13: FlowStep = {
  id: "server-certificate-verify",
  name: "CertificateVerify",
  from: "server",
  record: "application_data",
  encrypted: true,
  summary: "The server signs the transcript so far with its private key: proof it owns the certificate it sent.",
  mtlsFields: { algorithm: "One of the client's signature_algorithms.", signature: "Over 64 spaces, 'TLS 1.3, server CertificateVerify', 0, and the transcript hash." },
  checks: ["The client verifies the signature with the public key of the server certificate."],
  failures: [{ codes: ["SERVER_KEY_MISMATCH", "KEY_MISMATCH"], what: "The server's key does not match its certificate (Node refuses to start: 'key values mismatch').", alert: "51 decrypt_error", client: "alert number 51" }],
  rfc: "RFC 8446 4.4.3",
};

export const serverFinished13: FlowStep = {
  id: "server-finished",
  name: "Finished",
  from: "server",
  record: "application_data",
  encrypted: true,
  summary: "An HMAC over the whole transcript with a key from the server handshake traffic secret. The decoder recomputes it.",
  mtlsFields: { verify_data: "HMAC(finished_key, Transcript-Hash(ClientHello ... server CertificateVerify))." },
  checks: ["The client recomputes verify_data."],
  failures: [{ codes: ["ERR_SSL_DECRYPT_ERROR"], what: "The transcript differs (tampering, or a broken middlebox).", alert: "51 decrypt_error" }],
  rfc: "RFC 8446 4.4.4",
};

export const clientCertificate13: FlowStep = {
  id: "client-certificate",
  name: "Certificate",
  from: "client",
  record: "application_data",
  encrypted: true,
  summary: "The client's chain, leaf first, echoing the request's context. Encrypted: a passive observer cannot see who the client is.",
  mtlsFields: {
    certificate_request_context: "Echoes the CertificateRequest (empty in the handshake).",
    certificate_list: "Leaf then intermediates; empty when the client has no certificate.",
  },
  checks: ["The server builds a chain to its client CA (ca option, ssl_client_certificate).", "extendedKeyUsage must allow clientAuth.", "Validity dates, signatures, path length."],
  failures: [
    { codes: ["NO_CLIENT_CERTIFICATE", "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE"], what: "The list is empty: the client sent no certificate.", alert: "116 certificate_required (server)", client: "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED 'tlsv13 alert certificate required' (SSL alert number 116)", server: "Node: tlsClientError ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE; with rejectUnauthorized false: authorizationError UNABLE_TO_GET_ISSUER_CERT (read it as 'no certificate sent')" },
    { codes: [...CHAIN_CODES], what: "The server cannot chain the client certificate to a CA it trusts for clients.", alert: "48 unknown_ca (OpenSSL-verifying servers); Node closes the connection without an alert", client: "Node: ECONNRESET 'socket hang up' (no reason given)", server: "authorizationError UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UNABLE_TO_VERIFY_LEAF_SIGNATURE (intermediate not sent), DEPTH_ZERO_SELF_SIGNED_CERT, ..." },
    { codes: [...TIME_CODES], what: "The client certificate is expired or not yet valid.", alert: "45 certificate_expired", client: "Node: ECONNRESET 'socket hang up'", server: "CERT_HAS_EXPIRED / CERT_NOT_YET_VALID; nginx: 400 'The SSL certificate error', log '(10:certificate has expired)'" },
    { codes: [...PURPOSE_CODES], what: "The certificate is not for client authentication (EKU serverAuth only) or an issuer is not a CA.", alert: "42 bad_certificate or 43 unsupported_certificate", client: "Node: ECONNRESET 'socket hang up'", server: "INVALID_PURPOSE; nginx: FAILED:unsuitable certificate purpose" },
    { codes: ["CERT_REVOKED"], what: "The certificate is on the CRL the server checks.", alert: "44 certificate_revoked", server: "CERT_REVOKED" },
  ],
  rfc: "RFC 8446 4.4.2",
};

export const clientCertificateVerify13: FlowStep = {
  id: "client-certificate-verify",
  name: "CertificateVerify",
  from: "client",
  record: "application_data",
  encrypted: true,
  summary: "The client signs the transcript with its private key. Without this a stolen certificate (public) would be enough; with it, only the key holder passes.",
  mtlsFields: { algorithm: "One of the CertificateRequest's signature_algorithms.", signature: "Over 64 spaces, 'TLS 1.3, client CertificateVerify', 0, and the transcript hash." },
  checks: ["The server verifies the signature with the client certificate's public key."],
  failures: [{ codes: ["KEY_MISMATCH"], what: "The client's key is not the certificate's key. Node refuses before connecting: 'key values mismatch'; other stacks send a signature that fails.", alert: "51 decrypt_error", server: "bad signature / decrypt error" }],
  rfc: "RFC 8446 4.4.3",
};

export const clientFinished13: FlowStep = {
  id: "client-finished",
  name: "Finished",
  from: "client",
  record: "application_data",
  encrypted: true,
  summary: "The client's HMAC over the transcript, including its own Certificate and CertificateVerify.",
  mtlsFields: { verify_data: "HMAC(finished_key, Transcript-Hash(ClientHello ... client CertificateVerify))." },
  checks: ["The server recomputes verify_data, then judges the client certificate."],
  failures: [],
  rfc: "RFC 8446 4.4.4",
};

export const newSessionTicket13: FlowStep = {
  id: "new-session-ticket",
  name: "NewSessionTicket",
  from: "server",
  record: "application_data",
  encrypted: true,
  optional: true,
  postHandshake: true,
  summary: "After the handshake the server may hand out resumption tickets (OpenSSL sends two). A resumed session keeps the client identity without a new Certificate.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 8446 4.6.1",
};
