/**
 * Reading certificates for commands that need certificates and nothing else (verify, diagnose, lint):
 * every certificate in a file, bundles unpacked, and a clear error when the file holds something else
 * (a key where a certificate belongs is the classic mix-up).
 */
import { decode, type CertificateInfo, type DecodedItem, type DecodeOptions, type DecodeResult } from "@mtls-lab/x509";
import { aboutFile, fileError } from "./errors.js";
import { readInputFile } from "./files.js";

/** What a decoded item is, in words, for "holds a private key, not a certificate". */
const kindWords: Record<DecodedItem["kind"], string> = {
  certificate: "a certificate",
  csr: "a certificate request (CSR)",
  crl: "a CRL",
  privateKey: "a private key",
  publicKey: "a bare public key",
  pkcs7: "a PKCS#7 bundle",
  pkcs12: "a PKCS#12 file",
};

/** Every certificate in `items`, looking inside PKCS#7 and PKCS#12 bundles, in file order. */
export function certificatesOf(items: readonly DecodedItem[]): CertificateInfo[] {
  return items.flatMap((item): CertificateInfo[] => {
    if (item.kind === "certificate") return [item];
    if (item.kind === "pkcs7" || item.kind === "pkcs12") return certificatesOf(item.items);
    return [];
  });
}

/** Decodes `file` (relative to `cwd`); errors name the file. */
export async function decodeFile(cwd: string, file: string, options: DecodeOptions = {}): Promise<DecodeResult> {
  const bytes = await readInputFile(cwd, file);
  return aboutFile(file, () => decode(bytes, options));
}

/** The certificates in `file`; a file with none is an error that says what it holds instead. */
export async function readCertificates(cwd: string, file: string, options: DecodeOptions = {}): Promise<CertificateInfo[]> {
  const result = await decodeFile(cwd, file, options);
  const certificates = certificatesOf(result.items);
  if (certificates.length === 0) {
    const first = result.items[0];
    throw fileError(file, first ? `holds ${kindWords[first.kind]}, not a certificate` : "holds no certificate");
  }
  return certificates;
}
