/**
 * @mtls-lab/handshake/registries: the IANA TLS registries as data (cipher suites, extensions, groups,
 * signature schemes, alerts, handshake and content types, versions), each value with its name and
 * defining document. No side effects: a page can import this entry alone.
 */
export { CIPHER_SUITE_ROWS } from "./cipher-suites.js";
export { ALERT_ROWS, CONTENT_TYPE_ROWS, EXTENSION_ROWS, GROUP_ROWS, HANDSHAKE_TYPE_ROWS, SIGNATURE_SCHEME_ROWS, VERSION_ROWS, type RegistryRow } from "./tls-registries.js";
export { REGISTRIES, RegistryName, describeCode, isGrease, lookup, type RegistryEntry, type RegistryLookup } from "./lookup.js";
