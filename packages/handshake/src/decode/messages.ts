/**
 * Handshake message bodies decoded into annotated fields (RFC 8446 4, RFC 5246 7.4). The comments on
 * each field say why it matters for client authentication.
 */
import { toHex } from "@mtls-lab/x509";
import type { Fields, FieldValue } from "../types.js";
import { decodeAuthorities, decodeExtensions } from "./extensions.js";
import { lookup } from "../registries/lookup.js";
import { nameOf } from "./names.js";
import { Reader } from "./reader.js";

/** RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
export const HELLO_RETRY_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

/** Certificates found in a Certificate message: DER and where it sits inside the message. */
export interface RawCertificate {
  der: Uint8Array;
  start: number;
  end: number;
}

export interface ParsedMessage {
  name: string;
  fields: Fields;
  certificates: RawCertificate[];
  /** Values the decoder needs later. */
  random?: string;
  cipherSuite?: number;
  selectedVersion?: number;
}

/** Decodes one handshake message (`type`, `body` without the 4-byte header). `tls13` picks the 1.3 layouts. */
export function parseHandshakeMessage(type: number, body: Uint8Array, tls13: boolean, where: string): ParsedMessage {
  const reader = new Reader(body, where);
  // The 4-byte header precedes body; certificate offsets are reported relative to the whole message.
  const headerLength = 4;
  switch (type) {
    case 1: {
      const legacyVersion = reader.u16("legacy_version");
      const random = toHex(reader.take(32, "random"));
      const sessionId = toHex(reader.vector(1, "legacy_session_id"));
      const suites = new Reader(reader.vector(2, "cipher_suites"), where);
      const cipherSuites: string[] = [];
      while (suites.remaining > 0) cipherSuites.push(nameOf("cipherSuite", suites.u16()));
      const compression = toHex(reader.vector(1, "legacy_compression_methods"));
      const extensions = reader.remaining > 0 ? decodeExtensions(reader.vector(2, "extensions"), "ClientHello", where) : {};
      return {
        name: "ClientHello",
        random,
        certificates: [],
        fields: { legacy_version: nameOf("version", legacyVersion), random, legacy_session_id: sessionId, cipher_suites: cipherSuites, legacy_compression_methods: compression, extensions },
      };
    }
    case 2: {
      const legacyVersion = reader.u16("legacy_version");
      const random = toHex(reader.take(32, "random"));
      const retry = random === HELLO_RETRY_RANDOM;
      const sessionId = toHex(reader.vector(1, "legacy_session_id_echo"));
      const cipherSuite = reader.u16("cipher_suite");
      reader.u8("legacy_compression_method");
      const extensions = reader.remaining > 0 ? decodeExtensions(reader.vector(2, "extensions"), retry ? "HelloRetryRequest" : "ServerHello", where) : {};
      const supported = extensions["supported_versions"];
      const selectedVersion = typeof supported === "string" && supported.startsWith("TLSv1.3") ? 0x0304 : legacyVersion;
      return {
        name: retry ? "HelloRetryRequest" : "ServerHello",
        random,
        cipherSuite,
        selectedVersion,
        certificates: [],
        fields: { legacy_version: nameOf("version", legacyVersion), random, legacy_session_id_echo: sessionId, cipher_suite: nameOf("cipherSuite", cipherSuite), extensions },
      };
    }
    case 8:
      return { name: "EncryptedExtensions", certificates: [], fields: { extensions: decodeExtensions(reader.vector(2, "extensions"), "EncryptedExtensions", where) } };
    case 13: {
      if (tls13) {
        // RFC 8446 4.3.2: the context is echoed in the client's Certificate; empty during the handshake.
        const context = toHex(reader.vector(1, "certificate_request_context"));
        const extensions = decodeExtensions(reader.vector(2, "extensions"), "CertificateRequest", where);
        return { name: "CertificateRequest", certificates: [], fields: { certificate_request_context: context, extensions } };
      }
      const types = Array.from(reader.vector(1, "certificate_types"), (t) => ({ 1: "rsa_sign", 2: "dss_sign", 64: "ecdsa_sign" })[t] ?? String(t));
      const algorithms = new Reader(reader.vector(2, "supported_signature_algorithms"), where);
      const schemes: string[] = [];
      while (algorithms.remaining > 0) schemes.push(nameOf("signatureScheme", algorithms.u16()));
      const authorities = decodeAuthorities(reader.vector(2, "certificate_authorities"), where);
      return { name: "CertificateRequest", certificates: [], fields: { certificate_types: types, supported_signature_algorithms: schemes, certificate_authorities: authorities } };
    }
    case 11: {
      const fields: Fields = {};
      if (tls13) fields.certificate_request_context = toHex(reader.vector(1, "certificate_request_context"));
      const listLength = reader.u24("certificate_list length");
      const listStart = reader.offset;
      const certificates: RawCertificate[] = [];
      const entries: FieldValue[] = [];
      while (reader.offset - listStart < listLength) {
        const length = reader.u24("cert_data length");
        const start = headerLength + reader.offset;
        const der = reader.take(length, "cert_data");
        certificates.push({ der, start, end: start + length });
        const entry: Fields = { length, range: [start, start + length] };
        if (tls13) {
          const extensions = reader.vector(2, "CertificateEntry extensions");
          if (extensions.length > 0) entry.extensions = decodeExtensions(extensions, "Certificate", where);
        }
        entries.push(entry);
      }
      fields.certificate_list = entries;
      // RFC 8446 4.4.2.4 / RFC 5246 7.4.6: an empty list is how a client says "I have no certificate".
      fields.empty = certificates.length === 0;
      return { name: "Certificate", certificates, fields };
    }
    case 15: {
      const algorithm = nameOf("signatureScheme", reader.u16("algorithm"));
      const signature = reader.vector(2, "signature");
      return { name: "CertificateVerify", certificates: [], fields: { algorithm, signature_length: signature.length, signature: toHex(signature) } };
    }
    case 20:
      return { name: "Finished", certificates: [], fields: { verify_data: toHex(reader.rest()) } };
    case 12: {
      const curveType = reader.u8("curve_type");
      if (curveType !== 3) return { name: "ServerKeyExchange", certificates: [], fields: { params: toHex(body) } };
      const group = nameOf("group", reader.u16("named_curve"));
      const publicKey = toHex(reader.vector(1, "public"));
      const algorithm = nameOf("signatureScheme", reader.u16("signature algorithm"));
      const signature = reader.vector(2, "signature");
      return { name: "ServerKeyExchange", certificates: [], fields: { curve_type: "named_curve", named_curve: group, public: publicKey, algorithm, signature_length: signature.length } };
    }
    case 14:
      return { name: "ServerHelloDone", certificates: [], fields: {} };
    case 16: {
      // ECDHE: ECPoint public<1..2^8-1> (RFC 8422 5.7); other key exchanges are shown raw.
      const length = body[0] ?? 0;
      const fields: Fields = length + 1 === body.length ? { public: toHex(body.subarray(1)) } : { exchange_keys: toHex(body) };
      return { name: "ClientKeyExchange", certificates: [], fields };
    }
    case 4: {
      const lifetime = reader.u32();
      return { name: "NewSessionTicket", certificates: [], fields: { ticket_lifetime: lifetime, length: body.length } };
    }
    case 24:
      return { name: "KeyUpdate", certificates: [], fields: { request_update: body[0] === 1 } };
    default:
      return { name: `handshake type ${type}`, certificates: [], fields: { length: body.length } };
  }
}

/** Decodes an alert record's two bytes (RFC 8446 6). */
export function parseAlert(fragment: Uint8Array, where: string): Fields {
  const reader = new Reader(fragment, where);
  const level = reader.u8("alert level");
  const description = reader.u8("alert description");
  return {
    level: level === 2 ? "fatal (2)" : level === 1 ? "warning (1)" : `unknown (${level})`,
    description: `${lookup("alert", description).name} (${description})`,
    code: description,
  };
}
