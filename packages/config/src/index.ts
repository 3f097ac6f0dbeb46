/**
 * @mtls-lab/config: emit mTLS configuration from one typed description, with Mozilla's TLS profiles as data.
 */
export {};
