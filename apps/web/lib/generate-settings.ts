/**
 * The Generate form's settings and their query-string form. Settings only: the PKCS#12 password, keys
 * and certificates never go into the URL, so a shared link reproduces the configuration and nothing secret.
 */
import type { KeyType, KitOptions } from "@mtls-lab/x509";

/**
 * The key types of x509's `KeyType`, restated as values here because importing the package's runtime
 * into the page would put the whole X.509 library into the first load; the type check keeps them in step.
 */
export const keyTypes = ["ec-p256", "ec-p384", "rsa-2048", "rsa-3072", "rsa-4096", "ed25519"] as const satisfies readonly KeyType[];

/**
 * Mozilla's TLS profiles that @mtls-lab/config ships, as values (the package stays out of the first load);
 * passing them into config's EmitInput type-checks that they still agree.
 */
export const TlsProfile = { modern: "modern", intermediate: "intermediate" } as const;
export type TlsProfile = (typeof TlsProfile)[keyof typeof TlsProfile];

/** nginx `ssl_verify_client` values (ngx_http_ssl_module), as @mtls-lab/config names them. */
export const VerifyMode = { on: "on", optional: "optional", optionalNoCa: "optional_no_ca" } as const;
export type VerifyMode = (typeof VerifyMode)[keyof typeof VerifyMode];

/** PKCS#12 profiles of @mtls-lab/x509's kit option `p12Profile`, as values (the package stays out of the first load). */
export const P12Profile = { modern: "modern", compat: "compat" } as const satisfies Record<string, NonNullable<KitOptions["p12Profile"]>>;
export type P12Profile = (typeof P12Profile)[keyof typeof P12Profile];

export interface GenerateSettings {
  keyType: KeyType;
  hosts: string[];
  ips: string[];
  clients: string[];
  intermediate: boolean;
  days: number;
  profile: TlsProfile;
  verifyMode: VerifyMode;
  upstream: string;
  /** How the .p12 files are protected: modern (AES-256, SHA-256 MAC) or compat (3DES, SHA-1 MAC). */
  p12Profile: P12Profile;
  /** A CRL for each client-side CA; the emitted configs then check revocation and clients can be revoked. */
  crl: boolean;
}

export const defaultGenerateSettings: GenerateSettings = {
  keyType: "ec-p256",
  hosts: ["localhost"],
  ips: ["127.0.0.1"],
  clients: ["client"],
  intermediate: false,
  // 398 days: the CA/Browser Forum limit for TLS leaves.
  days: 398,
  profile: TlsProfile.intermediate,
  verifyMode: VerifyMode.on,
  upstream: "http://127.0.0.1:3000",
  p12Profile: P12Profile.modern,
  crl: false,
};

/** Query keys, short and stable: links in the wild depend on them. */
const Q = { key: "key", hosts: "hosts", ips: "ips", clients: "clients", intermediate: "intermediate", days: "days", profile: "profile", verify: "verify", upstream: "upstream", p12: "p12", crl: "crl" } as const;

/** Splits a comma or whitespace separated list, dropping empties and duplicates. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

function oneOf<T extends string>(values: Record<string, T> | readonly T[], value: string | null, fallback: T): T {
  const list: readonly string[] = Array.isArray(values) ? values : Object.values(values);
  return value !== null && list.includes(value) ? (value as T) : fallback;
}

/** Settings from a query string; unknown or malformed values fall back to the defaults. */
export function parseGenerateSettings(params: URLSearchParams): GenerateSettings {
  const d = defaultGenerateSettings;
  const list = (key: string, fallback: string[]) => (params.has(key) ? splitList(params.get(key) ?? "") : fallback);
  const days = Number(params.get(Q.days));
  const upstream = params.get(Q.upstream);
  return {
    keyType: oneOf<KeyType>(keyTypes, params.get(Q.key), d.keyType),
    hosts: list(Q.hosts, d.hosts),
    ips: list(Q.ips, d.ips),
    clients: list(Q.clients, d.clients).length ? list(Q.clients, d.clients) : d.clients,
    intermediate: params.get(Q.intermediate) === "1",
    days: Number.isInteger(days) && days >= 1 && days <= 3650 ? days : d.days,
    profile: oneOf(TlsProfile, params.get(Q.profile), d.profile),
    verifyMode: oneOf(VerifyMode, params.get(Q.verify), d.verifyMode),
    upstream: upstream && /^https?:\/\/\S+$/.test(upstream) ? upstream : d.upstream,
    p12Profile: oneOf(P12Profile, params.get(Q.p12), d.p12Profile),
    crl: params.get(Q.crl) === "1",
  };
}

/** The query string for `settings`, listing only what differs from the defaults. */
export function serializeGenerateSettings(settings: GenerateSettings): URLSearchParams {
  const d = defaultGenerateSettings;
  const params = new URLSearchParams();
  const same = (a: string[], b: string[]) => a.join(",") === b.join(",");
  if (settings.keyType !== d.keyType) params.set(Q.key, settings.keyType);
  if (!same(settings.hosts, d.hosts)) params.set(Q.hosts, settings.hosts.join(","));
  if (!same(settings.ips, d.ips)) params.set(Q.ips, settings.ips.join(","));
  if (!same(settings.clients, d.clients)) params.set(Q.clients, settings.clients.join(","));
  if (settings.intermediate) params.set(Q.intermediate, "1");
  if (settings.days !== d.days) params.set(Q.days, String(settings.days));
  if (settings.profile !== d.profile) params.set(Q.profile, settings.profile);
  if (settings.verifyMode !== d.verifyMode) params.set(Q.verify, settings.verifyMode);
  if (settings.upstream !== d.upstream) params.set(Q.upstream, settings.upstream);
  if (settings.p12Profile !== d.p12Profile) params.set(Q.p12, settings.p12Profile);
  if (settings.crl) params.set(Q.crl, "1");
  return params;
}

/** RSA key generation takes seconds in a browser; the form shows progress for these. */
export function isSlowKeyType(keyType: KeyType): boolean {
  return keyType.startsWith("rsa-");
}
