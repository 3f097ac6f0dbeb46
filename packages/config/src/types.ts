/**
 * Public types of @mtls-lab/config: one typed description of an mTLS deployment in, files out.
 */
import type { ProxyAuth } from "./proxy-auth.js";

/** Every target an emitter exists for (the CLI's --target values, "all" aside). */
export const TargetId = {
  nginxReverse: "nginx-reverse",
  nginxForward: "nginx-forward",
  nodeServer: "node-server",
  nodeClient: "node-client",
  curl: "curl",
  java: "java",
  python: "python",
  go: "go",
  compose: "compose",
  haproxy: "haproxy",
  caddy: "caddy",
  apache: "apache",
  kubernetes: "kubernetes",
} as const;
export type TargetId = (typeof TargetId)[keyof typeof TargetId];

/** Mozilla's server-side TLS profiles that mTLS Lab ships (the CLI's --profile values). */
export const ProfileName = {
  modern: "modern",
  intermediate: "intermediate",
} as const;
export type ProfileName = (typeof ProfileName)[keyof typeof ProfileName];

/**
 * How a server asks for the client certificate (nginx's ssl_verify_client values; the CLI's --verify).
 * on: no valid certificate, no request. optional: no certificate passes to the location check, an invalid
 * one is still 400. optional_no_ca: issuer errors pass too, so the location check is what rejects.
 */
export const VerifyMode = {
  on: "on",
  optional: "optional",
  optionalNoCa: "optional_no_ca",
} as const;
export type VerifyMode = (typeof VerifyMode)[keyof typeof VerifyMode];

/** Where the kit's files are, as the emitted files should name them (absolute, or relative to where they run). */
export interface KitPaths {
  /** server-ca.crt: what clients trust. */
  serverCa: string;
  /** client-ca.crt: what servers accept client certificates from. */
  clientCa: string;
  serverCert: string;
  serverKey: string;
  /** server-chain.crt: the leaf followed by its intermediates (what a server must send). */
  serverChain: string;
  clientCert: string;
  clientKey: string;
  /** NAME-chain.crt: the client leaf followed by its intermediates. */
  clientChain: string;
  /** NAME.p12: the client key, certificate and chain in PKCS#12. */
  clientP12: string;
  /** True when the kit has intermediate CAs (chains are one certificate deeper). */
  intermediates: boolean;
  /** client-crls.pem: the CRLs of every client-side CA (a kit made with --crl); servers then check revocation. */
  clientCrl?: string;
  /** The OCSP responder URL in the kit's client certificates (a kit made with --ocsp-url; kit.json's ocspUrl). */
  ocspResponder?: string;
}

/** The typed input every emitter reads. Only `paths` is required. */
export interface EmitInput {
  paths: KitPaths;
  /** Default "intermediate". */
  profile?: ProfileName;
  /** Default "on". */
  verify?: VerifyMode;
  /** DNS name of the server (nginx server_name, the clients' URL host); default "localhost". */
  serverName?: string;
  /** HTTPS port of the server (nginx, Node server) and of the clients' URL; default 8443. */
  listen?: number;
  /** nginx-reverse: the address to bind (e.g. "127.0.0.1" for a local lab); default every interface. */
  listenAddress?: string;
  /** Plain HTTP port: nginx's redirect to HTTPS (reverse) or the forward proxy's listener; default 8080. */
  httpListen?: number;
  /**
   * Reverse proxy and compose: the app behind nginx (http URL, default http://127.0.0.1:3000).
   * Forward proxy: the mTLS server nginx calls (https URL, required).
   */
  upstream?: string;
  /** Forward proxy: the name the upstream's certificate must carry (proxy_ssl_name); default the URL's host. */
  upstreamServerName?: string;
  /** The URL the clients call; default https://serverName:listen/. */
  url?: string;
  /**
   * How many intermediate CAs may sit between a leaf and its CA (OpenSSL's verify depth, which counts
   * neither the leaf nor the trust anchor); default 0, or 1 when the kit has intermediates.
   */
  verifyDepth?: number;
  /** Optional CRL file (PEM) for nginx's ssl_crl. */
  crl?: string;
  /**
   * OCSP responder (http://) that nginx asks about each client certificate (ssl_ocsp); default the kit's
   * (paths.ocspResponder). Servers without client-certificate OCSP get a warning instead.
   */
  ocspResponder?: string;
  /** Optional DH parameters file for the intermediate profile's DHE suites (nginx ssl_dhparam). */
  dhParam?: string;
  /** PKCS#12 password the clients use; default "changeit" (the kit's default). */
  p12Password?: string;
  /**
   * The path the server protects (nginx location); default "/". With an optional verify mode, HAProxy, Caddy
   * and Apache serve every other path without a certificate and refuse this one (403) unless one was verified.
   */
  location?: string;
  /** nginx-reverse: how nginx proves to the app that a request came through it (proxy-auth.ts); default none. */
  proxyAuth?: ProxyAuth;
  /** kubernetes: the namespace of every manifest; default "default". */
  namespace?: string;
  /** kubernetes: certificates from cert-manager Issuers (default) or the kit's own CAs as Secrets. */
  certificates?: "cert-manager" | "kit";
}

/** One emitted file. `path` is relative to the output directory. */
export interface EmittedFile {
  path: string;
  contents: string;
  /** 0o755 for scripts; absent means the writer's default (0o644). */
  mode?: number;
}

export interface EmitResult {
  files: EmittedFile[];
  /** Bad or risky combinations that still produced a working file; each is also a comment in the file. */
  warnings: string[];
}

/** What a target is and which inputs it reads (the targets table). */
export interface TargetInfo {
  id: TargetId;
  title: string;
  /** Server or client side of the connection. */
  side: "server" | "client" | "both";
  /** Reads `verify` (ssl_verify_client and the like). */
  usesVerifyMode: boolean;
  /** Reads the profile's protocols and ciphers. */
  usesProfile: boolean;
  /** Needs the client certificate and key. */
  needsClientCertificate: boolean;
  /** The kit files it reads. */
  reads: (keyof Omit<KitPaths, "intermediates" | "ocspResponder">)[];
  /** How to run what it emits. */
  run: string;
}

/** Resolved input: defaults applied, validated. Emitters read this, never raw input. */
export interface ResolvedInput extends Required<Omit<EmitInput, "crl" | "ocspResponder" | "dhParam" | "upstream" | "listenAddress" | "namespace" | "certificates" | "proxyAuth">> {
  namespace: string;
  certificates: "cert-manager" | "kit";
  listenAddress?: string;
  proxyAuth?: ProxyAuth;
  crl?: string;
  ocspResponder?: string;
  dhParam?: string;
  upstream?: string;
}
