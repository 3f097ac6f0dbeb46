/** Rows of a hex view: 16 bytes a row, with the offset in front, as `xxd` and lapo's asn1js print them. */

export const BYTES_PER_ROW = 16;

export interface HexRow {
  offset: number;
  bytes: number[];
}

/** The rows covering `bytes`, capped at `maxRows` so a large file never renders a million cells. */
export function hexRows(bytes: Uint8Array, maxRows = 4096): HexRow[] {
  const rows: HexRow[] = [];
  for (let offset = 0; offset < bytes.length && rows.length < maxRows; offset += BYTES_PER_ROW) {
    rows.push({ offset, bytes: Array.from(bytes.subarray(offset, offset + BYTES_PER_ROW)) });
  }
  return rows;
}

/** Two lowercase hex digits. */
export function byteHex(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

/** Bytes [start, end) as lowercase hex with no separators. */
export function sliceHex(bytes: Uint8Array, start: number, end: number): string {
  return Array.from(bytes.subarray(start, end), byteHex).join("");
}

/** Bytes [start, end) as base64 (btoa works on a binary string; chunked so large ranges do not overflow the stack). */
export function sliceBase64(bytes: Uint8Array, start: number, end: number): string {
  let binary = "";
  const part = bytes.subarray(start, end);
  for (let i = 0; i < part.length; i += 0x8000) binary += String.fromCharCode(...part.subarray(i, i + 0x8000));
  return btoa(binary);
}
