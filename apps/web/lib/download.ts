/** Saving bytes and text from the page: PEM armour (RFC 7468) and file names. */

/** RFC 7468 labels by decoded kind; PKCS#12 has none (it is always saved as DER). */
export const pemLabels: Readonly<Record<string, string>> = {
  certificate: "CERTIFICATE",
  csr: "CERTIFICATE REQUEST",
  crl: "X509 CRL",
  privateKey: "PRIVATE KEY",
  publicKey: "PUBLIC KEY",
  pkcs7: "PKCS7",
};

/** DER wrapped as PEM: base64 in 64-character lines between BEGIN and END (RFC 7468 section 2). */
export function armor(der: Uint8Array, label: string): string {
  let binary = "";
  for (let i = 0; i < der.length; i += 0x8000) binary += String.fromCharCode(...der.subarray(i, i + 0x8000));
  const body = btoa(binary).match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...body, `-----END ${label}-----`, ""].join("\n");
}

/** A file name safe on every OS, from a subject or file name. */
export function safeFileName(name: string, extension: string): string {
  const base = name.replace(/^.*?CN=/, "").replace(/[,+].*$/, "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^_+|_+$/g, "");
  return `${base || "object"}.${extension}`;
}
