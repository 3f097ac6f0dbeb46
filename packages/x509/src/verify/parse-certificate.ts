/**
 * The certificate verify reads is the one model (../model): these re-exports keep the older import paths of
 * diagnose and lint working.
 */
export type { ParsedCertificate, ParsedGeneralName } from "../model/types.js";
export { sameCertificate } from "../model/certificate.js";
