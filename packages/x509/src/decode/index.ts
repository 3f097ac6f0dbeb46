export { decode, decodeCertificate } from "./decode.js";
export { X509Error, X509ErrorCode, VerifyInputError } from "./errors.js";
export { parseAsn1 } from "../asn1/parse-asn1.js";
export { renderText } from "./render-text.js";
export { toJson } from "./to-json.js";
export { PemLimits } from "./pem-scan.js";
export { MaxPkcs12Iterations } from "./pkcs12-iterations.js";
export { DecodeTimeLimitMs } from "./in-batches.js";
