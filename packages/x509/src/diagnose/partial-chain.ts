/**
 * curl trusts an intermediate in its CA file: it sets X509_V_FLAG_PARTIAL_CHAIN unless told not to
 * (curl's lib/vtls/openssl.c; CURLSSLOPT_NO_PARTIALCHAIN, `--ssl-no-partialchain` is not in 7.88).
 * Measured with curl 7.88: `--cacert server-intermediate.crt` verifies the server, exit 0, where Node's
 * client says UNABLE_TO_GET_ISSUER_CERT. nginx and Node servers leave the flag off, so the client side
 * is unchanged.
 */
import { MistakeKind, type LeadingCause } from "./mistake-kinds.js";
import type { Diagnosis } from "./types.js";

/** Corrects curl's side of a diagnosis whose only server-side error is a CA file stopping at an intermediate. */
export function applyCurlPartialChain(diagnosis: Diagnosis, leading: LeadingCause | null): Diagnosis {
  if (leading?.kind !== MistakeKind.serverCaFileWithoutRoot) return diagnosis;
  const errors = diagnosis.server.verify?.errors ?? [];
  if (errors.length === 0 || !errors.every((e) => e.code === "UNABLE_TO_GET_ISSUER_CERT")) return diagnosis;
  const server = { ...diagnosis.server, curl: { exitCode: 0, message: null }, alert: null };
  const failedAtServer = diagnosis.client.curl?.exitCode !== 0 && diagnosis.client.curl?.exitCode !== 58;
  const client = failedAtServer
    ? { ...diagnosis.client, curl: diagnosis.client.nginx ? { exitCode: 0, message: null, httpStatus: diagnosis.client.nginx.status } : { exitCode: 0, message: null } }
    : diagnosis.client;
  return {
    ...diagnosis,
    server,
    client,
    leading: { ...leading, cause: `${leading.cause} curl accepts it all the same (it trusts an intermediate in --cacert: X509_V_FLAG_PARTIAL_CHAIN); Node clients and browsers do not.` },
  };
}
