/**
 * @mtls-lab/x509: decode, generate, verify and diagnose X.509 for mutual TLS.
 * Runs unchanged in Node 20+ and browsers: WebCrypto is an argument with the global `crypto` as default.
 */
// @peculiar/x509 resolves its parsers through tsyringe, which needs the Reflect polyfill first: without it, importing throws "tsyringe requires a reflect polyfill".
import "reflect-metadata";

export * from "./types.js";
export { KitFileName, clientFileNames, kitFileNames, DEFAULT_CLIENT, DEFAULT_P12_PASSWORD } from "./constants.js";
export * from "./encoding.js";
export * from "./generate/index.js";
export * from "./decode/index.js";
export * from "./verify/index.js";
export * from "./diagnose/index.js";
export * from "./lint/index.js";
export * from "./show-control.js";
export * from "./model/index.js";
