/**
 * How a PKCS#12 file is protected (MAC, each part's encryption) and which systems import it. The rules are
 * data: each names its source, so a reader can check it (docs/pkcs12.md lists them with links).
 */
import type { Pkcs12Importer, Pkcs12Protection } from "../types.js";

/** Encryption schemes by OID, named as `openssl pkcs12 -info` names them. */
export const Pkcs12Encryptions: Readonly<Record<string, string>> = {
  "1.2.840.113549.1.12.1.1": "pbeWithSHA1And128BitRC4",
  "1.2.840.113549.1.12.1.2": "pbeWithSHA1And40BitRC4",
  "1.2.840.113549.1.12.1.3": "pbeWithSHA1And3-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.4": "pbeWithSHA1And2-KeyTripleDES-CBC",
  "1.2.840.113549.1.12.1.5": "pbeWithSHA1And128BitRC2-CBC",
  "1.2.840.113549.1.12.1.6": "pbeWithSHA1And40BitRC2-CBC",
  "1.2.840.113549.1.5.13": "PBES2",
};

/** In OpenSSL 3's legacy provider: RC2 and RC4 (two-key 3DES, DES-EDE-CBC, stays in the default one; measured). */
const LEGACY_PROVIDER = /RC2|RC4/;
const isPbes2 = (scheme: string) => scheme.startsWith("PBES2");
/** Java's SunJCE has PBEWithSHA1AndDESede (three keys), RC2_40/128 and RC4_40/128, but no two-key 3DES. */
const TWO_KEY_3DES = "pbeWithSHA1And2-KeyTripleDES-CBC";
/** The only PBE schemes golang.org/x/crypto/pkcs12 decrypts (its crypto.go). */
const GO_SCHEMES: readonly string[] = ["pbeWithSHA1And3-KeyTripleDES-CBC", "pbeWithSHA1And40BitRC2-CBC"];

/**
 * One system and what it needs. `measured` rules are checked against the real tool by `npm test`;
 * `documented` ones cite the vendor or the public report they come from.
 */
interface ImportRule {
  system: string;
  evidence: "measured" | "documented";
  source: string;
  check(p: Pkcs12Protection): string | null;
}

const schemes = (p: Pkcs12Protection) => p.parts.map((part) => part.encryption).filter((e): e is string => e !== undefined);

const RULES: readonly ImportRule[] = [
  {
    system: "OpenSSL 3 (openssl pkcs12, curl, nginx, Node)",
    evidence: "measured",
    source: "openssl-pkcs12(1): RC2 and RC4 are in the legacy provider since OpenSSL 3.0",
    check: (p) => (schemes(p).some((s) => LEGACY_PROVIDER.test(s)) ? "needs -legacy (RC2/RC4 are in OpenSSL 3's legacy provider)" : null),
  },
  {
    system: "OpenSSL 3 with -legacy",
    evidence: "measured",
    source: "openssl-pkcs12(1)",
    check: () => null,
  },
  {
    system: "Java 17 (keytool, KeyStore PKCS12)",
    evidence: "measured",
    source: "keytool -list on this machine's OpenJDK 17 (two-key 3DES: \"keystore password was incorrect\")",
    check: (p) =>
      p.macAlgorithm !== undefined && !["sha1", "sha256", "sha384", "sha512"].includes(p.macAlgorithm)
        ? `cannot check a ${p.macAlgorithm} MAC`
        : schemes(p).includes(TWO_KEY_3DES)
          ? "no two-key 3DES (reported as a wrong password)"
          : null,
  },
  {
    system: "Java 8 before 8u301",
    evidence: "documented",
    source: "https://bugs.openjdk.org/browse/JDK-8153005 (PBES2 and HMAC-SHA256 PKCS#12 came with 8u301 and 11.0.12)",
    check: (p) => (schemes(p).some(isPbes2) || schemes(p).includes(TWO_KEY_3DES) || (p.macAlgorithm !== undefined && p.macAlgorithm !== "sha1") ? "reads only PBE-SHA1 schemes (not two-key 3DES) and a SHA-1 MAC" : null),
  },
  {
    system: "macOS Keychain (SecPKCS12Import)",
    evidence: "documented",
    source: "https://github.com/kornelski/rust-security-framework/issues/216 and https://github.com/ruby/openssl/issues/654: a SHA-256 MAC fails with \"MAC verification failed\" / wrong passphrase",
    check: (p) => (p.macAlgorithm !== undefined && p.macAlgorithm !== "sha1" ? "refuses a non-SHA-1 MAC as a wrong password" : p.macSaltLength !== undefined && p.macSaltLength > 8 ? "refuses MAC salts longer than 8 bytes" : null),
  },
  {
    system: "Windows 7 / 8 / Server 2012 (certutil, MMC)",
    evidence: "documented",
    source: "https://learn.microsoft.com/powershell/module/pki/export-pfxcertificate (-CryptoAlgorithmOption AES256_SHA256 needs Windows 10 1709 / Server 2019; TripleDES_SHA1 works everywhere)",
    check: (p) => (schemes(p).some(isPbes2) || (p.macAlgorithm !== undefined && p.macAlgorithm !== "sha1") ? "imports TripleDES_SHA1 files only" : null),
  },
  {
    system: "Windows 10 1709+ / 11",
    evidence: "documented",
    source: "https://learn.microsoft.com/powershell/module/pki/export-pfxcertificate",
    check: () => null,
  },
  {
    system: "Go golang.org/x/crypto/pkcs12",
    evidence: "measured",
    source: "pkcs12.Decode from Debian's golang-golang-x-crypto-dev (SHA-1 MAC, three-key 3DES and RC2-40 only)",
    check: (p) => {
      const other = schemes(p).find((s) => !GO_SCHEMES.includes(s));
      if (other) return isPbes2(other) ? "no PBES2 (\"unknown algorithm\")" : `no ${other} ("algorithm ... is not supported")`;
      return p.macAlgorithm !== undefined && p.macAlgorithm !== "sha1" ? `no ${p.macAlgorithm} MAC ("unknown digest algorithm")` : null;
    },
  },
  {
    system: "Python cryptography (pkcs12.load_key_and_certificates)",
    evidence: "measured",
    source: "Debian's python3-cryptography 38 (OpenSSL 3 underneath; it loads OpenSSL's legacy provider itself, so RC2 files open)",
    check: () => null,
  },
];

/** Which systems import a file protected this way, and why not where they do not. */
export function predictPkcs12Importers(protection: Pkcs12Protection): Pkcs12Importer[] {
  return RULES.map((rule) => {
    const problem = rule.check(protection);
    return { system: rule.system, imports: problem === null, ...(problem ? { reason: problem } : {}), evidence: rule.evidence, source: rule.source };
  });
}
