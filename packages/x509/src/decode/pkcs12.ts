/**
 * PKCS#12 (.p12 / .pfx, RFC 7292) opened with pkijs: certificates decoded, keys described (not revealed).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { decryptPkcs12Pbe, isPkcs12Pbe } from "../generate/pkcs12-pbe.js";
import { toHex } from "../encoding.js";
import { Pkcs12Encryptions, predictPkcs12Importers } from "./pkcs12-compat.js";
import { nameOid } from "../asn1/oids.js";
import type { CertificateInfo, CryptoProvider, Pkcs12Info, Pkcs12Protection, PrivateKeyInfo } from "../types.js";
import { decodeCertificateDer } from "./certificate.js";
import { X509Error, X509ErrorCode } from "./errors.js";
import { MaxPkcs12Iterations, checkIterations, encryptionIterations, integerValue, macIterations } from "./pkcs12-iterations.js";
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
const DATA = "1.2.840.113549.1.7.1";
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
const CipherNames: Readonly<Record<string, string>> = {
  "2.16.840.1.101.3.4.1.2": "AES-128-CBC",
  "2.16.840.1.101.3.4.1.22": "AES-192-CBC",
  "2.16.840.1.101.3.4.1.42": "AES-256-CBC",
  "1.2.840.113549.3.7": "DES-EDE3-CBC",
};
const PrfNames: Readonly<Record<string, string>> = {
  "1.2.840.113549.2.7": "hmacWithSHA1",
  "1.2.840.113549.2.9": "hmacWithSHA256",
  "1.2.840.113549.2.10": "hmacWithSHA384",
  "1.2.840.113549.2.11": "hmacWithSHA512",
};

/** "PBES2, PBKDF2, AES-256-CBC, PRF hmacWithSHA256" or a PKCS#12 PBE name, and the iteration count. */
function describeEncryption(algorithm: pkijs.AlgorithmIdentifier): { encryption: string; iterations?: number } {
  const params = algorithm.algorithmParams as asn1js.Sequence | undefined;
  const items = (params?.valueBlock?.value ?? []) as asn1js.AsnType[];
  if (algorithm.algorithmId !== "1.2.840.113549.1.5.13") {
    const count = items[1];
    return { encryption: Pkcs12Encryptions[algorithm.algorithmId] ?? algorithm.algorithmId, ...(count instanceof asn1js.Integer ? { iterations: count.valueBlock.valueDec } : {}) };
  }
  try {
    const pbes2 = new pkijs.PBES2Params({ schema: params });
    const kdf = new pkijs.PBKDF2Params({ schema: pbes2.keyDerivationFunc.algorithmParams });
    const cipher = CipherNames[pbes2.encryptionScheme.algorithmId] ?? pbes2.encryptionScheme.algorithmId;
    const prf = kdf.prf ? (PrfNames[kdf.prf.algorithmId] ?? kdf.prf.algorithmId) : "hmacWithSHA1";
    return { encryption: `PBES2, PBKDF2, ${cipher}, PRF ${prf}`, iterations: kdf.iterationCount };
  } catch {
    return { encryption: "PBES2 (unreadable parameters)" };
  }
}

/**
 * Checks the iteration count of every password-encrypted safe (EncryptedData) before pkijs decrypts them.
 * Read from a separate parse of `der`: pkijs changes the schema objects it matches, and objects this check
 * matched would be refused when pkijs matches them again to decrypt them.
 */
function checkEncryptedSafes(der: Uint8Array, where: string, limit: number): void {
  const probe = pkijs.PFX.fromBER(new Uint8Array(der).buffer as ArrayBuffer);
  const content = probe.authSafe.content as asn1js.OctetString | undefined;
  if (!(content instanceof asn1js.OctetString)) return; // public-key integrity mode: pkijs refuses it anyway
  const safes = pkijs.AuthenticatedSafe.fromBER(content.getValue());
  for (const safe of safes.safeContents) {
    if (safe.contentType !== ENCRYPTED_DATA) continue;
    const algorithm = new pkijs.EncryptedData({ schema: safe.content }).encryptedContentInfo.contentEncryptionAlgorithm;
    checkEncryption(algorithm, `${where} encrypted certificates`, limit);
  }
}

function bagAttribute(bag: pkijs.SafeBag, oid: string): asn1js.AsnType | undefined {
  return bag.bagAttributes?.find((a) => a.type === oid)?.values[0];
}

