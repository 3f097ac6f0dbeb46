/**
 * `mtls-lab p12 --in FILE --password P --profile compat|modern --out FILE [--new-password P2]`: re-export a
 * PKCS#12 file with another protection profile, for systems that refuse the one it has (older macOS Keychain,
 * Windows 7/8 and Java 8 need compat). The key never leaves the process unencrypted.
 */
import { webcrypto } from "node:crypto";
import { resolve } from "node:path";
import { createPkcs12, decode, Pkcs12Profile, type CertificateInfo, type Pkcs12Info, type PrivateKeyInfo } from "@mtls-lab/x509";
import { defineCommand } from "../command.js";
import { CliError, ExitCode, describeError, usageError } from "../errors.js";
import { readInputFile, writeFileAtomic } from "../files.js";
import { oneOf } from "../parse.js";

/** WebCrypto import parameters for the key types a PKCS#12 file carries. */
function importAlgorithm(key: PrivateKeyInfo): RsaHashedImportParams | EcKeyImportParams | Algorithm {
  const info = key.publicKey;
  if (info?.algorithm === "RSA") return { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  if (info?.algorithm === "EC" && info.curve && ["P-256", "P-384", "P-521"].includes(info.curve)) return { name: "ECDSA", namedCurve: info.curve };
  if (info?.algorithm === "Ed25519") return { name: "Ed25519" };
  throw new CliError(`p12: the key is ${info?.algorithm ?? "unknown"}${info?.curve ? ` ${info.curve}` : ""}, which this command cannot re-export`);
}

function pkcs8Der(pem: string): Uint8Array {
  const body = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!body) throw new CliError("p12: the key inside is not a PKCS#8 key");
  return new Uint8Array(Buffer.from(body[1]!.replace(/\s/g, ""), "base64"));
}

const cn = (cert: CertificateInfo) => cert.subjectAttributes.find((a) => a.type === "CN")?.value;

/** The p12 command. */
export const p12 = defineCommand({
  name: "p12",
  summary: "re-export a PKCS#12 file with another protection profile (compat for older macOS, Windows, Java 8)",
  usage: "mtls-lab p12 --in FILE --password P --profile modern|compat --out FILE [--new-password P2]",
  details: [
    "profiles: modern (PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC: OpenSSL 3's default) and",
    "compat (pbeWithSHA1And3-KeyTripleDES-CBC, HMAC-SHA1 MAC: imports into older macOS Keychain, Windows 7/8,",
    "Java 8 and Go's x/crypto/pkcs12). mtls-lab inspect FILE --password P shows a file's protection and who imports it.",
    "",
    "examples:",
    "  mtls-lab p12 --in kit/client.p12 --password changeit --profile compat --out client-compat.p12",
    "",
    "exit codes: 0 written, 1 unreadable input or wrong password, 2 usage error.",
  ].join("\n"),
  flags: {
    in: { type: "string", value: "FILE", description: "the PKCS#12 file to re-export" },
    password: { type: "string", value: "P", description: "its password" },
    profile: { type: "string", value: "P", description: "modern or compat" },
    out: { type: "string", value: "FILE", description: "where to write the new file (written 0600, atomically)" },
    "new-password": { type: "string", value: "P", description: "password of the new file (default: the same)" },
  },
  positionals: { name: "", min: 0, max: 0 },
  async run(args, io) {
    const { flags } = args;
    for (const flag of ["in", "password", "profile", "out"] as const) {
      if (flags[flag] === undefined) throw usageError(`p12: missing --${flag} (see mtls-lab p12 --help)`);
    }
    const profile = oneOf("p12", "profile", flags.profile!, Object.values(Pkcs12Profile));
    const bytes = await readInputFile(io.cwd, flags.in!);
    let info: Pkcs12Info;
    try {
      const decoded = await decode(bytes, { password: flags.password!, revealPrivateKeys: true });
      const found = decoded.items.find((item): item is Pkcs12Info => item.kind === "pkcs12");
      if (!found) throw new Error("not a PKCS#12 file");
      info = found;
    } catch (error) {
      throw new CliError(`${flags.in}: ${describeError(error)}`);
    }
    const key = info.items.find((item): item is PrivateKeyInfo => item.kind === "privateKey");
    const certificates = info.items.filter((item): item is CertificateInfo => item.kind === "certificate");
    if (!key?.pem) throw new CliError(`${flags.in}: holds no private key`);
    const leaf = certificates.find((c) => c.publicKey.spkiSha256 === key.publicKey?.spkiSha256) ?? certificates[0];
    if (!leaf) throw new CliError(`${flags.in}: holds no certificate`);
    const cryptoKey = await webcrypto.subtle.importKey("pkcs8", pkcs8Der(key.pem), importAlgorithm(key), true, ["sign"]);
    let out: Uint8Array;
    try {
      out = await createPkcs12({
        key: cryptoKey,
        certificate: leaf.der,
        chain: certificates.filter((c) => c !== leaf).map((c) => c.der),
        password: flags["new-password"] ?? flags.password!,
        profile,
        ...(cn(leaf) ? { friendlyName: cn(leaf) } : {}),
      });
    } catch (error) {
      throw new CliError(`p12: ${describeError(error)}`);
    }
    await writeFileAtomic(resolve(io.cwd, flags.out!), out, 0o600);
    io.stdout.write(`wrote ${flags.out} (${profile}: ${profile === "compat" ? "3DES key, SHA-1 MAC" : "AES-256-CBC key, SHA-256 MAC"})\n`);
    return ExitCode.ok;
  },
});
