export { parseAsn1 } from "./parse-asn1.js";
export { nameOid } from "./oids.js";
