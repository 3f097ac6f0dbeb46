/**
 * Diagnose: predict what Node, nginx and curl say about an mTLS set-up, and why.
 */
export { diagnose, DEFAULT_SECURITY_LEVELS } from "./diagnose.js";
export { matchKey, type KeyMatch } from "./key-match.js";
export { alertFor, predictNginx } from "./predict-peers.js";
export { predictProxy, ProxyServerKind, type ProxyOutcome } from "./predict-proxies.js";
export * from "./types.js";
export { findLeadingCause, secondaryFindings } from "./leading-cause.js";
export { p12WrongPassword } from "./mistakes-load.js";
export * from "./mistake-kinds.js";
