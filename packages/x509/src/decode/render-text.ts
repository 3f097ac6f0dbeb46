/**
 * Readable text of a decoded item, laid out like `openssl x509 -text` so people can compare the two.
 */
import { toColonHex } from "../encoding.js";
import { showControl } from "../show-control.js";
import type { Pkcs12Info, Asn1Node, CertificateInfo, CrlInfo, CsrInfo, DecodedItem, ExtensionInfo, GeneralName, PublicKeyInfo } from "../types.js";

const GeneralNameLabels: Readonly<Record<GeneralName["type"], string>> = {
  dns: "DNS",
  ip: "IP Address",
  email: "email",
  uri: "URI",
  dirName: "DirName",
  registeredId: "Registered ID",
  other: "othername",
};

function names(list: GeneralName[]): string {
  return list.map((n) => `${GeneralNameLabels[n.type]}:${n.value}`).join(", ");
}

function tree(node: Asn1Node, depth: number, lines: string[]): void {
  lines.push(`${"  ".repeat(depth)}${node.tag}${node.value !== undefined ? ` ${node.value}` : ""}`);
  for (const child of node.children ?? []) tree(child, depth + 1, lines);
}

/** One extension's value lines (without indentation). */
function extensionLines(ext: ExtensionInfo): string[] {
  const v = ext.value as never;
  if (typeof ext.value === "string" && ext.value === "") return ["(empty)"];
  // Malformed values that did not decode are ASN.1 trees or hex, whatever the OID.
  const decodedShape = ext.malformed === undefined || (typeof ext.value === "object" && ext.value !== null && !("tag" in ext.value));
  switch (decodedShape ? ext.oid : "") {
    case "2.5.29.17":
    case "2.5.29.18":
      return [names(v)];
    case "2.5.29.15":
    case "2.5.29.37":
      return [(v as string[]).join(", ")];
    case "2.5.29.19": {
      const bc = v as { ca: boolean; pathLength?: number };
      return [`CA:${bc.ca ? "TRUE" : "FALSE"}${bc.pathLength !== undefined ? `, pathlen:${bc.pathLength}` : ""}`];
    }
    case "2.5.29.14":
      return [toColonHex(v)];
    case "2.5.29.35": {
      const aki = v as { keyIdentifier?: string; authorityCertIssuer?: GeneralName[]; authorityCertSerialNumber?: string };
      const out: string[] = [];
      if (aki.keyIdentifier) out.push(toColonHex(aki.keyIdentifier));
      if (aki.authorityCertIssuer) out.push(names(aki.authorityCertIssuer));
      if (aki.authorityCertSerialNumber) out.push(`serial:${toColonHex(aki.authorityCertSerialNumber)}`);
      return out;
    }
    case "1.3.6.1.5.5.7.1.1":
    case "1.3.6.1.5.5.7.1.11":
      return (v as { method: string; location: GeneralName }[]).map((a) => `${a.method} - ${names([a.location])}`);
    case "2.5.29.31":
    case "2.5.29.46":
      return (v as { fullName?: GeneralName[]; relativeName?: string }[]).flatMap((dp) =>
        dp.fullName ? ["Full Name:", `  ${names(dp.fullName)}`] : dp.relativeName ? [`Relative Name: ${dp.relativeName}`] : [],
      );
    case "2.5.29.32":
      return (v as { policy: string; name?: string; qualifiers: { type: string; value: string }[] }[]).flatMap((p) => [
        `Policy: ${p.name ? `${p.name} (${p.policy})` : p.policy}`,
        ...p.qualifiers.map((q) => `  ${q.type}: ${q.value}`),
      ]);
    case "2.5.29.30": {
      const nc = v as { permitted: GeneralName[]; excluded: GeneralName[] };
      return [
        ...(nc.permitted.length ? ["Permitted:", ...nc.permitted.map((n) => `  ${names([n])}`)] : []),
        ...(nc.excluded.length ? ["Excluded:", ...nc.excluded.map((n) => `  ${names([n])}`)] : []),
      ];
    }
    case "2.5.29.20": {
      // CRL numbers are INTEGERs kept as hex like serials; people compare them in decimal (openssl prints decimal).
      const hex = String(v);
      return /^[0-9a-f]{1,30}$/.test(hex) ? [`${BigInt(`0x${hex}`).toString()} (0x${hex})`] : [hex];
    }
    default: {
      if (typeof ext.value === "string" || typeof ext.value === "number") return [String(ext.value)];
      if (ext.value && typeof ext.value === "object" && "tag" in (ext.value as object)) {
        const lines: string[] = [];
        tree(ext.value as Asn1Node, 0, lines);
        return lines;
      }
      return [JSON.stringify(ext.value)];
    }
  }
}

