/**
 * Extension bodies decoded into fields (RFC 8446 4.2). Unknown extensions keep their length and hex.
 */
import { formatDistinguishedName, toHex } from "@mtls-lab/x509";
import type { FieldValue, Fields } from "../types.js";
import { lookup, type RegistryName } from "../registries/lookup.js";
import { nameOf } from "./names.js";
import { Reader } from "./reader.js";

/** Which message carries the extension: some have a list in ClientHello and one value in ServerHello. */
export type ExtensionContext = "ClientHello" | "ServerHello" | "HelloRetryRequest" | "EncryptedExtensions" | "CertificateRequest" | "Certificate" | "NewSessionTicket";

function list16(body: Uint8Array, where: string, table: RegistryName): string[] {
  const reader = new Reader(new Reader(body, where).vector(2, "list"), where);
  const out: string[] = [];
  while (reader.remaining > 0) out.push(nameOf(table, reader.u16()));
  return out;
}

/** certificate_authorities (RFC 8446 4.2.4): DistinguishedName authorities<3..2^16-1>. */
export function decodeAuthorities(vector: Uint8Array, where: string): string[] {
  const reader = new Reader(vector, where);
  const out: string[] = [];
  while (reader.remaining > 0) {
    const der = reader.vector(2, "DistinguishedName");
    out.push(formatDistinguishedName(der) ?? `DER ${toHex(der)}`);
  }
  return out;
}

function decodeOne(type: number, body: Uint8Array, context: ExtensionContext, where: string): FieldValue {
  const reader = new Reader(body, where);
  switch (type) {
    case 0: {
      if (body.length === 0) return "acknowledged";
      const names = new Reader(reader.vector(2, "server_name_list"), where);
      const out: string[] = [];
      while (names.remaining > 0) {
        names.u8("name_type");
        out.push(new TextDecoder().decode(names.vector(2, "host_name")));
      }
      return out;
    }
    case 10:
      return list16(body, where, "group");
    case 13:
    case 50:
      return list16(body, where, "signatureScheme");
    case 43:
      if (context === "ClientHello") {
        const versions = new Reader(reader.vector(1, "versions"), where);
        const out: string[] = [];
        while (versions.remaining > 0) out.push(nameOf("version", versions.u16()));
        return out;
      }
      return nameOf("version", reader.u16());
    case 51: {
      if (context === "HelloRetryRequest") return { selected_group: nameOf("group", reader.u16()) };
      if (context === "ServerHello") {
        const group = nameOf("group", reader.u16());
        return { group, key_exchange: toHex(reader.vector(2, "key_exchange")) };
      }
      const shares = new Reader(reader.vector(2, "client_shares"), where);
      const out: FieldValue[] = [];
      while (shares.remaining > 0) {
        const group = nameOf("group", shares.u16());
        out.push({ group, key_exchange: toHex(shares.vector(2, "key_exchange")) });
      }
      return out;
    }
    case 47:
      return decodeAuthorities(reader.vector(2, "authorities"), where);
    case 49:
      // RFC 8446 4.2.6: an empty extension; the client is willing to authenticate after the handshake.
      return true;
    case 16: {
      const protocols = new Reader(reader.vector(2, "protocol_name_list"), where);
      const out: string[] = [];
      while (protocols.remaining > 0) out.push(new TextDecoder().decode(protocols.vector(1, "protocol_name")));
      return out;
    }
    case 45: {
      const modes = reader.vector(1, "ke_modes");
      return Array.from(modes, (mode) => (mode === 1 ? "psk_dhe_ke" : mode === 0 ? "psk_ke" : String(mode)));
    }
    case 11:
      return Array.from(reader.vector(1, "ec_point_format_list"), (f) => (f === 0 ? "uncompressed" : String(f)));
    case 22:
    case 23:
    case 35:
      return body.length === 0 ? true : { length: body.length, hex: toHex(body) };
    default:
      return { length: body.length, hex: toHex(body) };
  }
}

/** Decodes an extensions block `Extension extensions<0..2^16-1>` into "name (0xNNNN)" -> value. */
export function decodeExtensions(block: Uint8Array, context: ExtensionContext, where: string): Fields {
  const reader = new Reader(block, `${where} extensions`);
  const out: Fields = {};
  while (reader.remaining > 0) {
    const type = reader.u16("extension type");
    const body = reader.vector(2, `extension ${type}`);
    const found = lookup("extension", type);
    const key = found.status === "assigned" ? found.name : nameOf("extension", type);
    out[key] = decodeOne(type, body, context, `${where} ${key}`);
  }
  return out;
}
