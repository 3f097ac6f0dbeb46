/**
 * Distinguished names for issuing: RFC 4514 strings or attribute lists, encoded in DER order.
 */
import * as asn1js from "asn1js";
import { Name } from "@peculiar/x509";
import type { DistinguishedNameInput } from "./types.js";
import { badArgument } from "../decode/errors.js";

/** Attribute types by short name (RFC 4519, PKCS#9, RFC 4524) and the string type each is encoded with. */
const ATTRIBUTES: Record<string, { oid: string; string: "utf8" | "printable" | "ia5" }> = {
  CN: { oid: "2.5.4.3", string: "utf8" },
  O: { oid: "2.5.4.10", string: "utf8" },
  OU: { oid: "2.5.4.11", string: "utf8" },
  L: { oid: "2.5.4.7", string: "utf8" },
  ST: { oid: "2.5.4.8", string: "utf8" },
  street: { oid: "2.5.4.9", string: "utf8" },
  // RFC 5280 appendix A: countryName and serialNumber are PrintableString.
  C: { oid: "2.5.4.6", string: "printable" },
  serialNumber: { oid: "2.5.4.5", string: "printable" },
  // PKCS#9 emailAddress and RFC 4519 domainComponent are IA5String.
  emailAddress: { oid: "1.2.840.113549.1.9.1", string: "ia5" },
  DC: { oid: "0.9.2342.19200300.100.1.25", string: "ia5" },
  UID: { oid: "0.9.2342.19200300.100.1.1", string: "utf8" },
};

function encodeValue(kind: "utf8" | "printable" | "ia5", value: string): asn1js.BaseBlock {
  if (kind === "printable") return new asn1js.PrintableString({ value });
  if (kind === "ia5") return new asn1js.IA5String({ value });
  return new asn1js.Utf8String({ value });
}

/**
 * Encodes attributes (most specific first) as a DER Name, one attribute per RDN, in DER order (reversed).
 * Values are taken literally: commas, quotes and plus signs need no escaping.
 */
function encodeAttributes(attributes: readonly { type: string; value: string }[], field: string): ArrayBuffer {
  const rdns = [...attributes].reverse().map(({ type, value }) => {
    const known = ATTRIBUTES[type];
    const oid = known?.oid ?? type;
    if (!/^\d+(\.\d+)+$/.test(oid)) {
      throw badArgument(`Bad ${field}: unknown attribute type ${JSON.stringify(type)} (use ${Object.keys(ATTRIBUTES).join(", ")} or a dotted OID)`);
    }
    if (known?.string === "printable" && !/^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value)) {
      throw badArgument(`Bad ${field}: ${type} must be a PrintableString, got ${JSON.stringify(value)}`);
    }
    if (known?.string === "ia5" && !/^[\x00-\x7f]*$/.test(value)) {
      throw badArgument(`Bad ${field}: ${type} must be ASCII, got ${JSON.stringify(value)}`);
    }
    return new asn1js.Set({
      value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), encodeValue(known?.string ?? "utf8", value)] })],
    });
  });
  return new asn1js.Sequence({ value: rdns }).toBER(false);
}

/**
 * A Name in DER order from an RFC 4514 DN string (most specific first, "CN=client,O=Acme") or from attributes in
 * the same order ([{ type: "CN", value: "client" }, { type: "O", value: "Acme, Inc." }], which needs no escaping).
 * DER order is the reverse (O first, then CN), so a subject printed by the decoder round-trips. Throws naming the bad DN.
 */
export function parseDistinguishedName(dn: DistinguishedNameInput, field = "subject"): Name {
  if (Array.isArray(dn)) {
    if (dn.length === 0 || dn.some((a) => typeof a?.type !== "string" || typeof a.value !== "string" || a.value === "")) {
      throw badArgument(`Bad ${field}: expected attributes such as [{ type: "CN", value: "client" }]`);
    }
    return new Name(encodeAttributes(dn, field));
  }
  if (typeof dn !== "string" || dn.trim() === "") throw badArgument(`Bad ${field}: expected a DN string such as "CN=client,O=Acme"`);
  let name: Name;
  try {
    name = new Name(dn);
  } catch (error) {
    throw badArgument(`Bad ${field} ${JSON.stringify(dn)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return new Name(name.toJSON().reverse());
}
