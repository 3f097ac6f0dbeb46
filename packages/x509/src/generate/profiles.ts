/**
 * Named certificate profiles as data: what each kind of certificate in an mTLS set-up carries, and why.
 */
import type { Profile } from "./types.js";
import { badArgument } from "../decode/errors.js";

import { CA_DAYS, LEAF_DAYS } from "../constants.js";

export { CA_DAYS, LEAF_DAYS };

export const Profiles = {
  /** A self-signed trust anchor. */
  root: {
    name: "root",
    days: CA_DAYS,
    extensions: [
      // RFC 5280 4.2.1.9: CA certificates MUST mark basicConstraints critical. No pathLen: the root may sign intermediates.
      { kind: "basicConstraints", ca: true, critical: true },
      // RFC 5280 4.2.1.3: keyCertSign to sign certificates, cRLSign to sign CRLs; SHOULD be critical.
      { kind: "keyUsage", usages: ["keyCertSign", "cRLSign"], critical: true },
      // RFC 5280 4.2.1.2: CA certificates MUST carry a subject key identifier.
      { kind: "subjectKeyIdentifier" },
    ],
  },
  /** A CA under the root that signs leaves only. */
  intermediate: {
    name: "intermediate",
    days: CA_DAYS,
    extensions: [
      // pathLen 0: this CA may sign leaves but no further CA (RFC 5280 4.2.1.9).
      { kind: "basicConstraints", ca: true, pathLength: 0, critical: true },
      { kind: "keyUsage", usages: ["keyCertSign", "cRLSign"], critical: true },
      { kind: "subjectKeyIdentifier" },
      // RFC 5280 4.2.1.1: MUST be present except in self-signed certificates; lets peers pick the right issuer key.
      { kind: "authorityKeyIdentifier" },
    ],
  },
  /** A TLS server leaf. */
  server: {
    name: "server",
    days: LEAF_DAYS,
    extensions: [
      { kind: "basicConstraints", ca: false, critical: true },
      // digitalSignature for (EC)DHE handshakes; keyEncipherment only matters for TLS 1.2 RSA key exchange.
      { kind: "keyUsage", usages: ["digitalSignature"], rsaAlso: ["keyEncipherment"], critical: true },
      // serverAuth only: OpenSSL's sslserver purpose and browsers check it (RFC 5280 4.2.1.12).
      { kind: "extendedKeyUsage", usages: ["serverAuth"] },
      // Clients match the host against SAN only; CN is ignored (RFC 6125 6.4.4, Node and browsers).
      { kind: "subjectAltName" },
      { kind: "subjectKeyIdentifier" },
      { kind: "authorityKeyIdentifier" },
    ],
  },
  /** A TLS client leaf: identified by its CN, optionally by SAN URI (SPIFFE) or email. */
  client: {
    name: "client",
    days: LEAF_DAYS,
    extensions: [
      { kind: "basicConstraints", ca: false, critical: true },
      { kind: "keyUsage", usages: ["digitalSignature"], rsaAlso: ["keyEncipherment"], critical: true },
      // clientAuth: servers with OpenSSL's sslclient purpose (Node, nginx) reject a client without it.
      { kind: "extendedKeyUsage", usages: ["clientAuth"] },
      { kind: "subjectAltName" },
      { kind: "subjectKeyIdentifier" },
      { kind: "authorityKeyIdentifier" },
    ],
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof Profiles;

/** The profile of that name, or an X509Error (BAD_ARGUMENT) naming the known ones. */
export function getProfile(name: string): Profile {
  if (!Object.hasOwn(Profiles, name)) {
    throw badArgument(`Unknown profile ${JSON.stringify(name)}: expected one of ${Object.keys(Profiles).join(", ")}`);
  }
  return Profiles[name as ProfileName];
}
