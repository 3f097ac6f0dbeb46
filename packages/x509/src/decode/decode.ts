/**
 * `decode`: any input (PEM with junk around it, DER, bare base64, bundles) to decoded items.
 */
import * as asn1js from "asn1js";
import { Tag, readTlv } from "../asn1/der.js";
import { encodeOid, encodeTlv } from "../asn1/encode.js";
import { fromBase64, parsePem } from "../encoding.js";
import type { CertificateInfo, CryptoProvider, DecodeOptions, DecodeResult, DecodedItem, PublicKeyItem } from "../types.js";
import { decodeCertificateDer } from "./certificate.js";
import { type DerShape, classifyDer } from "./classify.js";
import { decodeCrlDer } from "./crl.js";
import { decodeCsrDer } from "./csr.js";
import { X509Error, X509ErrorCode } from "./errors.js";
import { decodePkcs12Der } from "./pkcs12.js";
import { settleInBatches } from "./in-batches.js";
import { scanArmour } from "./pem-scan.js";
import { decodePkcs7Der } from "./pkcs7.js";
import { decodePrivateKeyDer, isLegacyEncrypted } from "./private-key.js";
import { describeSpki, readSpki } from "./public-key.js";

/** One object to decode: its DER, what the armour said it is, and where it was. */
interface Piece {
  der: Uint8Array;
  label?: string;
  headers?: Record<string, string>;
  /** The object has an indefinite length at the top (BER). */
  ber?: boolean;
  /** "PEM block 2 (CERTIFICATE) at line 14", "DER object 1", ... */
  where: () => string;
  /** Bytes after the object that are no ASN.1 element: ignored, as OpenSSL's d2i ignores them, with a warning. */
  trailing?: number;
}

/** PEM labels (RFC 7468 and OpenSSL's) that say what the block is. Others are classified by structure. */
const LabelShapes: Readonly<Record<string, DerShape>> = {
  CERTIFICATE: { kind: "certificate" },
  "X509 CERTIFICATE": { kind: "certificate" },
  "TRUSTED CERTIFICATE": { kind: "certificate" },
  "CERTIFICATE REQUEST": { kind: "csr" },
  "NEW CERTIFICATE REQUEST": { kind: "csr" },
  "X509 CRL": { kind: "crl" },
  PKCS7: { kind: "pkcs7" },
  CMS: { kind: "pkcs7" },
  PKCS12: { kind: "pkcs12" },
  "PRIVATE KEY": { kind: "privateKey", format: "pkcs8" },
  "RSA PRIVATE KEY": { kind: "privateKey", format: "pkcs1" },
  "EC PRIVATE KEY": { kind: "privateKey", format: "sec1" },
  "ENCRYPTED PRIVATE KEY": { kind: "privateKey", format: "encrypted-pkcs8" },
  "PUBLIC KEY": { kind: "publicKey" },
  "RSA PUBLIC KEY": { kind: "rsaPublicKey" },
};

/** Blocks that carry no object of their own (openssl ecparam writes one before the key). */
const IgnoredLabels = new Set(["EC PARAMETERS", "DH PARAMETERS"]);

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Length of a BER element with an indefinite length (X.690 8.1.3.6). Streaming signers (`openssl cms -stream`,
 * some PKCS#12 writers) produce these; only PKCS#7 and PKCS#12 are read in that form.
 */
function berLength(ber: Uint8Array): number {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(ber);
  } catch {
    throw new X509Error(X509ErrorCode.badInput, "BER element nested too deeply to parse");
  }
  if (parsed.offset === -1) throw new X509Error(X509ErrorCode.truncated, `BER element: ${parsed.result.error || "malformed"}`);
  return parsed.offset;
}

/** The shape of a BER (indefinite-length) object: PKCS#7 ContentInfo or PKCS#12 PFX, nothing else. */
function classifyBer(ber: Uint8Array): DerShape {
  // ContentInfo starts with its content type OID; PFX with INTEGER 3 (02 01 03).
  if (ber[2] === Tag.oid) return { kind: "pkcs7" };
  if (ber[2] === Tag.integer && ber[3] === 1 && ber[4] === 3) return { kind: "pkcs12" };
  throw new X509Error(X509ErrorCode.badInput, "indefinite-length (BER) encoding, which only PKCS#7 and PKCS#12 may use; certificates, CSRs, CRLs and keys must be DER");
}

/** Splits concatenated DER objects. */
function splitDer(der: Uint8Array): Piece[] {
  const pieces: Piece[] = [];
  for (let pos = 0, n = 1; pos < der.length; n++) {
    const index = n;
    let end: number;
    let ber = false;
    try {
      if (der[pos] === Tag.sequence && der[pos + 1] === 0x80) {
        end = pos + berLength(der.subarray(pos));
        ber = true;
      } else end = readTlv(der, pos, der.length).end;
    } catch (error) {
      const last = pieces[pieces.length - 1];
      // Bytes after a complete object that do not form another one: OpenSSL reads the object and ignores them.
      if (last && error instanceof X509Error) {
        last.trailing = der.length - pos;
        break;
      }
      if (error instanceof X509Error) throw new X509Error(error.code, `DER object ${index}: ${error.message}`);
      throw error;
    }
    pieces.push({ der: der.subarray(pos, end), ber, where: () => `DER object ${index}` });
    pos = end;
  }
  return pieces;
}