function keyLines(key: PublicKeyInfo, indent: string): string[] {
  return [
    `${indent}Public Key Algorithm: ${key.algorithm}`,
    `${indent}    Public-Key: (${key.size} bit)`,
    ...(key.curve ? [`${indent}    Curve: ${key.curve}`] : []),
    ...(key.spkiSha256 ? [`${indent}    SPKI SHA-256: ${key.spkiSha256}`] : []),
  ];
}

function extensionsBlock(extensions: ExtensionInfo[], indent: string, title: string): string[] {
  if (extensions.length === 0) return [];
  const out = [`${indent}${title}:`];
  for (const ext of extensions) {
    out.push(`${indent}    ${ext.name}${ext.name !== ext.oid ? ` (${ext.oid})` : ""}:${ext.critical ? " critical" : ""}`);
    // A value that does not decode is flagged, then shown as far as it goes (its ASN.1 tree or hex).
    if (ext.malformed !== undefined) out.push(`${indent}        MALFORMED: ${ext.malformed}`);
    for (const line of extensionLines(ext)) out.push(`${indent}        ${line}`);
  }
  return out;
}

/** "01:02", and a negative serial as "-7f:ff" (OpenSSL prints "(Negative)" before the octets). */
function serialText(serial: string): string {
  return serial.startsWith("-") ? `-${toColonHex(serial.slice(1)).toLowerCase()}` : toColonHex(serial).toLowerCase();
}

function certificateText(c: CertificateInfo): string[] {
  const status = c.expired ? "EXPIRED" : c.notYetValid ? "NOT YET VALID" : "valid";
  // RFC 5280 defines versions 1-3; OpenSSL prints any other as "Unknown (n)".
  const version = c.version >= 1 && c.version <= 3 ? `${c.version} (0x${(c.version - 1).toString(16)})` : `Unknown (${c.version - 1})`;
  return [
    "Certificate:",
    "    Data:",
    `        Version: ${version}`,
    `        Serial Number: ${serialText(c.serialNumber)}`,
    `        Signature Algorithm: ${c.signatureAlgorithm}`,
    `        Issuer: ${c.issuer}`,
    "        Validity",
    `            Not Before: ${c.notBefore}`,
    `            Not After : ${c.notAfter}  (${status})`,
    `        Subject: ${c.subject}`,
    "        Subject Public Key Info:",
    ...keyLines(c.publicKey, "            "),
    ...extensionsBlock(c.extensions, "        ", "X509v3 extensions"),
    `    Signature Algorithm: ${c.signatureAlgorithm}`,
    `    SHA1 Fingerprint: ${toColonHex(c.fingerprints.sha1)}`,
    `    SHA256 Fingerprint: ${toColonHex(c.fingerprints.sha256)}`,
    `    SPKI pin (sha256//): ${c.spkiPin}`,
    `    Self-signed: ${c.selfSigned ? "yes" : "no"}`,
    ...(c.duplicateExtensions?.length ? [`    Duplicate extensions: ${c.duplicateExtensions.join(", ")} (OpenSSL refuses the certificate in verification)`] : []),
    ...(c.findings ?? []).map((finding) => `    Finding: ${finding}`),
  ];
}

