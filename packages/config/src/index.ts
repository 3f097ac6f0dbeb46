/**
 * @mtls-lab/config: emit mTLS configuration from one typed description, with Mozilla's TLS profiles as data.
 */
export * from "./types.js";
export { profiles, getProfile, minTlsVersion, describeProfile, type TlsProfile, type TlsVersion, type SessionSettings } from "./profiles.js";
export { targets, getTarget } from "./targets.js";
export { ConfigError, defaults, resolveInput, checkPaths, type PathKey } from "./resolve.js";
export { kitPaths, kitFileNames } from "./kit-paths.js";
export { emit, emitAll } from "./emit.js";
export { EXPLAIN_WHY_MARKER } from "./emit/node-server.js";
export { identityHeaders } from "./emit/nginx-reverse.js";
export { containerCertDir } from "./emit/compose.js";
export { rfc9440Headers, forwardedIdentityHeaderNames } from "./emit/forwarded-identity.js";
export { haproxyPemPath } from "./emit/haproxy.js";
export { kubernetesNames } from "./emit/kubernetes.js";
export { emitKitBundle, kitNginxConf, kitTestScript, kitReadme, KitOrigin, type KitBundleInput } from "./emit/kit-bundle.js";
export { ProxyAuthKind, defaultProxySecretHeader, checkProxyAuth, nginxProxyAuthLines, type ProxyAuth } from "./proxy-auth.js";
