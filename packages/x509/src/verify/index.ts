/**
 * Verify: OpenSSL-compatible chain verification, host checks and the explanations of every verify code.
 */
export { verifyChain, verifyParsedChain, parseVerifyInput, type ParsedVerifyInput } from "./verify-chain.js";
export { VerifyCodes, nodeCode, verifyMessage, codeFromNumber, type VerifyCode } from "./codes.js";
export { explainVerifyError, HandshakeStep, type ExplainContext, type VerifyExplanation } from "./explain.js";
export { checkHost, isIpAddress, type HostMismatch } from "./check-host.js";
export * from "./types.js";
