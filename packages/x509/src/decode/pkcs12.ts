/**
 * PKCS#12 (.p12 / .pfx, RFC 7292) opened with pkijs: certificates decoded, keys described (not revealed).
 */
import * as pkijs from "pkijs";
import { nameOid } from "../asn1/oids.js";
import type { CertificateInfo, CryptoProvider, Pkcs12Info, PrivateKeyInfo } from "../types.js";
import { decodeCertificateDer } from "./certificate.js";
import { X509Error, X509ErrorCode } from "./errors.js";
import { decodePrivateKeyDer } from "./private-key.js";

const Bags = {
  keyBag: "1.2.840.113549.1.12.10.1.1",
  shroudedKeyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
} as const;
const ENCRYPTED_DATA = "1.2.840.113549.1.7.6";
const X509_CERTIFICATE = "1.2.840.113549.1.9.22.1";

const MAX_MAC_ITERATIONS = 1_000_000;

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
  options: { password?: string; at: Date; crypto: CryptoProvider; reveal: boolean },
  where = "PKCS#12",
): Promise<Pkcs12Info> {
  const engine = new pkijs.CryptoEngine({ name: "mtls-lab", crypto: options.crypto });
  const password = new TextEncoder().encode(options.password ?? "").buffer as ArrayBuffer;
  const info: Pkcs12Info = { kind: "pkcs12", items: [], der: der.slice() };
  let bags: pkijs.SafeBag[] = [];
  try {
    const pfx = pkijs.PFX.fromBER(der.slice().buffer as ArrayBuffer);
    const macOid = pfx.macData?.mac.digestAlgorithm.algorithmId;
    // The PKCS#12 MAC key derivation (RFC 7292 B.2) runs one digest per iteration; an absurd count is a denial
    // of service, not a key store. OpenSSL writes 2048, Windows 2000; 600,000 is the highest seen in practice.
    const iterations = pfx.macData?.iterations ?? 1;
    if (iterations > MAX_MAC_ITERATIONS) {
      throw new X509Error(X509ErrorCode.unsupported, `${where}: MAC iteration count ${iterations} is above the ${MAX_MAC_ITERATIONS} this decoder accepts`);
    }
    if (macOid) info.macAlgorithm = MacNames[macOid] ?? macOid;
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined }, engine);
    const authSafe = pfx.parsedValue?.authenticatedSafe;
    if (!authSafe) throw new X509Error(X509ErrorCode.badInput, `${where}: no authenticated safe`);
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
