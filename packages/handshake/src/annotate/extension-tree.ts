/**
 * Extensions as byte trees (RFC 8446 4.2): type, length, and the body read entry by entry for the
 * extensions a client-authenticated handshake carries; other bodies stay one leaf.
 */
import { decodeAuthorities } from "../decode/extensions.js";
import { nameOf } from "../decode/names.js";
import { lookup } from "../registries/lookup.js";
import type { ExtensionContext } from "../decode/extensions.js";
import { TreeReader } from "./tree-reader.js";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** One DN as text, through the decoder that reads the whole certificate_authorities list (one source for names). */
function authorityName(der: Uint8Array): string {
  const vector = new Uint8Array(2 + der.length);
  vector.set([der.length >> 8, der.length & 0xff]);
  vector.set(der, 2);
  return decodeAuthorities(vector, "certificate_authorities")[0] ?? "";
}

/** Reads DistinguishedName authorities<3..2^16-1> entries up to `end` (RFC 8446 4.2.4, RFC 5246 7.4.4). */
export function readAuthorities(reader: TreeReader, end: number): void {
  reader.until(end, () => {
    reader.vector("distinguished_name", 2, {}, (dnEnd) => {
      reader.leaf("distinguished_name.der", dnEnd - reader.offset, (der) => ({ label: "name (DER)", value: authorityName(der), mtls: true }));
    });
  });
}

/** A vector of 16-bit codes from one registry. */
function codes16(reader: TreeReader, key: string, entryKey: string, registry: "group" | "signatureScheme" | "version", lengthBytes: 1 | 2): void {
  reader.vector(key, lengthBytes, {}, (end) => reader.until(end, () => reader.number(entryKey, 2, (v) => nameOf(registry, v))));
}

function readBody(reader: TreeReader, type: number, context: ExtensionContext, end: number): void {
  switch (type) {
    case 0:
      return void reader.vector("server_name_list", 2, {}, (listEnd) =>
        reader.until(listEnd, () =>
          reader.group("server_name", {}, () => {
            reader.number("name_type", 1);
            reader.vector("host_name", 2, {}, (hostEnd) => void reader.leaf("host_name.value", hostEnd - reader.offset, (b) => ({ label: "host_name", value: text(b) })));
          }),
        ),
      );
    case 10:
      return void codes16(reader, "named_group_list", "named_group", "group", 2);
    case 13:
    case 50:
      return void codes16(reader, "supported_signature_algorithms", "signature_scheme", "signatureScheme", 2);
    case 43:
      if (context === "ClientHello") return void codes16(reader, "versions", "version", "version", 1);
      return void reader.number("selected_version", 2, (v) => nameOf("version", v));
    case 51:
      if (context === "HelloRetryRequest") return void reader.number("selected_group", 2, (v) => nameOf("group", v));
      if (context === "ServerHello") {
        reader.number("group", 2, (v) => nameOf("group", v));
        return void reader.vector("key_exchange", 2);
      }
      return void reader.vector("client_shares", 2, {}, (sharesEnd) =>
        reader.until(sharesEnd, () =>
          reader.group("key_share_entry", {}, () => {
            reader.number("group", 2, (v) => nameOf("group", v));
            reader.vector("key_exchange", 2);
          }),
        ),
      );
    case 47:
      return void reader.vector("certificate_authorities", 2, { mtls: true }, (listEnd) => readAuthorities(reader, listEnd));
    case 16:
      return void reader.vector("protocol_name_list", 2, {}, (listEnd) =>
        reader.until(listEnd, () => reader.vector("protocol_name", 1, {}, (nameEnd) => void reader.leaf("protocol_name.value", nameEnd - reader.offset, (b) => ({ label: "protocol", value: text(b) })))),
      );
    case 45:
      return void reader.vector("ke_modes", 1, {}, (modesEnd) => reader.until(modesEnd, () => reader.number("ke_mode", 1, (m) => (m === 1 ? "psk_dhe_ke (1)" : m === 0 ? "psk_ke (0)" : String(m)))));
    case 11:
      return void reader.vector("ec_point_formats", 1, {}, (formatsEnd) => reader.until(formatsEnd, () => reader.number("ec_point_format", 1, (f) => (f === 0 ? "uncompressed (0)" : String(f)))));
    default:
      return void reader.leaf("extension.body", end - reader.offset, { label: "body" });
  }
}

/** Reads one extension at the reader's position as a group node with its entries. */
export function readExtension(reader: TreeReader, context: ExtensionContext): void {
  const type = ((reader.bytes[reader.offset] as number) << 8) | (reader.bytes[reader.offset + 1] as number);
  const found = lookup("extension", type);
  const name = found.status === "assigned" ? found.name : nameOf("extension", type);
  reader.group("extension", { label: `extension: ${name}`, mtls: type === 47 }, () => {
    reader.number("extension.type", 2, (v) => nameOf("extension", v));
    const length = reader.number("extension.length", 2);
    const end = reader.offset + length;
    if (length === 0) return;
    // Parse the body on a private reader first: a body this decoder cannot read stays one leaf.
    const probe = new TreeReader(reader.bytes.subarray(0, end), "extension");
    try {
      skipTo(probe, reader.offset);
      readBody(probe, type, context, end);
      if (probe.offset !== end) throw new Error("short");
      readBody(reader, type, context, end);
    } catch {
      reader.leaf("extension.body", length, { label: "body" });
    }
  });
}

function skipTo(reader: TreeReader, offset: number): void {
  if (offset > 0) reader.leaf("skip", offset);
}

/** Reads `Extension extensions<0..2^16-1>` as a vector node. */
export function readExtensions(reader: TreeReader, context: ExtensionContext): void {
  reader.vector("extensions", 2, {}, (end) => reader.until(end, () => readExtension(reader, context)));
}