function piecesOfText(text: string): Piece[] {
  const damaged: string[] = [];
  // Only the first damaged block is reported: its line number costs a pass over the text.
  const blocks = parsePem(text, (label, at) => void (damaged.length === 0 && damaged.push(`PEM block "${label}" at line ${lineOf(text, at)}: the body is not valid base64`)));
  if (damaged[0]) throw new X509Error(X509ErrorCode.badInput, damaged[0]);
  if (blocks.length > 0) {
    return blocks
      .filter((block) => !IgnoredLabels.has(block.label))
      .map((block, i) => ({
        der: block.der,
        label: block.label,
        headers: block.headers,
        where: () => `PEM block ${i + 1} (${block.label}) at line ${lineOf(text, block.start)}`,
      }));
  }
  const begin = scanArmour(text).unmatched;
  if (begin) {
    throw new X509Error(X509ErrorCode.truncated, `PEM block "${begin.label}" at line ${lineOf(text, begin.at)} has no matching "-----END ${begin.label}-----" line`);
  }
  const bare = fromBase64(text);
  if (bare && bare.length > 0) return splitDer(bare);
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new X509Error(X509ErrorCode.badInput, "empty input: nothing to decode");
  throw new X509Error(X509ErrorCode.badInput, "not PEM, DER or base64: no \"-----BEGIN\" line, and the text is not base64");
}

/** Printable ASCII and whitespace only. */
function isPlainText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (!(b >= 0x20 && b < 0x7f) && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

/** Bytes are DER when they start like an ASN.1 SEQUENCE; anything else is read as text (PEM, base64). */
function piecesOf(input: Uint8Array | string): Piece[] {
  if (typeof input === "string") return piecesOfText(input);
  if (input.length === 0) throw new X509Error(X509ErrorCode.badInput, "empty input: nothing to decode");
  // "0" is 0x30 too, so a text file that starts with a digit also starts like a SEQUENCE, and printable text
  // can even split into well-formed TLVs by chance (any byte from 0x20 to 0x7e is a short-form length): about
  // one PEM file in a hundred behind "0 errors found" did. Every X.509 structure holds a byte outside printable ASCII
  // (a long-form length, an INTEGER or OID tag, 0x02 or 0x06), so printable-only input is read as text.
  if (input[0] === Tag.sequence && !isPlainText(input)) return splitDer(input);
  // Bytes that can be neither base64 nor whitespace, and no armour: not text, so not decoded as text (a 50 MB
  // binary file became a 100 MB string only to fail).
  if (hasBinaryControl(input) && !includesAscii(input, "-----BEGIN ")) {
    throw new X509Error(X509ErrorCode.badInput, "not PEM, DER or base64: no \"-----BEGIN\" line, and the text is not base64");
  }
  return piecesOfText(new TextDecoder("utf-8").decode(input));
}

/** A C0 control that is not whitespace (NUL, 0x01-0x08, 0x0e-0x1f): never in base64 or PEM text. */
function hasBinaryControl(bytes: Uint8Array): boolean {
  // An indexed loop: for-of over a 50 MB Uint8Array measured 4x slower.
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) return true;
  }
  return false;
}

/** Whether the ASCII string `needle` occurs in `bytes` (one pass, no string made of the bytes). */
function includesAscii(bytes: Uint8Array, needle: string): boolean {
  const first = needle.charCodeAt(0);
  for (let i = bytes.indexOf(first); i !== -1 && i + needle.length <= bytes.length; i = bytes.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && bytes[i + j] === needle.charCodeAt(j)) j++;
    if (j === needle.length) return true;
  }
  return false;
}

/** Wraps a PKCS#1 RSAPublicKey as a SubjectPublicKeyInfo (RFC 8017 A.1.1, RFC 3279 2.3.1). */
function wrapRsaPublicKey(der: Uint8Array): Uint8Array {
  const algorithm = encodeTlv(Tag.sequence, encodeOid("1.2.840.113549.1.1.1"), new Uint8Array([0x05, 0x00]));
  const bits = new Uint8Array(der.length + 1);
  bits.set(der, 1);
  return encodeTlv(Tag.sequence, algorithm, encodeTlv(Tag.bitString, bits));
}

async function decodePublicKey(der: Uint8Array, crypto: CryptoProvider): Promise<PublicKeyItem> {
  const top = readTlv(der, 0, der.length);
  return { kind: "publicKey", publicKey: await describeSpki(readSpki(der, top), crypto), der: der.slice() };
}

