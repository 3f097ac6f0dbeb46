/**
 * answerOcsp: an OCSP responder's answer (RFC 6960) to one DER OCSPRequest, signed by the CA that issued the
 * certificates asked about (RFC 6960 4.2.2.2: the issuing CA may sign its own responses). Pure: the caller
 * owns the socket (`mtls-lab ocsp`) and says which serials are revoked.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { toHex } from "../encoding.js";
import type { CryptoProvider } from "../types.js";
import type { CrlReason } from "./crl.js";
import { toX509 } from "./issue.js";
import type { IssuerInput } from "./types.js";

const OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";
/** OCSPResponseStatus (RFC 6960 4.2.1). */
const Status = { successful: 0, malformedRequest: 1, internalError: 2, unauthorized: 6 } as const;

export interface OcspRevocation {
  revokedAt: Date | string;
  reason?: CrlReason;
}

export interface OcspAnswerParams {
  /** The CAs this responder answers for. */
  issuers: readonly IssuerInput[];
  /** Revocation of a serial (lowercase hex, no leading zero octets) issued by issuers[index]; undefined: good. */
  revocation(serial: string, issuerIndex: number): OcspRevocation | undefined;
  /** Default now. */
  at?: Date;
  /** How long a "good" answer may be cached (nextUpdate); default 5 minutes, so a revocation shows soon. */
  validityMinutes?: number;
}

/** CRLReason values (RFC 5280 5.3.1; 7 is unused). */
const REASON_CODES: Readonly<Record<CrlReason, number>> = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
};

const HASHES: Readonly<Record<string, "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512">> = {
  "1.3.14.3.2.26": "SHA-1",
  "2.16.840.1.101.3.4.2.1": "SHA-256",
  "2.16.840.1.101.3.4.2.2": "SHA-384",
  "2.16.840.1.101.3.4.2.3": "SHA-512",
};

function statusOnly(status: number): Uint8Array {
  const response = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(response.toSchema().toBER(false));
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const normalize = (hex: string) => hex.toLowerCase().replace(/^(00)+(?=..)/, "");
/**
 * Whole seconds: asn1js writes milliseconds as a GeneralizedTime fraction ("...38.828Z"), which RFC 5280
 * 4.1.2.5.2 forbids and nginx cannot read: its ngx_ssl_stapling_time() prints the nextUpdate with
 * ASN1_GENERALIZEDTIME_print ("Dec  8 04:26:38.828 2026 GMT") and parses that with ngx_parse_http_time(),
 * which fails on the fraction; ngx_ssl_ocsp_verify() then logs "invalid nextUpdate time in certificate status"
 * and ssl_ocsp refuses every client with "certificate status request failed" (nginx 1.22.1, measured).
 */
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** The answer to `request` (DER OCSPRequest). Never throws: a bad request gets malformedRequest, as RFC 6960 says. */
export async function answerOcsp(request: Uint8Array, params: OcspAnswerParams, crypto: CryptoProvider = globalThis.crypto): Promise<Uint8Array> {
  let parsed: pkijs.OCSPRequest;
  try {
    parsed = pkijs.OCSPRequest.fromBER(new Uint8Array(request).buffer as ArrayBuffer);
  } catch {
    return statusOnly(Status.malformedRequest);
  }
  const at = wholeSeconds(params.at ?? new Date());
  const nextUpdate = new Date(at.getTime() + (params.validityMinutes ?? 5) * 60_000);
  const issuers = params.issuers.map((issuer) => ({ x509: toX509(issuer.certificate, "issuers[]"), key: issuer.privateKey }));
  const pkiIssuers = issuers.map((i) => pkijs.Certificate.fromBER(i.x509.rawData));

  const responses: pkijs.SingleResponse[] = [];
  let signer = -1;
  for (const item of parsed.tbsRequest.requestList) {
    const certId = item.reqCert;
    const hash = HASHES[certId.hashAlgorithm.algorithmId];
    if (!hash) return statusOnly(Status.malformedRequest);
    let index = -1;
    for (const [i, issuer] of pkiIssuers.entries()) {
      const keyHash = new Uint8Array(await crypto.subtle.digest(hash, issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView as BufferSource));
      const nameHash = new Uint8Array(await crypto.subtle.digest(hash, issuer.subject.toSchema().toBER(false)));
      if (sameBytes(keyHash, certId.issuerKeyHash.valueBlock.valueHexView) && sameBytes(nameHash, certId.issuerNameHash.valueBlock.valueHexView)) index = i;
    }
    // RFC 6960 2.3: a responder that is not authoritative for the certificate answers unauthorized.
    if (index < 0 || (signer >= 0 && index !== signer)) return statusOnly(Status.unauthorized);
    signer = index;
    const serial = normalize(toHex(certId.serialNumber.valueBlock.valueHexView));
    const revoked = params.revocation(serial, index);
    const certStatus = revoked
      ? new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 1 },
          value: [
            new asn1js.GeneralizedTime({ valueDate: wholeSeconds(new Date(revoked.revokedAt)) }),
            ...(revoked.reason
              ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: REASON_CODES[revoked.reason] })] })]
              : []),
          ],
        })
      : new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
    responses.push(new pkijs.SingleResponse({ certID: certId, certStatus, thisUpdate: at, nextUpdate }));
  }
  if (signer < 0) return statusOnly(Status.malformedRequest);

  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = pkiIssuers[signer]!.subject;
  // The signer's certificate goes along: a verifier that trusts only the root (nginx with ssl_client_certificate)
  // must build the path from an intermediate CA's signature to it (RFC 6960 4.2.1, certs).
  basic.certs = [pkiIssuers[signer]!];
  basic.tbsResponseData.producedAt = at;
  basic.tbsResponseData.responses = responses;
  // RFC 8954 / RFC 6960 4.4.1: a nonce in the request comes back in the response (openssl ocsp checks it).
  const nonce = parsed.tbsRequest.requestExtensions?.find((e) => e.extnID === "1.3.6.1.5.5.7.48.1.2");
  if (nonce) basic.tbsResponseData.responseExtensions = [nonce];
  const key = issuers[signer]!.key;
  const hashName = key.algorithm.name === "ECDSA" && (key.algorithm as EcKeyAlgorithm).namedCurve === "P-384" ? "SHA-384" : "SHA-256";
  try {
    await basic.sign(key, hashName, new pkijs.CryptoEngine({ name: "mtls-lab", crypto }));
  } catch {
    return statusOnly(Status.internalError);
  }
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: Status.successful }),
    responseBytes: new pkijs.ResponseBytes({ responseType: OCSP_BASIC, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
  });
  return new Uint8Array(response.toSchema().toBER(false));
}
