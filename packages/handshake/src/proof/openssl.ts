/**
 * The openssl command lines that reproduce each step of the proof (OpenSSL 3.0: openssl-kdf(1),
 * openssl-mac(1), openssl-pkeyutl(1)). Inputs travel as hex on the command line or as base64 written to
 * a file first, so every line runs as is in a shell with openssl alone.
 */
import { toBase64, toHex } from "@mtls-lab/x509";

const digestName = (hash: string) => hash.replace("-", "").toUpperCase();

/** Writes `bytes` to `file` with openssl's base64 decoder. */
export function writeFile(file: string, bytes: Uint8Array): string {
  return `printf '%s' '${toBase64(bytes)}' | openssl base64 -d -A > ${file}`;
}

/** RFC 8446 7.1 HKDF-Expand-Label as openssl's HKDF in EXPAND_ONLY mode (prints colon-separated hex). */
export function hkdfExpandCommand(hash: string, secret: Uint8Array, info: Uint8Array, length: number): string {
  return `openssl kdf -keylen ${length} -kdfopt digest:${digestName(hash)} -kdfopt mode:EXPAND_ONLY -kdfopt hexkey:${toHex(secret)} -kdfopt hexinfo:${toHex(info)} HKDF`;
}

/** RFC 5246 5 PRF: openssl's TLS1-PRF takes the label and the seed concatenated as its seed. */
export function prfCommand(hash: string, secret: Uint8Array, label: string, seed: Uint8Array, length: number): string {
  const labelSeed = toHex(new TextEncoder().encode(label)) + toHex(seed);
  return `openssl kdf -keylen ${length} -kdfopt digest:${digestName(hash)} -kdfopt hexsecret:${toHex(secret)} -kdfopt hexseed:${labelSeed} TLS1-PRF`;
}

/** HMAC over `data` (RFC 2104), data given through a file. */
export function hmacCommands(hash: string, key: Uint8Array, data: Uint8Array, file: string): string[] {
  return [writeFile(file, data), `openssl mac -digest ${digestName(hash)} -macopt hexkey:${toHex(key)} -in ${file} HMAC`];
}

/** openssl pkeyutl verification of a TLS signature with the signer's certificate. */
export function verifyCommands(prefix: string, scheme: number, hash: string | undefined, certificate: Uint8Array, content: Uint8Array, signature: Uint8Array): string[] {
  const options = [`-pubin -inkey ${prefix}-pubkey.pem -rawin`];
  if (hash) options.push(`-digest ${hash.replace("-", "").toLowerCase()}`);
  if ((scheme >= 0x0804 && scheme <= 0x0806) || (scheme >= 0x0809 && scheme <= 0x080b)) options.push("-pkeyopt rsa_padding_mode:pss -pkeyopt rsa_pss_saltlen:digest");
  return [
    `printf '%s' '${toBase64(certificate)}' | openssl base64 -d -A | openssl x509 -inform DER -pubkey -noout > ${prefix}-pubkey.pem`,
    writeFile(`${prefix}-content.bin`, content),
    writeFile(`${prefix}-signature.bin`, signature),
    `openssl pkeyutl -verify ${options.join(" ")} -in ${prefix}-content.bin -sigfile ${prefix}-signature.bin`,
  ];
}

/** The transcript hash: the handshake messages written to a file, hashed by openssl dgst (RFC 8446 4.4.1). */
export function transcriptHashCommands(hash: string, transcript: Uint8Array, file: string): string[] {
  return [writeFile(file, transcript), `openssl dgst -${hash.replace("-", "").toLowerCase()} ${file}`];
}
