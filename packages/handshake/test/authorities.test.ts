/**
 * certificate_authorities (RFC 8446 4.2.4) names are read by @mtls-lab/x509's one name decoder: T61String as
 * Latin-1 and BMPString as UTF-16, printed as `openssl x509 -nameopt RFC2253,-esc_msb` prints them.
 */
import { describe, expect, it } from "vitest";
import { decodeAuthorities } from "../src/decode/extensions.js";

const tlv = (tag: number, ...parts: number[][]) => {
  const body = parts.flat();
  return [tag, body.length, ...body];
};
const CN = [0x06, 0x03, 0x55, 0x04, 0x03];
const O = [0x06, 0x03, 0x55, 0x04, 0x0a];
// O (BMPString "Grüße"), then CN (T61String "Aé" as one Latin-1 octet, and a trailing space).
const name = tlv(0x30, tlv(0x31, tlv(0x30, O, tlv(0x1e, [0, 0x47, 0, 0x72, 0, 0xfc, 0, 0xdf, 0, 0x65]))), tlv(0x31, tlv(0x30, CN, tlv(0x14, [0x41, 0xe9, 0x20]))));

describe("certificate_authorities", () => {
  it("decodes T61String and BMPString names as x509 does", () => {
    const vector = Uint8Array.from([name.length >> 8, name.length & 0xff, ...name]);
    expect(decodeAuthorities(vector, "test")).toEqual(["CN=Aé\\ ,O=Grüße"]);
  });

  it("keeps an unreadable name as hex", () => {
    const bad = [0x30, 0x03, 0x31, 0x01, 0x30];
    expect(decodeAuthorities(Uint8Array.from([0, bad.length, ...bad]), "test")).toEqual(["DER 3003310130"]);
  });
});
