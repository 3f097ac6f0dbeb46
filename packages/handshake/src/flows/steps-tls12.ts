/**
 * The steps of a full TLS 1.2 ECDHE handshake with client authentication (RFC 5246 7.3, 7.4; RFC 8422),
 * as data. Everything before ChangeCipherSpec travels in plaintext, client certificate included.
 */
import type { FlowStep } from "../types.js";
import { CHAIN_CODES, PURPOSE_CODES, TIME_CODES } from "./steps-tls13.js";

export const clientHello12: FlowStep = {
  id: "client-hello",
  name: "ClientHello",
  from: "client",
  record: "handshake",
  encrypted: false,
  summary: "The client offers TLS 1.2 cipher suites (ECDHE with AES-GCM or ChaCha20) and its random.",
  mtlsFields: { signature_algorithms: "Which signatures the client accepts from the server." },
  checks: ["The server picks a cipher suite it shares with the client."],
  failures: [{ codes: ["ERR_SSL_NO_PROTOCOLS_AVAILABLE", "ERR_SSL_UNSUPPORTED_PROTOCOL"], what: "No common version or cipher suite.", alert: "40 handshake_failure or 70 protocol_version" }],
  rfc: "RFC 5246 7.4.1.2",
};

export const serverHello12: FlowStep = {
  id: "server-hello",
  name: "ServerHello",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The chosen cipher suite and the server random.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 5246 7.4.1.3",
};

export const serverCertificate12: FlowStep = {
  id: "server-certificate",
  name: "Certificate",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The server's chain in plaintext: anyone on the path can read it.",
  mtlsFields: { certificate_list: "Leaf then intermediates." },
  checks: ["The client builds a chain to its trust store, checks subjectAltName and serverAuth."],
  failures: [
    { codes: [...CHAIN_CODES, ...TIME_CODES, ...PURPOSE_CODES], what: "The client cannot verify the server's chain.", alert: "48 unknown_ca, 45 certificate_expired, 42 bad_certificate", client: "Node: 'unable to get local issuer certificate', 'certificate has expired', ..." },
    { codes: ["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH", "IP_ADDRESS_MISMATCH"], what: "The host name is not in the server certificate's subjectAltName.", client: "Hostname/IP does not match certificate's altnames: ..." },
  ],
  rfc: "RFC 5246 7.4.2",
};

export const serverKeyExchange12: FlowStep = {
  id: "server-key-exchange",
  name: "ServerKeyExchange",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The server's ephemeral ECDH public key, signed with its certificate key.",
  mtlsFields: {},
  checks: ["The client verifies the signature with the server certificate's key."],
  failures: [{ codes: ["SERVER_KEY_MISMATCH", "KEY_MISMATCH"], what: "The server's key does not match its certificate: the signature over the key exchange fails (Node refuses to start: 'key values mismatch').", alert: "51 decrypt_error" }],
  rfc: "RFC 5246 7.4.3, RFC 8422 5.4",
};

export const certificateRequest12: FlowStep = {
  id: "certificate-request",
  name: "CertificateRequest",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The server asks for a client certificate: the mTLS message, in plaintext.",
  mtlsFields: {
    certificate_types: "Key types the client may use (ecdsa_sign, rsa_sign).",
    supported_signature_algorithms: "Signatures allowed for the client's CertificateVerify.",
    certificate_authorities: "The CA names the server accepts for clients.",
  },
  checks: ["The client picks a certificate that fits."],
  failures: [{ codes: ["NO_CLIENT_CERTIFICATE"], what: "The client has no matching certificate.", client: "Sends an empty Certificate." }],
  rfc: "RFC 5246 7.4.4",
};

export const serverHelloDone12: FlowStep = {
  id: "server-hello-done",
  name: "ServerHelloDone",
  from: "server",
  record: "handshake",
  encrypted: false,
  summary: "The end of the server's first flight.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 5246 7.4.5",
};

