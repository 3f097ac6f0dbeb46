/**
 * The handshake flows mTLS Lab explains, each a sequence of steps (steps-tls13.ts, steps-tls12.ts).
 * Variants change a step or two of the full handshakes; the data says where each one differs.
 */
import type { Flow, FlowStep } from "../types.js";
import * as t12 from "./steps-tls12.js";
import * as t13 from "./steps-tls13.js";

function alertStep(id: string, from: "client" | "server", alert: number, name: string, encrypted: boolean, rfc: string, summary: string, optional = false): FlowStep {
  return { id, name: "Alert", from, record: encrypted ? "application_data" : "alert", encrypted, alert, optional, summary: `${alert} ${name}: ${summary}`, mtlsFields: { description: `${alert} ${name}` }, checks: [], failures: [], rfc };
}

function httpStep(id: string, status: string, summary: string): FlowStep {
  return { id, name: `HTTP ${status}`, from: "server", record: "application_data", encrypted: true, application: true, summary, mtlsFields: {}, checks: [], failures: [], rfc: "RFC 9110 15" };
}

const serverFlight13 = [t13.clientHello13, t13.serverHello13, t13.compatibilityCcs13("server"), t13.encryptedExtensions13, t13.certificateRequest13, t13.serverCertificate13, t13.serverCertificateVerify13, t13.serverFinished13, t13.compatibilityCcs13("client")];
const serverFlight12 = [t12.clientHello12, t12.serverHello12, t12.serverCertificate12, t12.serverKeyExchange12, t12.certificateRequest12, t12.serverHelloDone12];
const serverFinish12 = [t12.newSessionTicket12, t12.changeCipherSpec12("server"), t12.finished12("server")];

const emptyCertificate13: FlowStep = {
  ...t13.clientCertificate13,
  id: "client-certificate-empty",
  summary: "The client has no certificate to offer and says so with an empty certificate_list. No CertificateVerify follows.",
};
const emptyCertificate12: FlowStep = {
  ...t12.clientCertificate12,
  id: "client-certificate-empty",
  summary: "The client answers the request with an empty certificate_list; no CertificateVerify follows.",
};