/** The MAC and each bag's protection, from an opened file (what `openssl pkcs12 -info` prints). */
function safeEncryption(content: pkijs.ContentInfo): { encryption: string; iterations?: number } {
  try {
    // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm, [0] ... } }.
    // Only the AlgorithmIdentifier is read: pkijs's EncryptedData parser retags the encrypted content in place,
    // which would break the decryption that follows.
    const info = (content.content as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence;
    const algorithm = info.valueBlock.value[1] as asn1js.Sequence;
    return describeEncryption(new pkijs.AlgorithmIdentifier({ schema: algorithm }));
  } catch {
    return { encryption: "encrypted (unreadable parameters)" };
  }
}

function describeProtection(pfx: pkijs.PFX, authSafe: pkijs.AuthenticatedSafe, safeEncryptions: ({ encryption: string; iterations?: number } | undefined)[]): Pkcs12Protection {
  const protection: Pkcs12Protection = { parts: [] };
  if (pfx.macData) {
    const oid = pfx.macData.mac.digestAlgorithm.algorithmId;
    protection.macAlgorithm = MacNames[oid] ?? oid;
    protection.macIterations = pfx.macData.iterations ?? 1;
    protection.macSaltLength = pfx.macData.macSalt.valueBlock.valueHexView.length;
  }
  for (const [i, safe] of (authSafe.parsedValue?.safeContents ?? []).entries()) {
    const encryptedSafe = safeEncryptions[i];
    for (const bag of safe.value.safeBags) {
      const kind = bag.bagId === Bags.certBag ? "certificates" : bag.bagId === Bags.shroudedKeyBag || bag.bagId === Bags.keyBag ? "key" : "other";
      const own = bag.bagId === Bags.shroudedKeyBag ? describeEncryption((bag.bagValue as pkijs.PKCS8ShroudedKeyBag).encryptionAlgorithm) : encryptedSafe;
      const name = bagAttribute(bag, "1.2.840.113549.1.9.20");
      const keyId = bagAttribute(bag, "1.2.840.113549.1.9.21");
      protection.parts.push({
        contents: kind,
        ...(own ?? {}),
        ...(name instanceof asn1js.BmpString ? { friendlyName: name.valueBlock.value } : {}),
        ...(keyId instanceof asn1js.OctetString ? { localKeyId: toHex(keyId.valueBlock.valueHexView) } : {}),
      });
    }
  }
  return protection;
}

/**
 * pkijs decrypts PBES2 only; the PKCS#12 PBE schemes (RFC 7292 appendix C: 3DES for the compat profile and
 * Windows exports, RC2 for `openssl pkcs12 -export -legacy` certificates) are ours. The caller checked the
 * iteration count against its limit already. Throws "wrong password" when the padding does not come out right.
 */
async function decryptPbe(algorithm: pkijs.AlgorithmIdentifier, encrypted: Uint8Array, password: string, crypto: CryptoProvider): Promise<Uint8Array> {
  const name = Pkcs12Encryptions[algorithm.algorithmId] ?? algorithm.algorithmId;
  const params = algorithm.algorithmParams as asn1js.Sequence | undefined;
  const [salt, count] = (params?.valueBlock?.value ?? []) as [asn1js.OctetString?, asn1js.Integer?];
  if (!(salt instanceof asn1js.OctetString) || !(count instanceof asn1js.Integer)) throw new Error(`${name}: bad parameters`);
  // The full INTEGER (valueDec reads 10,000,000 as 0).
  const iterations = Number(integerValue(count.valueBlock.valueHexView));
  if (iterations < 1 || iterations > Number.MAX_SAFE_INTEGER) throw new Error(`${name}: iteration count ${iterations} is out of range`);
  try {
    return await decryptPkcs12Pbe(algorithm.algorithmId, encrypted, password, salt.valueBlock.valueHexView, iterations, crypto);
  } catch {
    throw new X509Error(X509ErrorCode.badInput, `wrong password (${name} does not decrypt)`);
  }
}

/**
 * Replaces each EncryptedData safe protected with a PKCS#12 PBE scheme by the plain Data safe it holds, so pkijs
 * (PBES2 only) parses its bags. EncryptedData ::= SEQUENCE { version, EncryptedContentInfo ::= SEQUENCE {
 * contentType, contentEncryptionAlgorithm, [0] IMPLICIT encryptedContent } } (RFC 5652 6.1, 8).
 */
async function decryptPbeSafes(authSafe: pkijs.AuthenticatedSafe, password: string, crypto: CryptoProvider): Promise<void> {
  for (const [i, safe] of authSafe.safeContents.entries()) {
    if (safe.contentType !== ENCRYPTED_DATA) continue;
    const info = (safe.content as asn1js.Sequence).valueBlock.value[1] as asn1js.Sequence;
    const [, algorithmSchema, encryptedContent] = info.valueBlock.value as [asn1js.AsnType, asn1js.Sequence, asn1js.AsnType?];
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: algorithmSchema });
    if (!isPkcs12Pbe(algorithm.algorithmId)) continue;
    if (!encryptedContent) throw new Error(`${Pkcs12Encryptions[algorithm.algorithmId]}: no encrypted content`);
    const plain = await decryptPbe(algorithm, encryptedBytes(encryptedContent), password, crypto);
    authSafe.safeContents[i] = new pkijs.ContentInfo({ contentType: DATA, content: new asn1js.OctetString({ valueHex: plain.slice().buffer as ArrayBuffer }) });
  }
}

