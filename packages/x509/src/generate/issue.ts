/**
 * issueCertificate: one certificate from a profile, with every knob tests need to build broken ones too.
 */
import { Name, X509Certificate, X509CertificateGenerator } from "@peculiar/x509";
import { digestHex, toHex, toPem } from "../encoding.js";
import type { CryptoProvider } from "../types.js";
import { buildExtensions } from "./extensions.js";
import { signingAlgorithmFor } from "./keys.js";
import { getProfile } from "./profiles.js";
import { parseDistinguishedName } from "./names.js";
import type { CertificateInput, IssueCertificateParams, IssuedCertificate, Profile } from "./types.js";
import { badArgument } from "../decode/errors.js";

const DAY_MS = 86_400_000;
/** Peers' clocks differ: a certificate valid from "now" is not yet valid on a peer a few seconds behind. */
const BACKDATE_MS = 60_000;

/**
 * A random serial of 128 bits with the top bit cleared, so it is positive without a sign byte, and non-zero
 * (RFC 5280 4.1.2.2: positive, at most 20 octets; CA/B Forum BR 7.1: at least 64 bits from a CSPRNG).
 */
export function randomSerialNumber(crypto: CryptoProvider = globalThis.crypto): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  // A zero first octet would shorten the DER integer; set one low bit instead so every serial is 16 octets.
  if (bytes[0] === 0) bytes[0] = 0x01;
  return toHex(bytes);
}

/** Reads a certificate given as DER, PEM text or a parsed X509Certificate. */
export function toX509(input: CertificateInput, field = "certificate"): X509Certificate {
  if (input instanceof X509Certificate) return input;
  try {
    // A certificate object from another copy of @peculiar/x509 (a bundler may load two) still has its DER.
    if (typeof input === "object" && input !== null && "rawData" in input) return new X509Certificate((input as { rawData: ArrayBuffer }).rawData);
    return new X509Certificate(input as Uint8Array<ArrayBuffer> | string);
  } catch (error) {
    throw badArgument(`Bad ${field}: not a DER or PEM certificate (${error instanceof Error ? error.message : String(error)})`);
  }
}

function resolveProfile(profile: IssueCertificateParams["profile"]): Profile {
  if (profile === undefined) return getProfile("server");
  return typeof profile === "string" ? getProfile(profile) : profile;
}

/**
 * Issues one certificate. The profile supplies extensions and default validity; `extensions` replaces them,
 * `extraExtensions` adds, `omitExtensions` drops by kind; explicit `notBefore`/`notAfter` may lie in the past or
 * future. Without `issuer` the certificate is self-signed by `signingKey`. Throws X509Error (code BAD_ARGUMENT) naming the bad field.
 */
export async function issueCertificate(params: IssueCertificateParams, crypto: CryptoProvider = globalThis.crypto): Promise<IssuedCertificate> {
  if (!params || typeof params !== "object") throw badArgument("Bad params: expected an object");
  const profile = resolveProfile(params.profile);
  if (!params.publicKey) throw badArgument("Bad publicKey: the subject's public CryptoKey is required");
  const issuerCertificate = params.issuer ? toX509(params.issuer.certificate, "issuer.certificate") : undefined;
  const signingKey = params.issuer?.privateKey ?? params.signingKey;
  if (!signingKey) throw badArgument("Bad params: give issuer { certificate, privateKey } or, for a self-signed certificate, signingKey");
  if (signingKey.type !== "private") throw badArgument("Bad signing key: expected a private CryptoKey");

  const subject = parseDistinguishedName(params.subject, "subject");
  const issuerName = params.issuerName !== undefined
    ? parseDistinguishedName(params.issuerName, "issuerName")
    : issuerCertificate
      ? new Name(issuerCertificate.subjectName.toArrayBuffer())
      : subject;

  const notBefore = params.notBefore ?? new Date(Date.now() - BACKDATE_MS);
  const days = params.days ?? profile.days;
  if (!Number.isFinite(days) || days <= 0) throw badArgument(`Bad days ${String(days)}: expected a positive number`);
  const notAfter = params.notAfter ?? new Date(notBefore.getTime() + days * DAY_MS);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) throw badArgument("Bad validity: notBefore or notAfter is not a valid date");

  const issuerPublicKey = issuerCertificate ? await issuerCertificate.publicKey.export(crypto) : params.publicKey;
  const omit = new Set(params.omitExtensions ?? []);
  // omitExtensions drops from the base list only, so omit + extra of one kind replaces that extension.
  const specs = [...(params.extensions ?? profile.extensions).filter((spec) => !omit.has(spec.kind)), ...(params.extraExtensions ?? [])];
  const extensions = await buildExtensions(specs, {
    subjectPublicKey: params.publicKey,
    issuerCertificate,
    issuerPublicKey,
    hosts: params.hosts ?? [],
    ips: params.ips ?? [],
    emails: params.emails ?? [],
    uris: params.uris ?? [],
    crypto,
  });

  const certificate = await X509CertificateGenerator.create(
    {
      serialNumber: params.serialNumber ?? randomSerialNumber(crypto),
      subject,
      issuer: issuerName,
      notBefore,
      notAfter,
      publicKey: params.publicKey,
      signingKey,
      signingAlgorithm: signingAlgorithmFor(signingKey),
      extensions,
    },
    crypto,
  );
  const der = new Uint8Array(certificate.rawData);
  return { certificate, der, pem: toPem(der, "CERTIFICATE"), sha256: await digestHex("SHA-256", der, crypto) };
}