async function decodePiece(piece: Piece, options: DecodeOptions, at: Date, crypto: CryptoProvider): Promise<DecodedItem> {
  let der = piece.der;
  const ber = piece.ber === true || (der[0] === Tag.sequence && der[1] === 0x80);
  if (ber) der = der.subarray(0, berLength(der));
  else {
    // TRUSTED CERTIFICATE (OpenSSL) appends trust settings after the certificate: decode the first TLV only.
    const first = readTlv(der, 0, der.length);
    if (piece.label === "TRUSTED CERTIFICATE") der = der.subarray(0, first.end);
    // Bytes after the object inside one PEM block: OpenSSL's d2i reads the object and ignores them; so do we, saying so.
    if (first.end !== der.length) {
      piece.trailing = (piece.trailing ?? 0) + der.length - first.end;
      der = der.subarray(0, first.end);
    }
  }
  const labelled = piece.label ? LabelShapes[piece.label] : undefined;
  const shape = ber ? classifyBer(der) : (labelled ?? classifyDer(der));
  switch (shape.kind) {
    case "certificate":
      return decodeCertificateDer(der, at, crypto);
    case "csr":
      return decodeCsrDer(der, crypto);
    case "crl":
      return decodeCrlDer(der);
    case "pkcs7":
      return decodePkcs7Der(der, at, crypto);
    case "pkcs12":
      return decodePkcs12Der(der, { password: options.password, at, crypto, reveal: options.revealPrivateKeys === true, maxIterations: options.maxIterations });
    case "privateKey":
      return decodePrivateKeyDer(der, shape.format, {
        crypto,
        reveal: options.revealPrivateKeys === true,
        legacyEncrypted: piece.headers ? isLegacyEncrypted(piece.headers) : false,
      });
    case "publicKey":
      return decodePublicKey(der, crypto);
    case "rsaPublicKey":
      return decodePublicKey(wrapRsaPublicKey(der), crypto);
  }
}

/**
 * Decodes everything in `input`: PEM text with any number of blocks and junk around them, DER (one object
 * or several concatenated), or base64 without armour. Throws `X509Error` with one line naming the object
 * and what is wrong; never anything else for bad input.
 */
export async function decode(input: Uint8Array | string, options: DecodeOptions = {}): Promise<DecodeResult> {
  const crypto = options.crypto ?? globalThis.crypto;
  const at = options.at ?? new Date();
  const pieces = piecesOf(input);
  if (pieces.length === 0) throw new X509Error(X509ErrorCode.badInput, "no object found: only parameter blocks");
  // In batches, so digests overlap and signals still get through (in-batches.ts); errors in input order.
  // Objects handed to onItems so far: a batch is passed on only while every object before it decoded.
  let streamed = 0;
  const onBatch = options.onItems
    ? (outcomes: PromiseSettledResult<DecodedItem>[], start: number) => {
        if (streamed !== start) return;
        const done = outcomes.findIndex((o) => o.status === "rejected");
        const ok = (done < 0 ? outcomes : outcomes.slice(0, done)) as PromiseFulfilledResult<DecodedItem>[];
        if (ok.length === 0) return;
        streamed += ok.length;
        if (done >= 0) streamed = -1;
        options.onItems?.(ok.map((o) => o.value), pieces.length);
      }
    : undefined;
  const settled = await settleInBatches(pieces, (piece) => decodePiece(piece, options, at, crypto), options.timeLimitMs, undefined, onBatch);
  const items: DecodedItem[] = [];
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === "fulfilled") {
      items.push(outcome.value);
      continue;
    }
    const error: unknown = outcome.reason;
    const where = (pieces[i] as Piece).where();
    if (error instanceof X509Error) throw new X509Error(error.code, `${where}: ${error.message}`);
    // Anything else is a bug in a decoder; still one line, never a stack trace.
    throw new X509Error(X509ErrorCode.badInput, `${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const warnings = pieces.flatMap((piece) => (piece.trailing ? [`${piece.where()}: ${piece.trailing} bytes after the object ignored (not an ASN.1 element)`] : []));
  return warnings.length > 0 ? { items, warnings } : { items };
}

/** Decodes `input` and returns its first certificate (also from inside PKCS#7 / PKCS#12). */
export async function decodeCertificate(input: Uint8Array | string, options: DecodeOptions = {}): Promise<CertificateInfo> {
  const { items } = await decode(input, options);
  for (const item of items) {
    if (item.kind === "certificate") return item;
    if (item.kind === "pkcs7" || item.kind === "pkcs12") {
      const inner = item.items.find((x): x is CertificateInfo => x.kind === "certificate");
      if (inner) return inner;
    }
  }
  throw new X509Error(X509ErrorCode.badInput, `no certificate found (found: ${items.map((i) => i.kind).join(", ")})`);
}
