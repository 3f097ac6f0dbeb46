/**
 * Turns extension specifications (data) into @peculiar/x509 extensions for one certificate.
 */
import {
  AuthorityInfoAccessExtension,
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  Extension,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  type X509Certificate,
} from "@peculiar/x509";
import type { CryptoProvider } from "../types.js";
import { isRsaKey } from "./keys.js";
import type { ExtendedKeyUsageName, ExtensionSpec, KeyUsageName } from "./types.js";
import { badArgument } from "../decode/errors.js";

/** Bit values of @peculiar/x509's KeyUsageFlags, in RFC 5280 4.2.1.3 order. */
const KEY_USAGE_BITS = {
  digitalSignature: 1,
  nonRepudiation: 2,
  keyEncipherment: 4,
  dataEncipherment: 8,
  keyAgreement: 16,
  keyCertSign: 32,
  cRLSign: 64,
  encipherOnly: 128,
  decipherOnly: 256,
} as const satisfies Record<KeyUsageName, number>;

/** RFC 5280 4.2.1.12 and RFC 3280's id-kp arc. */
const EKU_OIDS: Record<string, string> = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
};

/** What the builders need besides the spec. */
export interface ExtensionContext {
  subjectPublicKey: CryptoKey;
  /** Absent for a self-signed certificate: the authority key identifier is then the subject's own. */
  issuerCertificate?: X509Certificate;
  issuerPublicKey: CryptoKey;
  hosts: readonly string[];
  ips: readonly string[];
  emails: readonly string[];
  uris: readonly string[];
  crypto: CryptoProvider;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;
const HOST = /^(\*\.)?([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

function checkNames(hosts: readonly string[], ips: readonly string[]): void {
  for (const host of hosts) {
    if (!HOST.test(host)) throw badArgument(`Bad host name ${JSON.stringify(host)}: expected a DNS name such as localhost or api.example.test`);
  }
  for (const ip of ips) {
    let ok = IPV4.test(ip) || (ip.includes(":") && IPV6.test(ip));
    if (ok && !IPV4.test(ip)) {
      // The encoder is the judge of IPv6 forms ("1::2::3" has two "::"); turn its error into ours.
      try {
        new SubjectAlternativeNameExtension([{ type: "ip", value: ip }]);
      } catch {
        ok = false;
      }
    }
    if (!ok) throw badArgument(`Bad IP address ${JSON.stringify(ip)}: expected IPv4 (127.0.0.1) or IPv6 (::1)`);
  }
}

/** One extension from its spec; null when the spec yields nothing (a SAN with no names). */
export async function buildExtension(spec: ExtensionSpec, context: ExtensionContext): Promise<Extension | null> {
  switch (spec.kind) {
    case "basicConstraints":
      return new BasicConstraintsExtension(spec.ca, spec.pathLength, spec.critical ?? true);
    case "keyUsage": {
      const usages = [...spec.usages, ...(isRsaKey(context.subjectPublicKey) ? (spec.rsaAlso ?? []) : [])];
      let flags = 0;
      for (const usage of usages) {
        const bit = KEY_USAGE_BITS[usage];
        if (bit === undefined) throw badArgument(`Bad key usage ${JSON.stringify(usage)}: expected one of ${Object.keys(KEY_USAGE_BITS).join(", ")}`);
        flags |= bit;
      }
      return new KeyUsagesExtension(flags, spec.critical ?? true);
    }
    case "extendedKeyUsage":
      return new ExtendedKeyUsageExtension(spec.usages.map(ekuOid), spec.critical ?? false);
    case "subjectAltName": {
      const hosts = spec.hosts ?? context.hosts;
      const ips = spec.ips ?? context.ips;
      const emails = spec.emails ?? context.emails;
      const uris = spec.uris ?? context.uris;
      checkNames(hosts, ips);
      const names = [
        ...hosts.map((value) => ({ type: "dns" as const, value })),
        ...ips.map((value) => ({ type: "ip" as const, value })),
        ...emails.map((value) => ({ type: "email" as const, value })),
        ...uris.map((value) => ({ type: "url" as const, value })),
      ];
      if (names.length === 0) return null;
      // RFC 5280 4.2.1.6: critical only when the subject DN is empty; ours always has a CN.
      return new SubjectAlternativeNameExtension(names, spec.critical ?? false);
    }
    case "subjectKeyIdentifier":
      return SubjectKeyIdentifierExtension.create(context.subjectPublicKey, false, context.crypto);
    case "authorityKeyIdentifier": {
      // Use the issuer's own SKI when it has one, so the pair matches even if the issuer computed it differently.
      const issuerSki = context.issuerCertificate?.getExtension(SubjectKeyIdentifierExtension);
      if (issuerSki) return new AuthorityKeyIdentifierExtension(issuerSki.keyId, false);
      return AuthorityKeyIdentifierExtension.create(context.issuerPublicKey, false, context.crypto);
    }
    case "authorityInfoAccess": {
      for (const url of spec.ocsp) checkOcspUrl(url);
      // RFC 5280 4.2.2.1: MUST be non-critical.
      return spec.ocsp.length === 0 ? null : new AuthorityInfoAccessExtension({ ocsp: [...spec.ocsp] }, spec.critical ?? false);
    }
    case "raw": {
      return new Extension(spec.oid, spec.critical ?? false, spec.value as Uint8Array<ArrayBuffer>);
    }
  }
}

/**
 * An OCSP responder URL as servers fetch it: http:// (RFC 6960 appendix A.1; nginx's ssl_ocsp and OpenSSL's
 * OCSP_sendreq speak plain HTTP only), a host, an optional port and path, nothing that needs escaping.
 */
export function checkOcspUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== "http:" || parsed.hostname === "" || parsed.username || parsed.password || parsed.search || parsed.hash || /[\s"';{}]/.test(url)) {
    throw badArgument(`Bad OCSP URL ${JSON.stringify(url)}: expected http://HOST[:PORT][/PATH] (servers ask OCSP responders over plain HTTP)`);
  }
}

function ekuOid(name: ExtendedKeyUsageName): string {
  const oid = EKU_OIDS[name] ?? name;
  if (!/^\d+(\.\d+)+$/.test(oid)) {
    throw badArgument(`Bad extended key usage ${JSON.stringify(name)}: expected ${Object.keys(EKU_OIDS).join(", ")} or a dotted OID`);
  }
  return oid;
}

/** Builds every extension of the list, in order, skipping empty ones. */
export async function buildExtensions(specs: readonly ExtensionSpec[], context: ExtensionContext): Promise<Extension[]> {
  const out: Extension[] = [];
  for (const spec of specs) {
    const extension = await buildExtension(spec, context);
    if (extension) out.push(extension);
  }
  return out;
}