/** The bytes of [0] IMPLICIT OCTET STRING, primitive or constructed (BER allows both; Windows writes chunks). */
function encryptedBytes(node: asn1js.AsnType): Uint8Array {
  const block = node.valueBlock as { value?: asn1js.AsnType[]; valueHexView?: Uint8Array };
  if (Array.isArray(block.value) && block.value.length > 0) {
    const chunks = block.value.map((chunk) => (chunk.valueBlock as { valueHexView: Uint8Array }).valueHexView);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
  return block.valueHexView ?? new Uint8Array(0);
}

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
    // A copy into a fresh ArrayBuffer: a Node Buffer is a view into a shared pool, and .slice() of a Buffer is too.
    const pfx = pkijs.PFX.fromBER(new Uint8Array(der).buffer as ArrayBuffer);
    const macOid = pfx.macData?.mac.digestAlgorithm.algorithmId;
    // Every count is checked before the derivation it drives runs; the MAC's first (pkcs12-iterations.ts).
    const macCount = macIterations(asn1js.fromBER(new Uint8Array(der).buffer as ArrayBuffer).result);
    if (macCount !== undefined) checkIterations(macCount, `${where}: MAC iteration count`, limit);
    if (macOid) info.macAlgorithm = MacNames[macOid] ?? macOid;
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined }, engine);
    const authSafe = pfx.parsedValue?.authenticatedSafe;
    if (!authSafe) throw new X509Error(X509ErrorCode.badInput, `${where}: no authenticated safe`);
    checkEncryptedSafes(der, where, limit);
    // Read each part's encryption before pkijs decrypts it: parsing the contents reuses (and changes) the ASN.1 objects.
    const safeEncryptions = authSafe.safeContents.map((content) => (content.contentType === ENCRYPTED_DATA ? safeEncryption(content) : undefined));
    await decryptPbeSafes(authSafe, options.password ?? "", options.crypto);
    const safeContents = authSafe.safeContents.map((content) => (content.contentType === ENCRYPTED_DATA ? { password } : {}));
    await authSafe.parseInternalValues({ safeContents }, engine);
    for (const safe of authSafe.parsedValue?.safeContents ?? []) bags = bags.concat(safe.value.safeBags);
    info.protection = describeProtection(pfx, authSafe, safeEncryptions);
    info.importers = predictPkcs12Importers(info.protection);
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
        if (bag.bagId === Bags.shroudedKeyBag) checkEncryption((bag.bagValue as pkijs.PKCS8ShroudedKeyBag).encryptionAlgorithm, `${where} key ${keyIndex + 1}`, limit);
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        if (bag.bagId === Bags.shroudedKeyBag && isPkcs12Pbe(shrouded.encryptionAlgorithm.algorithmId)) {
          const plain = await decryptPbe(shrouded.encryptionAlgorithm, shrouded.encryptedData.valueBlock.valueHexView, options.password ?? "", options.crypto);
          keyInfo = pkijs.PrivateKeyInfo.fromBER(plain.slice().buffer as ArrayBuffer);
        } else if (bag.bagId === Bags.shroudedKeyBag) {
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
