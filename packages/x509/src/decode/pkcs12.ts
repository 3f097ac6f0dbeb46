/**
 * PKCS#12 (.p12 / .pfx, RFC 7292) opened with pkijs: certificates decoded, keys described (not revealed).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { nameOid } from "../asn1/oids.js";
import type { CertificateInfo, CryptoProvider, Pkcs12Info, PrivateKeyInfo } from "../types.js";
import { decodeCertificateDer } from "./certificate.js";
import { X509Error, X509ErrorCode } from "./errors.js";
import { MaxPkcs12Iterations, checkIterations, encryptionIterations, macIterations } from "./pkcs12-iterations.js";
import { decodePrivateKeyDer } from "./private-key.js";

/** An AlgorithmIdentifier as pkijs holds it. */
interface Algorithm {
  algorithmId: string;
  algorithmParams?: unknown;
}

/** Checks the iteration count of a password-based encryption algorithm (if it is one) against `limit`. */
function checkEncryption(algorithm: Algorithm | undefined, what: string, limit: number): void {
  if (!algorithm) return;
  const count = encryptionIterations(algorithm.algorithmId, algorithm.algorithmParams);
  if (count !== undefined) checkIterations(count, `${what}: PBKDF2 iteration count`, limit);
}

const Bags = {
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
} as const;
const ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
const X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";


const MacNames: Readonly<Record<string, string>> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? "";
}

/** Maps what pkijs or WebCrypto threw to one X509Error. A failed MAC or decryption means a wrong password. */
function toX509Error(error: unknown, where: string, password: string | undefined): X509Error {
  if (error instanceof X509Error) return error;
  const message = firstLine(error);
  const name = error instanceof Error ? error.name : "";
  if (/integrity|mac|decrypt/i.test(message) || name === "OperationError") {
    return new X509Error(
      X509ErrorCode.badPassword,
      password === undefined
        ? `${where}: protected by a password and none was given`
        : `${where}: wrong password (the integrity check or decryption failed)`,
    );
  }
  if (/unsupported|not supported|unknown/i.test(message) || name === "NotSupportedError") {
    const named = message.replace(/\d+(\.\d+){3,}/g, (oid) => (nameOid(oid) ? `${oid} (${nameOid(oid)})` : oid));
    return new X509Error(X509ErrorCode.unsupported, `${where}: ${named || "unsupported algorithm"} (try re-exporting with OpenSSL 3 defaults: AES-256-CBC, PBKDF2, HMAC-SHA256)`);
  }
  return new X509Error(X509ErrorCode.badInput, `${where}: ${message || "malformed PKCS#12"}`);
}

/** Opens a PKCS#12 with `password` (an absent password is tried as the empty one, as OpenSSL's -passin pass: does). */
export async function decodePkcs12Der(
  der: Uint8Array,
  options: { password?: string; at: Date; crypto: CryptoProvider; reveal: boolean; maxIterations?: number },
  where = "PKCS#12",
): Promise<Pkcs12Info> {
  const engine = new pkijs.CryptoEngine({ name: "mtls-lab", crypto: options.crypto });
  const password = new TextEncoder().encode(options.password ?? "").buffer as ArrayBuffer;
  const info: Pkcs12Info = { kind: "pkcs12", items: [], der: der.slice() };
  const limit = options.maxIterations ?? MaxPkcs12Iterations;
  let bags: pkijs.SafeBag[] = [];
  try {
    const pfx = pkijs.PFX.fromBER(der.slice().buffer as ArrayBuffer);
    const macOid = pfx.macData?.mac.digestAlgorithm.algorithmId;
    // Every count is checked before the derivation it drives runs; the MAC's first (pkcs12-iterations.ts).
    const macCount = macIterations(asn1js.fromBER(der.slice().buffer as ArrayBuffer).result);
    if (macCount !== undefined) checkIterations(macCount, `${where}: MAC iteration count`, limit);
    if (macOid) info.macAlgorithm = MacNames[macOid] ?? macOid;
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined }, engine);
    const authSafe = pfx.parsedValue?.authenticatedSafe;
    if (!authSafe) throw new X509Error(X509ErrorCode.badInput, `${where}: no authenticated safe`);
    for (const content of authSafe.safeContents) {
      if (content.contentType !== ENCRYPTED_DATA) continue;
      // A copy: pkijs marks a schema it has matched, and would refuse to match this one again when decrypting.
      const encrypted = pkijs.EncryptedData.fromBER((content.content as { toBER(): ArrayBuffer }).toBER());
      checkEncryption(encrypted.encryptedContentInfo.contentEncryptionAlgorithm, `${where} encrypted certificates`, limit);
    }
    const safeContents = authSafe.safeContents.map((content) => (content.contentType === ENCRYPTED_DATA ? { password } : {}));
    await authSafe.parseInternalValues({ safeContents }, engine);
    for (const safe of authSafe.parsedValue?.safeContents ?? []) bags = bags.concat(safe.value.safeBags);
  } catch (error) {
    throw toX509Error(error, where, options.password);
  }
  let certIndex = 0;
  let keyIndex = 0;
  for (const bag of bags) {
    if (bag.bagId === Bags.certBag) {
      const certBag = bag.bagValue as pkijs.CertBag;
      if (certBag.certId !== X509_CERTIFICATE) continue;
      const certDer = (certBag.certValue as unknown as { valueBlock: { valueHexView: Uint8Array } }).valueBlock.valueHexView;
      info.items.push(await decodeCertificateDer(new Uint8Array(certDer), options.at, options.crypto, `${where} certificate ${++certIndex}`) as CertificateInfo);
    } else if (bag.bagId === Bags.shroudedKeyBag || bag.bagId === Bags.keyBag) {
      let keyInfo: pkijs.PrivateKeyInfo | undefined;
      try {
        if (bag.bagId === Bags.shroudedKeyBag) {
          const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
          checkEncryption(shrouded.encryptionAlgorithm, `${where} key ${keyIndex + 1}`, limit);
          // pkijs declares this protected, but it is the documented way to decrypt a shrouded key bag.
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }, c: pkijs.ICryptoEngine): Promise<void> }).parseInternalValues({ password }, engine);
          keyInfo = shrouded.parsedValue;
        } else keyInfo = bag.bagValue as pkijs.PrivateKeyInfo;
      } catch (error) {
        throw toX509Error(error, `${where} key ${keyIndex + 1}`, options.password);
      }
      if (!keyInfo) continue;
      const keyDer = new Uint8Array(keyInfo.toSchema().toBER(false));
      info.items.push(await decodePrivateKeyDer(keyDer, "pkcs8", { crypto: options.crypto, reveal: options.reveal }, `${where} key ${++keyIndex}`) as PrivateKeyInfo);
    }
  }
  return info;
}
