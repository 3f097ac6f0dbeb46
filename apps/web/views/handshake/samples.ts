/**
 * The sample captures the Handshake view offers: real handshakes on 127.0.0.1 recorded by
 * packages/handshake/scripts/make-sample.mjs (accepted, without a client certificate, and rejected),
 * served as out/handshake/samples/NAME.json by app/handshake/samples. Regenerate them with
 * `pnpm --filter @mtls-lab/web samples`.
 */
export const SAMPLES = [
  { file: "tls13-mtls.json", title: "TLS 1.3 sample" },
  { file: "tls12-mtls.json", title: "TLS 1.2 sample" },
  { file: "tls13-rejected-client.json", title: "TLS 1.3 rejected-client sample" },
  { file: "tls12-rejected-client.json", title: "TLS 1.2 rejected-client sample" },
  { file: "tls13-no-client-cert.json", title: "TLS 1.3 no-certificate sample" },
  { file: "tls12-no-client-cert.json", title: "TLS 1.2 no-certificate sample" },
] as const;
