/**
 * The last error as Node's TLS server reports it: a server with requestCert and rejectUnauthorized false, at
 * security level 0 (as `openssl verify`), trusting the chain's anchors; a client presents leaf + untrusted.
 * `socket.authorizationError` on the server is what Node's verify callback (which carries on after every
 * error) left as the verify result. 127.0.0.1, a free port, closed after each chain.
 */
import type { KeyObject } from "node:crypto";
import { connect, createServer } from "node:tls";
import type { AddressInfo } from "node:net";

const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;

/** authorizationError for one chain ("" when the chain verified). */
export function nodeAuthorizationError(chain: { leaf: Uint8Array; untrusted: Uint8Array[]; trusted: Uint8Array[]; leafKey: KeyObject }, server: { cert: string; key: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const tls = createServer({ ...server, ca: chain.trusted.map(pem), requestCert: true, rejectUnauthorized: false, ciphers: "DEFAULT:@SECLEVEL=0" }, (socket) => {
      const error = socket.authorizationError;
      resolve(error === null || error === undefined ? "" : String(error));
      socket.end();
    });
    const timer = setTimeout(() => {
      tls.close();
      reject(new Error("TLS handshake timed out"));
    }, 10_000);
    tls.on("close", () => clearTimeout(timer));
    tls.listen(0, "127.0.0.1", () => {
      const { port } = tls.address() as AddressInfo;
      const client = connect({ host: "127.0.0.1", port, cert: [chain.leaf, ...chain.untrusted].map(pem).join(""), key: chain.leafKey.export({ type: "pkcs8", format: "pem" }), rejectUnauthorized: false, ciphers: "DEFAULT:@SECLEVEL=0" });
      client.on("error", () => undefined);
      client.on("close", () => tls.close());
      client.on("secureConnect", () => client.end());
    });
  });
}
