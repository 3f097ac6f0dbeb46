/**
 * Mozilla's server-side TLS profiles as data. Emitters read protocols, ciphers and curves from here;
 * none of them spells a cipher itself.
 */
import mozilla from "./profiles/mozilla-5.7.json" with { type: "json" };
import type { ProfileName } from "./types.js";

/** TLS protocol names as OpenSSL and nginx spell them. */
export type TlsVersion = "TLSv1.2" | "TLSv1.3";

/** One profile: what a server following it allows. */
export interface TlsProfile {
  tlsVersions: TlsVersion[];
  /** TLS 1.2 cipher suites in OpenSSL, IANA and Go crypto/tls names (empty: TLS 1.3 only). */
  ciphers: { openssl: string[]; iana: string[]; go: string[] };
  /** TLS 1.3 suites (IANA names, which OpenSSL uses too). */
  ciphersuites: string[];
  /** Key exchange groups, OpenSSL names. */
  tlsCurves: string[];
  certificateTypes: string[];
  certificateCurves: string[];
  certificateSignatures: string[];
  dhParamSize: number | null;
  ecdhParamSize: number;
  rsaKeySize: number | null;
  /** Seconds. */
  hstsMinAge: number;
  serverPreferredOrder: boolean;
  /** Days. */
  maximumCertificateLifespan: number;
  recommendedCertificateLifespan: number;
  oldestClients: string[];
}

/** Session settings Mozilla's generator emits for servers with a session cache. */
export interface SessionSettings {
  timeout: string;
  cacheName: string;
  cacheSize: string;
  tickets: boolean;
}

/** The versioned profile data (Mozilla guidelines 5.7). */
export const profiles: {
  source: string;
  version: string;
  href: string;
  session: SessionSettings;
  profiles: Record<ProfileName, TlsProfile>;
} = mozilla as typeof profiles;

/** The profile called `name`; one clear error for an unknown name. */
export function getProfile(name: ProfileName): TlsProfile {
  const profile = (profiles.profiles as Record<string, TlsProfile | undefined>)[name];
  if (!profile) throw new Error(`unknown profile "${name}": use one of ${Object.keys(profiles.profiles).join(", ")}`);
  return profile;
}

/** The lowest protocol version of a profile. */
export function minTlsVersion(profile: TlsProfile): TlsVersion {
  return profile.tlsVersions.includes("TLSv1.2") ? "TLSv1.2" : "TLSv1.3";
}

/** "Mozilla intermediate (guidelines 5.7)": the line every emitted file cites. */
export function describeProfile(name: ProfileName): string {
  return `Mozilla ${name} profile (guidelines ${profiles.version}, ${profiles.href})`;
}
