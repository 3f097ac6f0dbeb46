/**
 * Generate: keys, profiles, certificates, PKCS#12 and the mTLS kit.
 */
export { KeyAlgorithms, generateKeyPair, isKeyType, keyTypeOf, signingAlgorithmFor } from "./keys.js";
export { CA_DAYS, LEAF_DAYS, Profiles, getProfile, type ProfileName } from "./profiles.js";
export { issueCertificate, randomSerialNumber } from "./issue.js";
export { parseDistinguishedName } from "./names.js";
export { exportCertificateDer, exportCertificatePem, exportPrivateKeyDer, exportPrivateKeyPem, exportPublicKeyPem } from "./export.js";
export { createPkcs12, Pkcs12Profile } from "./pkcs12.js";
export { CRL_DAYS, CrlReason, issueCrl, serialOf, type CrlEntry, type IssueCrlParams, type IssuedCrl } from "./crl.js";
export { generateKit, kitManifest } from "./kit.js";
export { answerOcsp, type OcspAnswerParams, type OcspRevocation } from "./ocsp.js";
export { kitCrlFiles, updateKitCrls, type KitCrlInput, type KitCrlResult } from "./kit-crl.js";
export type * from "./types.js";
