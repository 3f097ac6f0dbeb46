/**
 * A ParsedCrl described for people and JSON (`CrlInfo`): issuer, dates, revoked serials with reasons, extensions.
 */
import { parseCrl } from "../model/crl.js";
import { CrlReasons } from "../model/extension-values.js";
import type { CrlInfo } from "../types.js";
import { describeExtensions } from "./describe-extensions.js";
import { X509Error } from "./errors.js";

/** Decodes one DER CRL. */
export function decodeCrlDer(der: Uint8Array, where = "CRL"): CrlInfo {
  try {
    const model = parseCrl(der.slice());
    const crl: CrlInfo = {
      kind: "crl",
      issuer: model.issuer,
      thisUpdate: model.thisUpdate.toISOString(),
      signatureAlgorithm: model.signatureAlgorithm.name,
      revoked: model.revoked.map((r) => {
        const entry: CrlInfo["revoked"][number] = { serialNumber: r.serial, revocationDate: r.revocationDate.toISOString() };
        if (r.reason !== undefined && (CrlReasons as readonly string[]).includes(r.reason)) entry.reason = r.reason;
        return entry;
      }),
      extensions: describeExtensions(model.extensions),
      der: model.der,
    };
    if (model.nextUpdate) crl.nextUpdate = model.nextUpdate.toISOString();
    return crl;
  } catch (error) {
    if (error instanceof X509Error) throw error.message.startsWith(where) ? error : new X509Error(error.code, `${where}: ${error.message}`);
    throw error;
  }
}
