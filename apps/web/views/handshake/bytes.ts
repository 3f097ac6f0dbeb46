/** Lowercase hex (the decoder's `hex` fields) to bytes; odd or non-hex input gives the bytes read so far. */
export function fromHexString(hex: string): Uint8Array {
  const out = new Uint8Array(Math.floor(hex.length / 2));
  for (let i = 0; i < out.length; i++) {
    const byte = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    if (Number.isNaN(byte)) return out.subarray(0, i);
    out[i] = byte;
  }
  return out;
}
