/**
 * Iteration counts of a PKCS#12 file, read as the full INTEGER and checked against one limit before any key
 * derivation runs. asn1js's valueDec reads counts of 10,000,000 and 100,000,000 as 0, so pkijs derived with 0
 * iterations and the right password looked wrong; and each iteration is one digest (RFC 7292 B.2 for the
 * MAC, RFC 8018 5.2 for PBKDF2), so an absurd count is a denial of service, not a key store.
 */
import { X509Error, X509ErrorCode } from "./errors.js";

/** The default limit for MAC and PBKDF2 iteration counts alike. OpenSSL 3 writes 2048; 600,000 is the highest seen. */
export const MaxPkcs12Iterations = 1_000_000;

/** The part of an asn1js element this reads: children of a constructed value, bytes of a primitive one. */
interface Asn1Node {
  valueBlock?: { value?: unknown; valueHexView?: Uint8Array };
}

const Pbes2 = "1.2.840.113549.1.5.13";
const Pbkdf2 = "1.2.840.113549.1.5.12";
/** PKCS#12 PBE (RFC 7292 Appendix C) and PKCS#5 PBES1 (RFC 8018 6.1): params are SEQUENCE { salt, iterations }. */
const saltIterationPrefixes = ["1.2.840.113549.1.12.1.", "1.2.840.113549.1.5."];

function child(node: unknown, index: number): Asn1Node | undefined {
  const value = (node as Asn1Node | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value[index] as Asn1Node | undefined) : undefined;
}

/** The value of an INTEGER's content bytes (two's complement, big-endian), whatever its length. */
export function integerValue(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  if (bytes.length > 0 && (bytes[0] as number) & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** The INTEGER at `node` (an asn1js Integer), or undefined when it is not one. */
function integerAt(node: Asn1Node | undefined): bigint | undefined {
  const bytes = node?.valueBlock?.valueHexView;
  return bytes instanceof Uint8Array && bytes.length > 0 ? integerValue(bytes) : undefined;
}

/**
 * Throws an X509Error when `count` is not a positive number at most `limit`. `what` names the count
 * ("MAC iteration count", "PBKDF2 iteration count of key 1").
 */
export function checkIterations(count: bigint, what: string, limit: number): void {
  if (count < 1n) throw new X509Error(X509ErrorCode.badInput, `${what} is ${count}; it must be at least 1`);
  if (count > BigInt(limit)) {
    throw new X509Error(
      X509ErrorCode.unsupported,
      `${what} ${count} is above the limit of ${limit}; raise the limit (mtls-lab: --max-iterations) only for a file you trust`,
    );
  }
}

/** The MAC iteration count of a PFX (RFC 7292 4: PFX ::= SEQUENCE { version, authSafe, macData }; DEFAULT 1). */
export function macIterations(pfx: unknown): bigint | undefined {
  const macData = child(pfx, 2);
  if (!macData) return undefined;
  return integerAt(child(macData, 2)) ?? 1n;
}

/**
 * The iteration count of a password-based encryption AlgorithmIdentifier: PBES2 with PBKDF2 (RFC 8018 A.2,
 * A.4), or a PKCS#12/PBES1 scheme. Undefined for anything else.
 */
export function encryptionIterations(algorithmId: string, params: unknown): bigint | undefined {
  if (algorithmId === Pbes2) {
    const kdf = child(params, 0);
    const kdfOid = String((child(kdf, 0) as { valueBlock?: { toString?: () => string } } | undefined)?.valueBlock?.toString?.() ?? "");
    return kdfOid === Pbkdf2 ? integerAt(child(child(kdf, 1), 1)) : undefined;
  }
  if (saltIterationPrefixes.some((prefix) => algorithmId.startsWith(prefix))) return integerAt(child(params, 1));
  return undefined;
}
