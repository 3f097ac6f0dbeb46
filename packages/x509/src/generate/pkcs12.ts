/**
 * PKCS#12 (RFC 7292) for one client: its key, certificate and chain, readable by OpenSSL 3, Java's keytool,
 * browsers and curl, in one of two protection profiles (modern or compat, below). The structure is pkijs's; the
 * encryption and MAC are ./pkcs12-pbe.ts.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { CryptoProvider } from "../types.js";
import { toX509 } from "./issue.js";
import { Pkcs12Oid, encrypt3des, encryptPbes2, pkcs12Mac } from "./pkcs12-pbe.js";
import type { CertificateInput, Pkcs12Params } from "./types.js";
import { badArgument } from "../decode/errors.js";

/** OpenSSL 3's default PKCS#12 iteration count (PKCS12_DEFAULT_ITER). */
const DEFAULT_ITERATIONS = 2048;
const OID_FRIENDLY_NAME = "1.2.840.113549.1.9.20"; // PKCS#9 friendlyName (BMPString)
const OID_LOCAL_KEY_ID = "1.2.840.113549.1.9.21"; // PKCS#9 localKeyId: pairs the key bag with its certificate
const OID_X509_CERT = "1.2.840.113549.1.9.22.1"; // certTypes x509Certificate

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer as ArrayBuffer;
}

function certificateDer(input: CertificateInput, field: string): ArrayBuffer {
  return toX509(input, field).rawData;
}

function bagAttributes(friendlyName: string | undefined, localKeyId: ArrayBuffer): pkijs.Attribute[] {
  const attributes = [new pkijs.Attribute({ type: OID_LOCAL_KEY_ID, values: [new asn1js.OctetString({ valueHex: localKeyId })] })];
  if (friendlyName) attributes.unshift(new pkijs.Attribute({ type: OID_FRIENDLY_NAME, values: [new asn1js.BmpString({ value: friendlyName })] }));
  return attributes;
}

function certBag(der: ArrayBuffer, attributes?: pkijs.Attribute[]): pkijs.SafeBag {
  // The original DER goes in as is (no parsedValue), so the bag holds byte-for-byte the certificate that was issued.
  const bag = new pkijs.CertBag({ certId: OID_X509_CERT, certValue: new asn1js.OctetString({ valueHex: der }) } as pkijs.CertBagParameters);
  return new pkijs.SafeBag({
    bagId: "1.2.840.113549.1.12.10.1.3",
    bagValue: bag,
    ...(attributes ? { bagAttributes: attributes } : {}),
  });
}

/**
 * How a PKCS#12 file is protected. `modern` is OpenSSL 3's default (PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC
 * for the key, an HMAC-SHA256 MAC); `compat` is what older systems import (pbeWithSHAAnd3-KeyTripleDES-CBC for the
 * key, an HMAC-SHA1 MAC: Windows 7/8, macOS Keychain before Sonoma, Java 8 before 8u301, Go's x/crypto/pkcs12).
 * Both use 8-byte salts (OpenSSL's PKCS5_SALT_LEN): the macOS Keychain refuses longer MAC salts.
 */
export const Pkcs12Profile = { modern: "modern", compat: "compat" } as const;
export type Pkcs12Profile = (typeof Pkcs12Profile)[keyof typeof Pkcs12Profile];

/** OpenSSL's salt length for PKCS#12 (PKCS5_SALT_LEN). */
const SALT_BYTES = 8;

/**
 * Builds a password-protected PKCS#12 file. Certificates sit in a plain SafeContents (they are public), the key
 * in a PKCS8ShroudedKeyBag; both the key bag and the leaf's certificate bag carry friendlyName and the same
 * localKeyId, which keytool needs to show a PrivateKeyEntry with its chain.
 */
export async function createPkcs12(params: Pkcs12Params, crypto: CryptoProvider = globalThis.crypto): Promise<Uint8Array> {
  if (!params || typeof params !== "object") throw badArgument("Bad params: expected an object");
  if (typeof params.password !== "string" || params.password === "") {
    throw badArgument("Bad password: a PKCS#12 file needs a non-empty password (keytool refuses empty ones)");
  }
  if (params.key?.type !== "private" || !params.key.extractable) throw badArgument("Bad key: expected an extractable private CryptoKey");
  const profile = params.profile ?? Pkcs12Profile.modern;
  if (!(Object.values(Pkcs12Profile) as string[]).includes(profile)) {
    throw badArgument(`Bad profile ${JSON.stringify(profile)}: expected ${Object.values(Pkcs12Profile).join(" or ")}`);
  }
  const iterations = params.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > 10_000_000) throw badArgument(`Bad iterations ${JSON.stringify(iterations)}: expected 1 to 10,000,000`);

  const leaf = toX509(params.certificate, "certificate");
  const friendlyName = params.friendlyName ?? (leaf.subjectName.getField("CN")[0] || "client");
  // localKeyId: SHA-1 of the leaf certificate, as OpenSSL writes it.
  const localKeyId = await crypto.subtle.digest("SHA-1", leaf.rawData);

  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", params.key));
  const salt = () => crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const encrypted = profile === "compat" ? await encrypt3des(pkcs8, params.password, salt(), iterations, crypto) : await encryptPbes2(pkcs8, params.password, salt(), iterations, crypto);
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({
    encryptionAlgorithm: new pkijs.AlgorithmIdentifier({ schema: encrypted.algorithm }),
    encryptedData: new asn1js.OctetString({ valueHex: bufferOf(encrypted.data) }),
  });

  const certBags = [
    certBag(leaf.rawData, bagAttributes(friendlyName, localKeyId)),
    ...(params.chain ?? []).map((certificate, i) => certBag(certificateDer(certificate, `chain[${i}]`))),
  ];
  const keyContents = new pkijs.SafeContents({
    safeBags: [new pkijs.SafeBag({ bagId: "1.2.840.113549.1.12.10.1.2", bagValue: keyBag, bagAttributes: bagAttributes(friendlyName, localKeyId) })],
  });
  const certContents = new pkijs.SafeContents({ safeBags: [...certBags] });
  const data = (contents: pkijs.SafeContents) => new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.DATA, content: new asn1js.OctetString({ valueHex: contents.toSchema().toBER(false) }) });
  const authenticatedSafe = new pkijs.AuthenticatedSafe({ safeContents: [data(certContents), data(keyContents)] });
  const authSafeDer = new Uint8Array(authenticatedSafe.toSchema().toBER(false));

  const hash = profile === "compat" ? "SHA-1" : "SHA-256";
  const macSalt = salt();
  const mac = await pkcs12Mac(hash, authSafeDer, params.password, macSalt, iterations, crypto);
  const pfx = new pkijs.PFX({
    version: 3,
    authSafe: new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.DATA, content: new asn1js.OctetString({ valueHex: bufferOf(authSafeDer) }) }),
    macData: new pkijs.MacData({
      mac: new pkijs.DigestInfo({
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: hash === "SHA-1" ? Pkcs12Oid.sha1 : Pkcs12Oid.sha256, algorithmParams: new asn1js.Null() }),
        digest: new asn1js.OctetString({ valueHex: bufferOf(mac) }),
      }),
      macSalt: new asn1js.OctetString({ valueHex: bufferOf(macSalt) }),
      iterations,
    }),
  });
  return new Uint8Array(pfx.toSchema().toBER(false));
}
