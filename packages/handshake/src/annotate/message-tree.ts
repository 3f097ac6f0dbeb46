/**
 * One handshake message (4-byte header included) as a byte tree in message offsets (RFC 8446 4,
 * RFC 5246 7.4). Certificates are marked so a page can open their DER in Inspect.
 */
import { nameOf } from "../decode/names.js";
import { HELLO_RETRY_RANDOM } from "../decode/messages.js";
import { lookup } from "../registries/lookup.js";
import type { ByteNode } from "../types.js";
import { readAuthorities, readExtensions } from "./extension-tree.js";
import { TreeReader } from "./tree-reader.js";
import { toHex } from "@mtls-lab/x509";

/** What the tree needs to know about the message beyond its bytes. */
export interface MessageContext {
  tls13: boolean;
  /** Marks the whole message as specific to client authentication. */
  mtls: boolean;
  /** SHA-256 of each certificate of a Certificate message, in order. */
  certificateHashes: string[];
}

const hex = (bytes: Uint8Array) => toHex(bytes);
const CERTIFICATE_TYPES: Readonly<Record<number, string>> = { 1: "rsa_sign", 2: "dss_sign", 64: "ecdsa_sign" };

function readCertificate(reader: TreeReader, context: MessageContext): void {
  if (context.tls13) reader.vector("certificate_request_context", 1, { mtls: context.mtls });
  let index = 0;
  reader.vector("certificate_list", 3, { mtls: context.mtls }, (end) =>
    reader.until(end, () => {
      const position = index++;
      const read = () =>
        reader.vector("cert_data", 3, { label: `certificate ${position + 1}` }, (derEnd) => {
          const sha256 = context.certificateHashes[position] ?? "";
          reader.leaf("cert_data.der", derEnd - reader.offset, { label: `certificate ${position + 1} (DER)`, certificate: { index: position, sha256 }, mtls: context.mtls });
        });
      if (!context.tls13) return void read();
      reader.group("certificate_entry", { label: `CertificateEntry ${position + 1}` }, () => {
        read();
        reader.vector("certificate_entry.extensions", 2);
      });
    }),
  );
}

function readBody(reader: TreeReader, type: number, context: MessageContext): void {
  const rest = () => reader.leaf("body", reader.remaining);
  switch (type) {
    case 1:
      reader.number("legacy_version", 2, (v) => nameOf("version", v));
      reader.leaf("random", 32, (b) => ({ value: hex(b) }));
      reader.vector("legacy_session_id", 1);
      reader.vector("cipher_suites", 2, {}, (end) => reader.until(end, () => reader.number("cipher_suite", 2, (v) => nameOf("cipherSuite", v), { label: "cipher suite" })));
      reader.vector("legacy_compression_methods", 1);
      if (reader.remaining > 0) readExtensions(reader, "ClientHello");
      return;
    case 2: {
      reader.number("legacy_version", 2, (v) => nameOf("version", v));
      const random = reader.leaf("random", 32, (b) => ({ value: hex(b) === HELLO_RETRY_RANDOM ? "HelloRetryRequest (RFC 8446 4.1.3)" : hex(b) }));
      reader.vector("legacy_session_id_echo", 1);
      reader.number("cipher_suite", 2, (v) => nameOf("cipherSuite", v));
      reader.number("legacy_compression_method", 1);
      if (reader.remaining > 0) readExtensions(reader, hex(random) === HELLO_RETRY_RANDOM ? "HelloRetryRequest" : "ServerHello");
      return;
    }
    case 8:
      return readExtensions(reader, "EncryptedExtensions");
    case 13:
      if (context.tls13) {
        reader.vector("certificate_request_context", 1);
        return readExtensions(reader, "CertificateRequest");
      }
      reader.vector("certificate_types", 1, {}, (end) => reader.until(end, () => reader.number("certificate_type", 1, (t) => `${CERTIFICATE_TYPES[t] ?? "unassigned"} (${t})`)));
      reader.vector("supported_signature_algorithms", 2, {}, (end) => reader.until(end, () => reader.number("signature_scheme", 2, (v) => nameOf("signatureScheme", v))));
      return void reader.vector("certificate_authorities", 2, {}, (end) => readAuthorities(reader, end));
    case 11:
      return readCertificate(reader, context);
    case 15:
      reader.number("certificate_verify.algorithm", 2, (v) => nameOf("signatureScheme", v));
      return void reader.vector("certificate_verify.signature", 2, { mtls: context.mtls });
    case 20:
      return void reader.leaf("verify_data", reader.remaining, (b) => ({ value: hex(b) }));
    case 12: {
      if (reader.bytes[reader.offset] !== 3) return void reader.leaf("server_key_exchange.params", reader.remaining);
      reader.number("server_key_exchange.curve_type", 1, () => "named_curve (3)");
      reader.number("server_key_exchange.named_curve", 2, (v) => nameOf("group", v));
      reader.vector("server_key_exchange.public", 1);
      reader.number("server_key_exchange.algorithm", 2, (v) => nameOf("signatureScheme", v));
      return void reader.vector("server_key_exchange.signature", 2);
    }
    case 16:
      // ECDHE: ECPoint public<1..2^8-1> (RFC 8422 5.7); anything else stays bytes.
      if ((reader.bytes[reader.offset] ?? -1) + 1 === reader.remaining) return void reader.vector("client_key_exchange.public", 1);
      return void reader.leaf("client_key_exchange.exchange_keys", reader.remaining);
    case 4:
      reader.number("ticket_lifetime", 4, (v) => `${v} s`);
      if (context.tls13) {
        reader.number("ticket_age_add", 4);
        reader.vector("ticket_nonce", 1);
        reader.vector("ticket", 2);
        return readExtensions(reader, "NewSessionTicket");
      }
      return void reader.vector("ticket", 2);
    case 24:
      return void reader.number("request_update", 1, (v) => (v === 1 ? "update_requested (1)" : "update_not_requested (0)"));
    default:
      return void rest();
  }
}

/** The tree of one handshake message, header included, in offsets from the message's first byte. */
export function messageTree(bytes: Uint8Array, context: MessageContext, where: string): ByteNode {
  const reader = new TreeReader(bytes, where);
  const type = bytes[0] as number;
  const name = lookup("handshakeType", type).name;
  const label = lookup("handshakeType", type).status === "assigned" ? name : `handshake type ${type}`;
  reader.group("handshake", { label, mtls: context.mtls }, () => {
    reader.number("handshake.type", 1, (v) => `${label} (${v})`);
    reader.number("handshake.length", 3);
    // The body is read on a reader of its own range so a malformed body cannot run into the next message.
    const body = new TreeReader(bytes.subarray(0, bytes.length), where);
    body.leaf("skip", 4);
    try {
      readBody(body, type, context);
      if (body.remaining > 0) body.leaf("body", body.remaining, { label: "trailing bytes" });
      for (const node of body.nodes.slice(1)) reader.adopt(node);
    } catch {
      reader.leaf("body", bytes.length - 4);
    }
  });
  return reader.nodes[0] as ByteNode;
}
