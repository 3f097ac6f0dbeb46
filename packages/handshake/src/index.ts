/**
 * @mtls-lab/handshake: TLS 1.2 and 1.3 handshakes with client authentication as data,
 * and a decoder for captured handshakes.
 */
export {};
