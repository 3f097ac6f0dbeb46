/**
 * Input validation and defaults. Every emitter reads a ResolvedInput; a bad input is one ConfigError line
 * naming the field and what is wrong, never a silently broken file.
 */
import { ProfileName, VerifyMode, type EmitInput, type KitPaths, type ResolvedInput } from "./types.js";

/** A bad emitter input: `field` names the input field, the message says what is wrong. */
export class ConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "ConfigError";
    this.field = field;
  }
}

/** The path fields of KitPaths. */
export type PathKey = Exclude<keyof KitPaths, "intermediates" | "ocspResponder">;
const pathKeys: readonly PathKey[] = ["serverCa", "clientCa", "serverCert", "serverKey", "serverChain", "clientCert", "clientKey", "clientChain", "clientP12"];

/** Defaults as documented on EmitInput. */
export const defaults = {
  profile: ProfileName.intermediate,
  verify: VerifyMode.on,
  serverName: "localhost",
  listen: 8443,
  httpListen: 8080,
  reverseUpstream: "http://127.0.0.1:3000",
  p12Password: "changeit",
  location: "/",
  namespace: "default",
  certificates: "cert-manager",
} as const;

function checkPort(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new ConfigError(field, `${String(value)} is not a TCP port (1-65535)`);
  return value;
}

function checkUrl(field: string, value: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(field, `"${value}" is not a URL`);
  }
  if (!protocols.includes(url.protocol)) throw new ConfigError(field, `"${value}" must start with ${protocols.map((p) => `${p}//`).join(" or ")}`);
  return url;
}

/** Hostnames and paths end up inside config syntax: refuse characters that would break out of it. */
function checkToken(field: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new ConfigError(field, `"${value}" is not ${what}`);
  return value;
}

const hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;
/** Quotes, semicolons, braces, backslashes, newlines and `$` would change the meaning of nginx, shell or code. */
const safePathPattern = /^[^\s"'`;{}$\\]+$/;

/**
 * Checks the kit paths: each `required` one present, and every given one safe to put into nginx, shell,
 * Java, Python and Go strings.
 */
export function checkPaths(paths: KitPaths | undefined, required: readonly PathKey[] = pathKeys, why = ""): KitPaths {
  if (!paths || typeof paths !== "object") throw new ConfigError("paths", "missing: give the kit's file paths (kitPaths(manifest, dir))");
  for (const key of pathKeys) {
    const value: unknown = paths[key];
    if (value === undefined || value === "") {
      if (required.includes(key)) throw new ConfigError(`paths.${key}`, `missing${why}`);
      continue;
    }
    if (typeof value !== "string") throw new ConfigError(`paths.${key}`, "must be a string");
    checkToken(`paths.${key}`, value, safePathPattern, "a path without spaces, quotes, ';', '{', '}', '$' or '\\'");
  }
  return paths;
}

/** Applies defaults and validates; throws ConfigError on the first bad field. */
export function resolveInput(input: EmitInput, required: readonly PathKey[] = pathKeys, why = ""): ResolvedInput {
  if (!input || typeof input !== "object") throw new ConfigError("input", "missing");
  const paths = checkPaths(input.paths, required, why);
  const profile = input.profile ?? defaults.profile;
  if (!Object.values(ProfileName).includes(profile)) throw new ConfigError("profile", `"${String(profile)}" is not one of ${Object.values(ProfileName).join(", ")}`);
  const verify = input.verify ?? defaults.verify;
  if (!Object.values(VerifyMode).includes(verify)) throw new ConfigError("verify", `"${String(verify)}" is not one of ${Object.values(VerifyMode).join(", ")}`);
  const serverName = checkToken("serverName", input.serverName ?? defaults.serverName, hostPattern, "a DNS name or IP address");
  const listen = checkPort("listen", input.listen ?? defaults.listen);
  const httpListen = checkPort("httpListen", input.httpListen ?? defaults.httpListen);
  if (listen === httpListen) throw new ConfigError("httpListen", `${httpListen} is also the HTTPS port (listen)`);
  const upstream = input.upstream === undefined ? undefined : checkUrl("upstream", input.upstream, ["http:", "https:"]).href;
  const urlHost = serverName.includes(":") && !serverName.startsWith("[") ? `[${serverName}]` : serverName;
  const url = checkUrl("url", input.url ?? `https://${urlHost}:${listen}/`, ["https:"]).href;
  // OpenSSL's verify depth counts the intermediate CAs only (not the leaf, not the trust anchor):
  // 0 = the leaf is issued by the CA itself; measured with nginx 1.22 in test/integration/intermediates.test.ts.
  const verifyDepth = input.verifyDepth ?? (paths.intermediates ? 1 : 0);
  if (!Number.isInteger(verifyDepth) || verifyDepth < 0 || verifyDepth > 10) throw new ConfigError("verifyDepth", `${String(verifyDepth)} is not a depth from 0 to 10`);
  const upstreamServerName = checkToken(
    "upstreamServerName",
    input.upstreamServerName ?? (upstream ? new URL(upstream).hostname.replace(/^\[|\]$/g, "") : serverName),
    hostPattern,
    "a DNS name or IP address",
  );
  const p12Password = input.p12Password ?? defaults.p12Password;
  checkToken("p12Password", p12Password, /^[^\s"'`\\$]*$/, "a password without spaces, quotes, '$' or '\\' (it is written into scripts)");
  const location = checkToken("location", input.location ?? defaults.location, /^\/[A-Za-z0-9._~\/-]*$/, "a path starting with '/'");
  // The kit's own CRL file unless another is given: with a CRL in the kit, revocation is checked by default.
  const crlPath = input.crl ?? input.paths.clientCrl;
  const crl = crlPath === undefined ? undefined : checkToken("crl", crlPath, safePathPattern, "a safe path");
  // The kit's OCSP responder unless another is given. RFC 6960 appendix A.1: plain HTTP, which is all nginx speaks.
  const ocspGiven = input.ocspResponder ?? input.paths.ocspResponder;
  const ocspResponder = ocspGiven === undefined ? undefined : checkToken("ocspResponder", checkUrl("ocspResponder", ocspGiven, ["http:"]).href, /^http:\/\/[A-Za-z0-9.\-\[\]:]+\/[A-Za-z0-9._~\/-]*$/, "an http://HOST[:PORT]/PATH URL without query");
  const listenAddress = input.listenAddress === undefined ? undefined : checkToken("listenAddress", input.listenAddress, /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\])$/, "an IPv4 address or a bracketed IPv6 address");
  const dhParam = input.dhParam === undefined ? undefined : checkToken("dhParam", input.dhParam, safePathPattern, "a safe path");
  // RFC 1123 label: what Kubernetes accepts as a namespace name.
  const namespace = checkToken("namespace", input.namespace ?? defaults.namespace, /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, "a Kubernetes namespace (lowercase letters, digits and '-', at most 63)");
  const certificates = input.certificates ?? defaults.certificates;
  if (certificates !== "cert-manager" && certificates !== "kit") throw new ConfigError("certificates", `"${String(certificates)}" is not one of cert-manager, kit`);
  return { namespace, certificates, paths, profile, verify, serverName, listen, listenAddress, httpListen, upstream, upstreamServerName, url, verifyDepth, p12Password, location, crl, dhParam,
    ...(ocspResponder ? { ocspResponder } : {}),
    // proxyAuth is checked by the emitters that write it (nginx-reverse), against the upstream they use.
    ...(input.proxyAuth ? { proxyAuth: input.proxyAuth } : {}) };
}