export const clientCertificate12: FlowStep = {
  id: "client-certificate",
  name: "Certificate",
  from: "client",
  record: "handshake",
  encrypted: false,
  summary: "The client's chain, in plaintext: in TLS 1.2 an observer learns the client's identity.",
  mtlsFields: { certificate_list: "Leaf then intermediates; empty when the client has no certificate (RFC 5246 7.4.6)." },
  checks: ["The server builds a chain to its client CA, checks clientAuth, dates and signatures."],
  failures: [
    { codes: ["NO_CLIENT_CERTIFICATE", "ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE"], what: "The list is empty.", alert: "40 handshake_failure (server)", client: "'sslv3 alert handshake failure' (SSL alert number 40)", server: "Node: ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE; nginx (ssl_verify_client on): 400 'No required SSL certificate was sent'" },
    { codes: [...CHAIN_CODES], what: "The server cannot chain the client certificate to a CA it trusts for clients.", alert: "48 unknown_ca (OpenSSL-verifying servers); Node closes without an alert", client: "Node: 'Client network socket disconnected before secure TLS connection was established'", server: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY, UNABLE_TO_VERIFY_LEAF_SIGNATURE, ..." },
    { codes: [...TIME_CODES], what: "Expired or not yet valid.", alert: "45 certificate_expired", server: "CERT_HAS_EXPIRED / CERT_NOT_YET_VALID" },
    { codes: [...PURPOSE_CODES], what: "Not for client authentication, or an issuer is not a CA.", alert: "42 bad_certificate or 43 unsupported_certificate", server: "INVALID_PURPOSE" },
    { codes: ["CERT_REVOKED"], what: "On the CRL.", alert: "44 certificate_revoked" },
  ],
  rfc: "RFC 5246 7.4.6",
};

export const clientKeyExchange12: FlowStep = {
  id: "client-key-exchange",
  name: "ClientKeyExchange",
  from: "client",
  record: "handshake",
  encrypted: false,
  summary: "The client's ephemeral ECDH public key. Both sides now compute the master secret (the key log's CLIENT_RANDOM line).",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 5246 7.4.7, RFC 8422 5.7",
};

export const clientCertificateVerify12: FlowStep = {
  id: "client-certificate-verify",
  name: "CertificateVerify",
  from: "client",
  record: "handshake",
  encrypted: false,
  summary: "The client signs all handshake messages so far: proof it holds the certificate's private key. Absent when the client sent no certificate.",
  mtlsFields: { algorithm: "One of supported_signature_algorithms.", signature: "Over the handshake messages up to here." },
  checks: ["The server verifies the signature with the client certificate's key."],
  failures: [{ codes: ["KEY_MISMATCH"], what: "The key is not the certificate's key (Node refuses before connecting: 'key values mismatch').", alert: "51 decrypt_error" }],
  rfc: "RFC 5246 7.4.8",
};

export const changeCipherSpec12 = (from: "client" | "server"): FlowStep => ({
  id: `${from}-change-cipher-spec`,
  name: "ChangeCipherSpec",
  from,
  record: "change_cipher_spec",
  encrypted: false,
  summary: "From the next record on, this side encrypts with the new keys.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 5246 7.1",
});

export const finished12 = (from: "client" | "server"): FlowStep => ({
  id: `${from}-finished`,
  name: "Finished",
  from,
  record: "handshake",
  encrypted: true,
  summary: `The ${from}'s PRF over all handshake messages: the first encrypted message. The decoder recomputes it from the master secret.`,
  mtlsFields: { verify_data: `PRF(master_secret, "${from} finished", Hash(handshake_messages))[0..11].` },
  checks: ["The peer recomputes verify_data."],
  failures: [],
  rfc: "RFC 5246 7.4.9",
});

export const newSessionTicket12: FlowStep = {
  id: "new-session-ticket",
  name: "NewSessionTicket",
  from: "server",
  record: "handshake",
  encrypted: false,
  optional: true,
  summary: "A session ticket for resumption, sent before the server's ChangeCipherSpec.",
  mtlsFields: {},
  checks: [],
  failures: [],
  rfc: "RFC 5077 3.3",
};
