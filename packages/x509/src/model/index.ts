/**
 * The one model: certificates, CSRs and CRLs read once from DER, with every field and its byte range.
 */
export { parseCertificate, parseCertificateAt, sameCertificate } from "./certificate.js";
export { parseCsr } from "./csr.js";
export { parseCrl } from "./crl.js";
export { formatDistinguishedName, escapeRdnValue } from "./name.js";
export { formatIp } from "./general-names.js";
export { verifySignature, ecdsaDerToRaw, UNSUPPORTED_SIGNATURE_ALGORITHM, type SignatureCheck, type KeyCache } from "./signature.js";
export { SignatureAlgorithms, signatureAlgorithmName, signatureFitsKey, ExtensionOid, HandledCritical, type SignatureKeyFamily } from "./algorithms.js";
export { CrlReasons, type ParsedAuthorityKeyId, type ParsedDistributionPoint, type ParsedGeneralSubtree } from "./extension-values.js";
export { modelOf } from "./model-of.js";
export type * from "./types.js";
