import { describe, expect, it } from "vitest";
import type { Asn1Node } from "@mtls-lab/x509";
import { asciiColumn, fieldNames } from "./asn1-schema";

const node = (tag: string, children?: Asn1Node[], ctx?: number): Asn1Node => ({
  tag,
  tagClass: ctx === undefined ? "universal" : "context",
  tagNumber: ctx ?? 0,
  constructed: Boolean(children),
  offset: 0,
  headerLength: 2,
  length: 0,
  ...(children ? { children } : {}),
});

describe("ASN.1 field names", () => {
  it("names a v3 certificate's fields, optional [0] version and [3] extensions included", () => {
    const alg = node("SEQUENCE", [node("OBJECT IDENTIFIER")]);
    const name = node("SEQUENCE", [node("SET", [node("SEQUENCE", [node("OBJECT IDENTIFIER"), node("UTF8String")])])]);
    const ext = node("SEQUENCE", [node("OBJECT IDENTIFIER"), node("BOOLEAN"), node("OCTET STRING")]);
    const tbs = node("SEQUENCE", [
      node("[0]", [node("INTEGER")], 0),
      node("INTEGER"),
      alg,
      name,
      node("SEQUENCE", [node("UTCTime"), node("UTCTime")]),
      name,
      node("SEQUENCE", [alg, node("BIT STRING")]),
      node("[3]", [node("SEQUENCE", [ext])], 3),
    ]);
    const names = fieldNames(node("SEQUENCE", [tbs, alg, node("BIT STRING")]), "certificate");
    expect(Object.fromEntries(names)).toMatchObject({
      "0": "Certificate",
      "0.0": "tbsCertificate",
      "0.0.0": "version",
      "0.0.1": "serialNumber",
      "0.0.2": "signature",
      "0.0.3": "issuer",
      "0.0.3.0.0.0": "type",
      "0.0.4": "validity",
      "0.0.4.1": "notAfter",
      "0.0.5": "subject",
      "0.0.6": "subjectPublicKeyInfo",
      "0.0.6.1": "subjectPublicKey",
      "0.0.7": "extensions",
      "0.0.7.0.0": "Extension",
      "0.0.7.0.0.1": "critical",
      "0.0.7.0.0.2": "extnValue",
      "0.1": "signatureAlgorithm",
      "0.2": "signatureValue",
    });
  });

  it("skips an absent optional field (a v1 certificate has no [0] version) and names nothing for unknown kinds", () => {
    const names = fieldNames(node("SEQUENCE", [node("SEQUENCE", [node("INTEGER"), node("SEQUENCE")])]), "certificate");
    expect(names.get("0.0.0")).toBe("serialNumber");
    expect(names.get("0.0.1")).toBe("signature");
    expect(fieldNames(node("SEQUENCE"), "pkcs7").size).toBe(0);
  });

  it("prints an ASCII column as xxd does", () => {
    expect(asciiColumn([0x30, 0x41, 0x7a, 0x20, 0x7f, 0x00])).toBe("0Az ..");
  });
});
