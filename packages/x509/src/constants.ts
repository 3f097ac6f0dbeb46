/**
 * Facts shared by the packages and the apps: the kit's file layout, validity limits and nginx's verify
 * modes. This entry imports nothing and has no side effects (no Reflect polyfill, no crypto), so a page
 * can import `@mtls-lab/x509/constants` without loading the library.
 */

/** The kit's fixed files, by role. A client's files are named after it: see {@link clientFileNames}. */
export const KitFileName = {
  serverCa: "server-ca.crt",
  serverCaKey: "server-ca.key",
  clientCa: "client-ca.crt",
  clientCaKey: "client-ca.key",
  serverIntermediate: "server-intermediate.crt",
  serverIntermediateKey: "server-intermediate.key",
  clientIntermediate: "client-intermediate.crt",
  clientIntermediateKey: "client-intermediate.key",
  serverCert: "server.crt",
  serverKey: "server.key",
  serverChain: "server-chain.crt",
  /** CRLs of the client side (a kit made with `crl`): one per CA, and all of them in one file for servers. */
  clientCaCrl: "client-ca.crl",
  clientIntermediateCrl: "client-intermediate.crl",
  clientCrls: "client-crls.pem",
  manifest: "kit.json",
} as const;
export type KitFileName = (typeof KitFileName)[keyof typeof KitFileName];

/** The files of client `name`: its leaf, key, chain (leaf and intermediates) and PKCS#12. */
export function clientFileNames(name: string) {
  return {
    clientCert: `${name}.crt`,
    clientKey: `${name}.key`,
    clientChain: `${name}-chain.crt`,
    clientP12: `${name}.p12`,
  } as const;
}

/** Every file name a kit with these clients writes: exactly what `kit --force` may replace. */
export function kitFileNames(clients: readonly string[]): string[] {
  return [...Object.values(KitFileName), ...clients.flatMap((name) => Object.values(clientFileNames(name)))];
}

/** The client name a kit uses when none is given. */
export const DEFAULT_CLIENT = "client";
/** The PKCS#12 password a kit uses when none is given (Java's keytool needs one). */
export const DEFAULT_P12_PASSWORD = "changeit";

/** 398 days: the CA/Browser Forum Baseline Requirements limit for TLS subscriber certificates (6.3.2). */
export const LEAF_DAYS = 398;
/** About ten years for the lab's private CAs: long enough to outlive every leaf they sign. */
export const CA_DAYS = 3650;

/** nginx's `ssl_verify_client` modes that ask for a client certificate (nginx.org, ngx_http_ssl_module). */
export const VerifyClientMode = { on: "on", optional: "optional", optionalNoCa: "optional_no_ca" } as const;
export type VerifyClientMode = (typeof VerifyClientMode)[keyof typeof VerifyClientMode];
