/**
 * PKCS#12 (RFC 7292) for one client: its key, certificate and chain, readable by OpenSSL 3, Java 17's keytool,
 * browsers and curl. Built with pkijs using OpenSSL 3's defaults: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for the
 * key (RFC 8018) and an HMAC-SHA256 MAC with the PKCS#12 key derivation (RFC 7292 appendix B).
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { CryptoProvider } from "../types.js";
import { toX509 } from "./issue.js";
import type { CertificateInput, Pkcs12Params } from "./types.js";
import { badArgument } from "../decode/errors.js";

/** OpenSSL 3's default PKCS#12 iteration count (PKCS12_DEFAULT_ITER). */
const DEFAULT_ITERATIONS = 2048;
const OID_FRIENDLY_NAME = "1.2.840.113549.1.9.20"; // PKCS#9 friendlyName (BMPString)
const OID_LOCAL_KEY_ID = "1.2.840.113549.1.9.21"; // PKCS#9 localKeyId: pairs the key bag with its certificate
const OID_X509_CERT = "1.2.840.113549.1.9.22.1"; // certTypes x509Certificate

function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
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
  const iterations = params.iterations ?? DEFAULT_ITERATIONS;
  const engine = new pkijs.CryptoEngine({ name: "mtls-lab", crypto });
  const password = bufferOf(new TextEncoder().encode(params.password));

  const leaf = toX509(params.certificate, "certificate");
  const friendlyName = params.friendlyName ?? (leaf.subjectName.getField("CN")[0] || "client");
  // localKeyId: SHA-1 of the leaf certificate, as OpenSSL writes it.
  const localKeyId = await crypto.subtle.digest("SHA-1", leaf.rawData);

  const pkcs8 = await crypto.subtle.exportKey("pkcs8", params.key);
  const keyBag = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: pkijs.PrivateKeyInfo.fromBER(pkcs8) });
  await keyBag.makeInternalValues(
    {
      password,
      // pkijs draws the IV itself; the empty one only satisfies the type.
      contentEncryptionAlgorithm: { name: "AES-CBC", length: 256, iv: new Uint8Array(16) },
      hmacHashAlgorithm: "SHA-256",
      iterationCount: iterations,
    },
    engine,
  );

  const certBags = [
    certBag(leaf.rawData, bagAttributes(friendlyName, localKeyId)),
    ...(params.chain ?? []).map((certificate, i) => certBag(certificateDer(certificate, `chain[${i}]`))),
  ];
  const keyContents = new pkijs.SafeContents({
    safeBags: [new pkijs.SafeBag({ bagId: "1.2.840.113549.1.12.10.1.2", bagValue: keyBag, bagAttributes: bagAttributes(friendlyName, localKeyId) })],
  });
  const certContents = new pkijs.SafeContents({ safeBags: certBags });

  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0, // password MAC
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: { safeContents: [{ privacyMode: 0, value: certContents }, { privacyMode: 0, value: keyContents }] },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{}, {}] }, engine);
  await pfx.makeInternalValues({ password, iterations, pbkdf2HashAlgorithm: "SHA-256", hmacHashAlgorithm: "SHA-256" } as pkijs.MakeInternalValuesParams, engine);
  return new Uint8Array(pfx.toSchema().toBER(false));
}
