/**
 * Handshake messages may span records and records may hold several messages (RFC 8446 5.1). A message's
 * tree is built in message offsets, then each piece of it is placed in the byte space of the record that
 * carries that piece; a node cut by a record boundary becomes one part per record.
 */
import type { ByteNode } from "../types.js";

/** A run of a message's bytes inside one record's content: message [msgStart, msgEnd) at `spaceStart`. */
export interface Piece {
  record: number;
  msgStart: number;
  msgEnd: number;
  spaceStart: number;
}

function partsOf(range: [number, number], pieces: readonly Piece[]): Piece[] {
  return pieces.filter((p) => p.msgStart < range[1] && p.msgEnd > range[0]);
}

/** The node restricted to `piece`, in the piece's byte space; null when they do not meet. */
export function placeIn(node: ByteNode, piece: Piece, pieces: readonly Piece[]): ByteNode | null {
  const start = Math.max(node.range[0], piece.msgStart);
  const end = Math.min(node.range[1], piece.msgEnd);
  if (start >= end) return null;
  const placed: ByteNode = { ...node, range: [piece.spaceStart + start - piece.msgStart, piece.spaceStart + end - piece.msgStart] };
  const parts = partsOf(node.range, pieces);
  if (parts.length > 1) placed.part = `${parts.indexOf(piece) + 1}/${parts.length}`;
  if (node.children) {
    const children = node.children.map((child) => placeIn(child, piece, pieces)).filter((child): child is ByteNode => child !== null);
    if (children.length > 0) placed.children = children;
    else delete placed.children;
  }
  return placed;
}
