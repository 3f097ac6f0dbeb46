/**
 * Names for the numbers found in handshakes, from the IANA registries in ../registries (one source of
 * truth): "TLS_AES_128_GCM_SHA256 (0x1301)", "GREASE (0x0a0a)", "unassigned (0x1234)".
 */
import { REGISTRIES, describeCode, type RegistryName } from "../registries/lookup.js";

function table(registry: RegistryName): Readonly<Record<number, string>> {
  return Object.fromEntries([...REGISTRIES[registry].values()].map((entry) => [entry.code, entry.name]));
}

/** Handshake message types (RFC 8446 4, RFC 5246 7.4), as message names ("ClientHello"). */
export const HANDSHAKE_TYPES = table("handshakeType");
/** Alert descriptions (RFC 8446 6). */
export const ALERTS = table("alert");
/** Cipher suite names by code. */
export const CIPHER_SUITES = table("cipherSuite");

/** "name (0x1301)", "GREASE (0x0a0a)" or "unassigned (0x1234)". */
export function nameOf(registry: RegistryName, value: number): string {
  return describeCode(registry, value);
}
