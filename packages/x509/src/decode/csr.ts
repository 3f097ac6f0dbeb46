/**
 * A ParsedCsr described for people and JSON (`CsrInfo`): subject, key, requested extensions, proof of possession.
 */
import { parseCsr } from "../model/csr.js";
import { verifySignature } from "../model/signature.js";
import type { CryptoProvider, CsrInfo, GeneralName } from "../types.js";
import { describeExtensions, plainNames } from "./describe-extensions.js";
import { X509Error } from "./errors.js";
import { describeSpki } from "./public-key.js";

/** Decodes one DER CSR. `signatureValid` is false when the signature fails or cannot be checked. */
export async function decodeCsrDer(der: Uint8Array, crypto: CryptoProvider, where = "certificate request"): Promise<CsrInfo> {
  try {
    const model = parseCsr(der.slice());
    const [publicKey, check] = await Promise.all([
      describeSpki(model.publicKey, crypto),
      verifySignature(model.signatureAlgorithm, model.publicKey, model.info, model.signature, crypto),
    ]);
    return {
      kind: "csr",
      subject: model.subject,
      subjectAttributes: model.subjectName.attributes.map(({ type, oid, value }) => ({ type, oid, value })),
      publicKey,
      signatureAlgorithm: model.signatureAlgorithm.name,
      subjectAltNames: plainNames(model.subjectAltNames) as GeneralName[],
      extensions: describeExtensions(model.extensions),
      signatureValid: check.status === "valid",
      der: model.der,
    };
  } catch (error) {
    if (error instanceof X509Error) throw error.message.startsWith(where) ? error : new X509Error(error.code, `${where}: ${error.message}`);
    throw error;
  }
}
