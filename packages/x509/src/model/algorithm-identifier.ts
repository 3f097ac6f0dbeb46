/**
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL } (RFC 5280 4.1.1.2).
 */
import { type Tlv, Tag, expectTlv, readTlv } from "../asn1/der.js";
import { readOid } from "../asn1/values.js";
import { badInput } from "../decode/errors.js";
import { signatureAlgorithmName } from "./algorithms.js";
import type { ParsedAlgorithm } from "./types.js";

/** Reads the AlgorithmIdentifier `tlv`; `what` names it in the error message. */
export function readAlgorithm(bytes: Uint8Array, tlv: Tlv, what: string): ParsedAlgorithm {
  if (tlv.tag !== Tag.sequence) throw badInput(`${what}: expected a SEQUENCE`, tlv.offset);
  const oidTlv = expectTlv(bytes, tlv.start, tlv.end, Tag.oid, what);
  const oid = readOid(bytes, oidTlv);
  const algorithm: ParsedAlgorithm = { oid, name: signatureAlgorithmName(oid), range: { start: tlv.offset, end: tlv.end } };
  if (oidTlv.end < tlv.end) {
    const params = readTlv(bytes, oidTlv.end, tlv.end);
    if (params.end !== tlv.end) throw badInput(`${what}: unexpected element after the parameters`, params.end);
    algorithm.params = bytes.subarray(params.offset, params.end);
  }
  return algorithm;
}
