/**
 * @mtls-lab/handshake: TLS 1.2 and 1.3 handshakes with client authentication as data, the failure map,
 * and a decoder for captured handshakes. Browser-safe: WebCrypto is an argument with the global default.
 */
export * from "./types.js";
export * from "./errors.js";
export { parseCapture } from "./capture/parse-capture.js";
export { captureFromStreams, type StreamsInput } from "./capture/from-streams.js";
export * from "./flows/index.js";
export * from "./decode/index.js";
export { lookup as lookupRegistry, describeCode, isGrease, RegistryName, type RegistryEntry, type RegistryLookup } from "./registries/lookup.js";
