/**
 * Field names for the ASN.1 tree, from the structures' ASN.1 definitions (as lapo.it/asn1js shows them):
 * Certificate (RFC 5280 4.1), CertificateList (RFC 5280 5.1), CertificationRequest (RFC 2986 4),
 * PrivateKeyInfo (RFC 5208 5 / RFC 5958 2). Names only: the tree's values come from x509's parseAsn1.
 */
import type { Asn1Node } from "@mtls-lab/x509";

/** One field: matched by position, or, when optional, by its universal tag or context tag number. */
interface Field {
  name: string;
  /** Universal tag ("INTEGER") an optional field must have. */
  tag?: string;
  /** Context-specific tag number ([0], [3]) of an explicitly or implicitly tagged field. */
  ctx?: number;
  optional?: boolean;
  /** The fields inside (SEQUENCE) */
  fields?: Field[];
  /** Every child is this (SEQUENCE OF, SET OF). */
  each?: Field;
  /** An explicit tag's one child. */
  inner?: Field;
}

const algorithm: Field = { name: "AlgorithmIdentifier", fields: [{ name: "algorithm" }, { name: "parameters", optional: true }] };
const atv: Field = { name: "AttributeTypeAndValue", fields: [{ name: "type" }, { name: "value" }] };
const name = (n: string): Field => ({ name: n, each: { name: "RelativeDistinguishedName", each: atv } });
const spki: Field = { name: "subjectPublicKeyInfo", fields: [{ ...algorithm, name: "algorithm" }, { name: "subjectPublicKey" }] };
const extension: Field = { name: "Extension", fields: [{ name: "extnID" }, { name: "critical", tag: "BOOLEAN", optional: true }, { name: "extnValue" }] };
const extensions = (ctx: number, n = "extensions"): Field => ({ name: n, ctx, optional: true, inner: { name: "Extensions", each: extension } });

const certificate: Field = {
  name: "Certificate",
  fields: [
    {
      name: "tbsCertificate",
      fields: [
        { name: "version", ctx: 0, optional: true, inner: { name: "version" } },
        { name: "serialNumber" },
        { ...algorithm, name: "signature" },
        name("issuer"),
        { name: "validity", fields: [{ name: "notBefore" }, { name: "notAfter" }] },
        name("subject"),
        spki,
        { name: "issuerUniqueID", ctx: 1, optional: true },
        { name: "subjectUniqueID", ctx: 2, optional: true },
        extensions(3),
      ],
    },
    { ...algorithm, name: "signatureAlgorithm" },
    { name: "signatureValue" },
  ],
};

const crl: Field = {
  name: "CertificateList",
  fields: [
    {
      name: "tbsCertList",
      fields: [
        { name: "version", tag: "INTEGER", optional: true },
        { ...algorithm, name: "signature" },
        name("issuer"),
        { name: "thisUpdate" },
        { name: "nextUpdate", tag: "UTCTime", optional: true },
        { name: "revokedCertificates", tag: "SEQUENCE", optional: true, each: { name: "revokedCertificate", fields: [{ name: "userCertificate" }, { name: "revocationDate" }, { name: "crlEntryExtensions", optional: true, each: extension }] } },
        extensions(0, "crlExtensions"),
      ],
    },
    { ...algorithm, name: "signatureAlgorithm" },
    { name: "signatureValue" },
  ],
};

const csr: Field = {
  name: "CertificationRequest",
  fields: [
    { name: "certificationRequestInfo", fields: [{ name: "version" }, name("subject"), { ...spki, name: "subjectPKInfo" }, { name: "attributes", ctx: 0, optional: true, each: { name: "Attribute", fields: [{ name: "type" }, { name: "values" }] } }] },
    { ...algorithm, name: "signatureAlgorithm" },
    { name: "signature" },
  ],
};

const pkcs8: Field = {
  name: "PrivateKeyInfo",
  fields: [{ name: "version" }, { ...algorithm, name: "privateKeyAlgorithm" }, { name: "privateKey" }, { name: "attributes", ctx: 0, optional: true }, { name: "publicKey", ctx: 1, optional: true }],
};

const schemas: Record<string, Field> = { certificate, crl, csr, privateKey: pkcs8 };

function fits(node: Asn1Node, field: Field): boolean {
  if (field.ctx !== undefined) return node.tagClass === "context" && node.tagNumber === field.ctx;
  if (field.tag !== undefined) return node.tag === field.tag || (field.tag === "UTCTime" && node.tag === "GeneralizedTime");
  return true;
}

function label(node: Asn1Node, field: Field, path: string, out: Map<string, string>): void {
  out.set(path, field.name);
  const children = node.children ?? [];
  if (field.inner && children[0]) label(children[0], field.inner, `${path}.0`, out);
  else if (field.each) children.forEach((c, i) => label(c, field.each!, `${path}.${i}`, out));
  else if (field.fields) {
    let f = 0;
    children.forEach((child, i) => {
      while (f < field.fields!.length) {
        const candidate = field.fields![f]!;
        f += 1;
        if (fits(child, candidate)) {
          label(child, candidate, `${path}.${i}`, out);
          return;
        }
        if (!candidate.optional) return;
      }
    });
  }
}

/** Field names by tree path ("0", "0.0", "0.0.1") for an object of `kind`; empty for kinds without a schema. */
export function fieldNames(root: Asn1Node, kind: string): Map<string, string> {
  const out = new Map<string, string>();
  const schema = schemas[kind];
  if (schema) label(root, schema, "0", out);
  return out;
}

/** The printable ASCII of `bytes`, a dot for anything else (as xxd prints its right column). */
export function asciiColumn(bytes: readonly number[]): string {
  return bytes.map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
}