function csrText(c: CsrInfo): string[] {
  return [
    "Certificate Request:",
    `    Subject: ${c.subject}`,
    ...keyLines(c.publicKey, "    "),
    ...(c.subjectAltNames.length ? [`    Requested names: ${names(c.subjectAltNames)}`] : []),
    ...extensionsBlock(c.extensions, "    ", "Requested Extensions"),
    `    Signature Algorithm: ${c.signatureAlgorithm}`,
    `    Signature: ${c.signatureValid ? "valid (the requester holds the key)" : "INVALID or not checkable"}`,
  ];
}

function crlText(c: CrlInfo): string[] {
  return [
    "Certificate Revocation List (CRL):",
    `    Issuer: ${c.issuer}`,
    `    Last Update: ${c.thisUpdate}`,
    `    Next Update: ${c.nextUpdate ?? "NONE"}`,
    `    Signature Algorithm: ${c.signatureAlgorithm}`,
    ...extensionsBlock(c.extensions, "    ", "CRL extensions"),
    c.revoked.length ? "    Revoked Certificates:" : "    No Revoked Certificates.",
    ...c.revoked.map((r) => `        Serial Number: ${r.serialNumber}  Revoked: ${r.revocationDate}${r.reason ? `  Reason: ${r.reason}` : ""}`),
  ];
}

/** openssl-like readable text of one decoded item (the CLI's default output). Private keys are described only. */
export function renderText(item: DecodedItem): string {
  switch (item.kind) {
    // Each line is shown with its control characters escaped: a SAN or policy text is the certificate's word.
    case "certificate":
      return certificateText(item).map(showControl).join("\n");
    case "csr":
      return csrText(item).map(showControl).join("\n");
    case "crl":
      return crlText(item).map(showControl).join("\n");
    case "privateKey": {
      const lines = [`Private Key (${item.format}${item.encrypted ? ", encrypted" : ""}):`];
      if (item.encryption) lines.push(`    Encryption: ${item.encryption}`);
      if (item.publicKey) lines.push(...keyLines(item.publicKey, "    "));
      else if (item.encrypted) lines.push("    (encrypted: type and size are inside the encryption)");
      if (item.pem) lines.push(item.pem.trimEnd());
      return lines.join("\n");
    }
    case "publicKey":
      return ["Public Key:", ...keyLines(item.publicKey, "    ")].join("\n");
    case "pkcs7":
    case "pkcs12": {
      const header = item.kind === "pkcs7" ? `PKCS#7 bundle: ${item.items.length} item(s)` : `PKCS#12: ${item.items.length} item(s)${item.macAlgorithm ? `, MAC ${item.macAlgorithm}` : ""}`;
      const protection = item.kind === "pkcs12" ? pkcs12Lines(item) : [];
      return [header, ...protection, ...item.items.map((inner, i) => `\n--- item ${i + 1} ---\n${renderText(inner)}`)].join("\n");
    }
  }
}

/** The protection of a PKCS#12 file, in `openssl pkcs12 -info`'s words, and who imports it. */
function pkcs12Lines(item: Pkcs12Info): string[] {
  const p = item.protection;
  if (!p) return [];
  const lines = ["Protection:"];
  if (p.macAlgorithm) lines.push(`    MAC: ${p.macAlgorithm}, Iteration ${p.macIterations ?? 1}, salt length: ${p.macSaltLength ?? 0}`);
  else lines.push("    MAC: none (no integrity check)");
  for (const part of p.parts) {
    const how = part.encryption ? `${part.encryption}${part.iterations ? `, Iteration ${part.iterations}` : ""}` : "not encrypted";
    const names = [part.friendlyName ? `friendlyName ${part.friendlyName}` : "", part.localKeyId ? `localKeyID ${part.localKeyId}` : ""].filter(Boolean).join(", ");
    lines.push(`    ${part.contents}: ${how}${names ? ` (${names})` : ""}`);
  }
  const importers = item.importers ?? [];
  const yes = importers.filter((i) => i.imports).map((i) => i.system);
  const no = importers.filter((i) => !i.imports);
  if (yes.length > 0) lines.push(`Imports into: ${yes.join("; ")}`);
  for (const refusal of no) lines.push(`Not into ${refusal.system}: ${refusal.reason ?? "refused"}`);
  return lines;
}
