/**
 * A tiny reader for DER distinguished names, enough to show the certificate_authorities a server sends
 * in CertificateRequest (RFC 8446 4.2.4, RFC 5246 7.4.4) as "CN=mTLS Lab Client CA,O=mTLS Lab".
 */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "1.2.840.113549.1.9.1": "emailAddress",
  "0.9.2342.19200300.100.1.25": "DC",
};

interface Tlv {
  tag: number;
  body: Uint8Array;
  next: number;
}

function readTlv(bytes: Uint8Array, at: number): Tlv | null {
  if (at + 2 > bytes.length) return null;
  const tag = bytes[at] as number;
  let length = bytes[at + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 3 || at + 2 + count > bytes.length) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = (length << 8) | (bytes[at + 2 + i] as number);
    header += count;
  }
  if (at + header + length > bytes.length) return null;
  return { tag, body: bytes.subarray(at + header, at + header + length), next: at + header + length };
}

function readOid(body: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of body) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(Math.min(2, Math.floor(value / 40)), value - Math.min(2, Math.floor(value / 40)) * 40);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

/** RFC 4514 form, most specific attribute first; null when the bytes are not a DER Name. */
export function formatDistinguishedName(der: Uint8Array): string | null {
  const outer = readTlv(der, 0);
  if (!outer || outer.tag !== 0x30) return null;
  const attributes: string[] = [];
  for (let at = 0; at < outer.body.length; ) {
    const set = readTlv(outer.body, at);
    if (!set || set.tag !== 0x31) return null;
    const pair = readTlv(set.body, 0);
    if (!pair || pair.tag !== 0x30) return null;
    const oid = readTlv(pair.body, 0);
    if (!oid || oid.tag !== 0x06) return null;
    const value = readTlv(pair.body, oid.next);
    if (!value) return null;
    const oidText = readOid(oid.body);
    const text = new TextDecoder().decode(value.body).replace(/([,+"\\<>;])/g, "\\$1");
    attributes.push(`${SHORT_NAMES[oidText] ?? oidText}=${text}`);
    at = set.next;
  }
  return attributes.reverse().join(",");
}