/** Every flow by id. */
export const flows = {
  "tls13-mtls": {
    id: "tls13-mtls",
    title: "TLS 1.3 with client authentication",
    tlsVersion: "TLSv1.3",
    description: "One round trip. Everything after ServerHello is encrypted, the client's certificate included. The client authenticates last: Certificate, CertificateVerify, Finished.",
    steps: [...serverFlight13, t13.clientCertificate13, t13.clientCertificateVerify13, t13.clientFinished13, t13.newSessionTicket13],
  },
  "tls12-mtls": {
    id: "tls12-mtls",
    title: "TLS 1.2 full ECDHE handshake with client authentication",
    tlsVersion: "TLSv1.2",
    description: "Two round trips. Certificates, the CertificateRequest and the client's CertificateVerify travel in plaintext; only Finished is encrypted.",
    steps: [...serverFlight12, t12.clientCertificate12, t12.clientKeyExchange12, t12.clientCertificateVerify12, t12.changeCipherSpec12("client"), t12.finished12("client"), ...serverFinish12],
  },
  "tls13-no-client-cert": {
    id: "tls13-no-client-cert",
    title: "TLS 1.3: the client sends no certificate",
    tlsVersion: "TLSv1.3",
    description: "The client answers with an empty Certificate and its Finished; a server that requires a certificate then sends alert 116 certificate_required, encrypted. The client may already believe it is connected.",
    steps: [
      ...serverFlight13,
      emptyCertificate13,
      t13.clientFinished13,
      alertStep("alert-certificate-required", "server", 116, "certificate_required", true, "RFC 8446 4.4.2.4", "the server required a certificate. Node client: ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED; Node server: ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE."),
    ],
  },
  "tls12-no-client-cert": {
    id: "tls12-no-client-cert",
    title: "TLS 1.2: the client sends no certificate",
    tlsVersion: "TLSv1.2",
    description: "The client sends an empty Certificate and finishes its flight; an OpenSSL or Node server that requires a certificate answers with alert 40 handshake_failure in plaintext. (nginx completes the handshake instead and answers HTTP 400: see nginx-on-no-client-cert.)",
    steps: [
      ...serverFlight12,
      emptyCertificate12,
      t12.clientKeyExchange12,
      t12.changeCipherSpec12("client"),
      t12.finished12("client"),
      alertStep("alert-handshake-failure", "server", 40, "handshake_failure", false, "RFC 5246 7.4.6", "no certificate where one is required. Node client: 'sslv3 alert handshake failure' (SSL alert number 40)."),
    ],
  },
  "tls13-rejected-client": {
    id: "tls13-rejected-client",
    title: "TLS 1.3: the server rejects the client certificate",
    tlsVersion: "TLSv1.3",
    description: "The client sends a certificate the server cannot accept. An OpenSSL-verifying server answers with an alert naming the reason (48 unknown_ca, 45 certificate_expired, 42 bad_certificate, 43 unsupported_certificate, 44 certificate_revoked); Node's server checks after the handshake and closes the connection without an alert, so its client sees only ECONNRESET 'socket hang up'. nginx answers HTTP 400 'The SSL certificate error'.",
    steps: [
      ...serverFlight13,
      t13.clientCertificate13,
      t13.clientCertificateVerify13,
      t13.clientFinished13,
      alertStep("alert-rejected", "server", 48, "unknown_ca", true, "RFC 8446 6.2", "the issuer is not trusted for clients (45 certificate_expired, 42 bad_certificate, ... for other reasons). Absent with Node servers, which close the connection.", true),
    ],
  },
  "tls12-rejected-client": {
    id: "tls12-rejected-client",
    title: "TLS 1.2: the server rejects the client certificate",
    tlsVersion: "TLSv1.2",
    description: "As in TLS 1.3, but the alert is sent in plaintext and the client learns the reason before its Finished is answered. Node's server closes without an alert; its client reports 'Client network socket disconnected before secure TLS connection was established'.",
    steps: [
      ...serverFlight12,
      t12.clientCertificate12,
      t12.clientKeyExchange12,
      t12.clientCertificateVerify12,
      t12.changeCipherSpec12("client"),
      t12.finished12("client"),
      // Node's server judges the certificate in JS after OpenSSL's handshake; measured (Node 20, 240 runs)
      // it destroys the socket before its last flight leaves, but nothing documents that order, so the
      // flight stays optional. OpenSSL-verifying servers never send it.
      ...serverFinish12.map((step) => ({ ...step, optional: true })),
      alertStep("alert-rejected", "server", 48, "unknown_ca", false, "RFC 5246 7.2.2", "the issuer is not trusted for clients (45, 42, ... for other reasons). Absent with Node servers.", true),
    ],
  },
  "nginx-on-no-client-cert": {
    id: "nginx-on-no-client-cert",
    title: "nginx ssl_verify_client on, TLS 1.3: no client certificate",
    tlsVersion: "TLSv1.3",
    description: "nginx lets the handshake finish without a certificate and refuses at the HTTP level: 400 'No required SSL certificate was sent', log 'client sent no required SSL certificate while reading client request headers'. The TLS layer shows no alert.",
    steps: [...serverFlight13, emptyCertificate13, t13.clientFinished13, httpStep("http-400", "400", "400 No required SSL certificate was sent.")],
  },
  "nginx-optional": {
    id: "nginx-optional",
    title: "nginx ssl_verify_client optional, TLS 1.3",
    tlsVersion: "TLSv1.3",
    description: "A client may send no certificate: $ssl_client_verify is NONE and the request goes on (200). A certificate that fails verification is still refused with 400 before any location runs, so `if ($ssl_client_verify != SUCCESS) { return 403; }` only catches the 'no certificate' case.",
    steps: [...serverFlight13, emptyCertificate13, t13.clientFinished13, httpStep("http-200", "200", "The request reaches the application with $ssl_client_verify = NONE; decide there what an anonymous client may do.")],
  },
  "nginx-optional-no-ca": {
    id: "nginx-optional-no-ca",
    title: "nginx ssl_verify_client optional_no_ca, TLS 1.3",
    tlsVersion: "TLSv1.3",
    description: "The client certificate is requested and its signature checked, but issuer errors pass: a certificate from an unknown CA gives 200 with $ssl_client_verify = FAILED:unable to verify the first certificate (measured with a leaf sent alone). Expired, purpose and signature errors are still 400. The application must check $ssl_client_verify or the fingerprint itself.",
    steps: [...serverFlight13, t13.clientCertificate13, t13.clientCertificateVerify13, t13.clientFinished13, httpStep("http-200", "200", "200 with $ssl_client_verify = FAILED:<reason>: the application decides.")],
  },
  "nginx-tls12-on-no-client-cert": {
    id: "nginx-tls12-on-no-client-cert",
    title: "nginx ssl_verify_client on, TLS 1.2: no client certificate",
    tlsVersion: "TLSv1.2",
    description: "As over TLS 1.3: nginx completes the handshake, its Finished included, although the client sent an empty Certificate, then refuses at the HTTP level with 400 'No required SSL certificate was sent'. No alert 40, unlike an OpenSSL or Node server.",
    steps: [...serverFlight12, emptyCertificate12, t12.clientKeyExchange12, t12.changeCipherSpec12("client"), t12.finished12("client"), ...serverFinish12, httpStep("http-400", "400", "400 No required SSL certificate was sent.")],
  },
  "nginx-tls12-optional": {
    id: "nginx-tls12-optional",
    title: "nginx ssl_verify_client optional, TLS 1.2",
    tlsVersion: "TLSv1.2",
    description: "A client may send no certificate: the handshake completes, $ssl_client_verify is NONE and the request goes on (200). A certificate that fails verification is still refused with 400 before any location runs.",
    steps: [...serverFlight12, emptyCertificate12, t12.clientKeyExchange12, t12.changeCipherSpec12("client"), t12.finished12("client"), ...serverFinish12, httpStep("http-200", "200", "The request reaches the application with $ssl_client_verify = NONE; decide there what an anonymous client may do.")],
  },
  "nginx-tls12-optional-no-ca": {
    id: "nginx-tls12-optional-no-ca",
    title: "nginx ssl_verify_client optional_no_ca, TLS 1.2",
    tlsVersion: "TLSv1.2",
    description: "The client certificate and its CertificateVerify travel in plaintext; issuer errors pass, so a certificate from an unknown CA gives 200 with $ssl_client_verify = FAILED:<reason>. The application must check $ssl_client_verify or the fingerprint itself.",
    steps: [...serverFlight12, t12.clientCertificate12, t12.clientKeyExchange12, t12.clientCertificateVerify12, t12.changeCipherSpec12("client"), t12.finished12("client"), ...serverFinish12, httpStep("http-200", "200", "200 with $ssl_client_verify = FAILED:<reason>: the application decides.")],
  },
  "tls13-post-handshake-auth": {
    id: "tls13-post-handshake-auth",
    title: "TLS 1.3 post-handshake client authentication",
    tlsVersion: "TLSv1.3",
    description: "The client offers post_handshake_auth in its ClientHello; the server finishes the handshake without asking for a certificate and later (for example when a protected path is requested) sends a CertificateRequest with a non-empty certificate_request_context. The client answers with Certificate, CertificateVerify and Finished under the application traffic keys. HTTP/2 forbids it (RFC 8740); browsers do not offer it.",
    steps: [
      { ...t13.clientHello13, summary: "The ClientHello carries the empty post_handshake_auth extension (RFC 8446 4.2.6)." },
      t13.serverHello13,
      t13.compatibilityCcs13("server"),
      t13.encryptedExtensions13,
      t13.serverCertificate13,
      t13.serverCertificateVerify13,
      t13.serverFinished13,
      t13.compatibilityCcs13("client"),
      { ...t13.clientFinished13, summary: "The handshake ends without client authentication." },
      { ...t13.certificateRequest13, id: "post-handshake-certificate-request", postHandshake: true, summary: "Sent at any time after the handshake, under the application traffic keys, with a fresh non-empty certificate_request_context.", rfc: "RFC 8446 4.6.2" },
      { ...t13.clientCertificate13, id: "post-handshake-client-certificate", postHandshake: true, rfc: "RFC 8446 4.6.2" },
      { ...t13.clientCertificateVerify13, id: "post-handshake-client-certificate-verify", postHandshake: true, rfc: "RFC 8446 4.6.2" },
      { ...t13.clientFinished13, id: "post-handshake-client-finished", postHandshake: true, rfc: "RFC 8446 4.4.4" },
    ],
  },
} as const satisfies Record<string, Flow>;

/** Flow ids. */
export type FlowId = keyof typeof flows;

/** The flow with this id, or undefined. */
export function getFlow(id: string): Flow | undefined {
  return Object.prototype.hasOwnProperty.call(flows, id) ? (flows as Record<string, Flow>)[id] : undefined;
}
