/**
 * The few DER encodings decoding needs: rebuilding a SubjectPublicKeyInfo from a private key's public half.
 */

/** One TLV with a definite length (X.690 8.1.3). */
export function encodeTlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n & 0xff);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let pos = 1 + lengthBytes.length;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** DER of an OBJECT IDENTIFIER from its dotted form. */
export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split(".").map(Number);
  const body: number[] = [];
  const push = (value: number) => {
    const chunk = [value & 0x7f];
    for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    body.push(...chunk);
  };
  push((arcs[0] ?? 0) * 40 + (arcs[1] ?? 0));
  for (const arc of arcs.slice(2)) push(arc);
  return encodeTlv(0x06, Uint8Array.from(body));
}
