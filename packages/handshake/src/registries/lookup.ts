/**
 * Looking a number up in a TLS registry: its IANA name and defining document, "GREASE" for the values
 * RFC 8701 reserves so that peers learn to ignore unknown ones, or "unassigned" / "private use".
 */
import { CIPHER_SUITE_ROWS } from "./cipher-suites.js";
import { ALERT_ROWS, CONTENT_TYPE_ROWS, EXTENSION_ROWS, GROUP_ROWS, HANDSHAKE_TYPE_ROWS, SIGNATURE_SCHEME_ROWS, VERSION_ROWS, type RegistryRow } from "./tls-registries.js";

/** The registries mTLS Lab knows. */
export const RegistryName = {
  cipherSuite: "cipherSuite",
  extension: "extension",
  group: "group",
  signatureScheme: "signatureScheme",
  alert: "alert",
  handshakeType: "handshakeType",
  contentType: "contentType",
  version: "version",
} as const;
export type RegistryName = (typeof RegistryName)[keyof typeof RegistryName];

/** One registry entry. */
export interface RegistryEntry {
  code: number;
  name: string;
  /** The defining document: "RFC 8446", "RFC 5289", a draft name. */
  reference: string;
}

/** What a number is in a registry. */
export interface RegistryLookup {
  code: number;
  /** "assigned", "grease" (RFC 8701), "private" (reserved for private use) or "unassigned". */
  status: "assigned" | "grease" | "unassigned" | "private";
  /** IANA name, "GREASE", "private use" or "unassigned". */
  name: string;
  reference?: string;
}

function index(rows: readonly RegistryRow[]): ReadonlyMap<number, RegistryEntry> {
  return new Map(rows.map(([code, name, reference]) => [code, { code, name, reference }]));
}

const suiteRows: RegistryRow[] = Object.entries(CIPHER_SUITE_ROWS).flatMap(([reference, rows]) => rows.map(([code, name]) => [code, name, reference] as const));

/** Every registry as code -> entry. */
export const REGISTRIES: Readonly<Record<RegistryName, ReadonlyMap<number, RegistryEntry>>> = {
  cipherSuite: index(suiteRows),
  extension: index(EXTENSION_ROWS),
  group: index(GROUP_ROWS),
  signatureScheme: index(SIGNATURE_SCHEME_ROWS),
  alert: index(ALERT_ROWS),
  handshakeType: index(HANDSHAKE_TYPE_ROWS),
  contentType: index(CONTENT_TYPE_ROWS),
  version: index(VERSION_ROWS),
};

/** RFC 8701 2: GREASE values are 0x?A?A with both bytes equal (16-bit registries). */
export function isGrease(registry: RegistryName, code: number): boolean {
  if (registry === "alert" || registry === "handshakeType" || registry === "contentType") return false;
  return (code & 0x0f0f) === 0x0a0a && code >> 8 === (code & 0xff);
}

function isPrivate(registry: RegistryName, code: number): boolean {
  if (registry === "cipherSuite") return code >> 8 === 0xff; // RFC 8446 B.4: 0xFF,* private use
  if (registry === "extension") return code === 0xff00 || code >= 0xff02; // RFC 8446 11
  if (registry === "group") return (code >= 508 && code <= 511) || (code >= 0xfe00 && code <= 0xfeff); // RFC 7919, RFC 8422
  if (registry === "signatureScheme") return code >= 0xfe00; // RFC 8446 4.2.3
  if (registry === "alert" || registry === "handshakeType") return code >= 224; // RFC 8447 (alerts), RFC 8446 11
  return false;
}

/** Looks `code` up in `registry`. */
export function lookup(registry: RegistryName, code: number): RegistryLookup {
  const entry = REGISTRIES[registry].get(code);
  if (entry) return { code, status: "assigned", name: entry.name, reference: entry.reference };
  if (isGrease(registry, code)) return { code, status: "grease", name: "GREASE", reference: "RFC 8701" };
  if (isPrivate(registry, code)) return { code, status: "private", name: "private use" };
  return { code, status: "unassigned", name: "unassigned" };
}

/** "TLS_AES_128_GCM_SHA256 (0x1301)", "GREASE (0x0a0a)", "unassigned (0x1234)": how a value prints. */
export function describeCode(registry: RegistryName, code: number): string {
  const width = registry === "alert" || registry === "handshakeType" || registry === "contentType" ? 2 : 4;
  return `${lookup(registry, code).name} (0x${code.toString(16).padStart(width, "0")})`;
}
