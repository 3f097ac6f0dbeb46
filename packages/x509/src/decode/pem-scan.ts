/**
 * PEM armour scanning in one pass (RFC 7468): finds `-----BEGIN L-----` … `-----END L-----` pairs anywhere in
 * a text (mail, logs, bundles) without a backtracking regex. The regex it replaces
 * (/-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g) rescanned the rest of the text for every BEGIN
 * without its END: 200,000 such lines (6.6 MB) took 290 s. Here every marker is read once, so the time is
 * linear in the text, and the number of blocks per input is bounded.
 */
import { X509Error, X509ErrorCode } from "./errors.js";

/** Bounds of one scan. */
export const PemLimits = {
  /** Armoured blocks in one input. A bundle of every public root CA is ~150; 10,000 is a mistake or an attack. */
  maxBlocks: 10_000,
} as const;

/** One armoured block: its label and where it and its body are, as character offsets in the text. */
export interface Armour {
  label: string;
  /** Offset of "-----BEGIN". */
  start: number;
  /** Offset just after the END line's closing "-----". */
  end: number;
  /** The text between the BEGIN and END markers. */
  bodyStart: number;
  bodyEnd: number;
}

/** What a scan found: the blocks in order, and the first BEGIN that has no matching END (if any). */
export interface ArmourScan {
  blocks: Armour[];
  unmatched?: { label: string; at: number };
}

interface Marker {
  label: string;
  /** Offset of the marker's first dash. */
  at: number;
  /** Offset just after its closing "-----". */
  after: number;
}

const dashes = "-----";

/** RFC 7468 labels as the old regex took them: A-Z, 0-9, space and "#" (OpenSSL's "X509 CRL", "PKCS #7"). */
function isLabelChar(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x20 || code === 0x23;
}

/**
 * Calls `visit` for every `-----<word> LABEL-----` marker of one kind, in order, from `from`; each character
 * is looked at a bounded number of times. `visit` returns where to continue (at least past the marker).
 */
function eachMarker(text: string, word: "BEGIN" | "END", visit: (marker: Marker) => number | void): void {
  const open = `${dashes}${word} `;
  for (let at = text.indexOf(open); at !== -1; ) {
    let i = at + open.length;
    while (i < text.length && isLabelChar(text.charCodeAt(i))) i += 1;
    // At least one label character, then exactly the closing dashes (the label cannot contain "-").
    let next = at + 1;
    if (i > at + open.length && text.startsWith(dashes, i)) {
      next = Math.max(next, visit({ label: text.slice(at + open.length, i), at, after: i + dashes.length }) ?? next);
    }
    at = text.indexOf(open, next);
  }
}

/**
 * Finds every armoured block, with the regex's meaning: each BEGIN pairs with the nearest later END of the
 * same label; text inside a block (another BEGIN too) is its body; a BEGIN without a later END is skipped
 * (the first one is reported as `unmatched`). Throws X509Error past `maxBlocks` blocks.
 */
export function scanArmour(text: string, maxBlocks: number = PemLimits.maxBlocks): ArmourScan {
  // END markers by label, each list in text order with a cursor that only moves forward: linear overall.
  const ends = new Map<string, { list: Marker[]; next: number }>();
  eachMarker(text, "END", (marker) => {
    const entry = ends.get(marker.label) ?? { list: [], next: 0 };
    entry.list.push(marker);
    ends.set(marker.label, entry);
  });
  const blocks: Armour[] = [];
  let unmatched: ArmourScan["unmatched"];
  // BEGIN markers are visited, not collected: a file of 200,000 of them allocates nothing per line.
  eachMarker(text, "BEGIN", (begin) => {
    const entry = ends.get(begin.label);
    while (entry && entry.next < entry.list.length && (entry.list[entry.next] as Marker).at < begin.after) entry.next += 1;
    const end = entry?.list[entry.next];
    if (!end) {
      unmatched ??= { label: begin.label, at: begin.at };
      return;
    }
    if (blocks.length >= maxBlocks) {
      throw new X509Error(X509ErrorCode.badInput, `more than ${maxBlocks} PEM blocks in one input; split it into smaller files`);
    }
    blocks.push({ label: begin.label, start: begin.at, end: end.after, bodyStart: begin.after, bodyEnd: end.at });
    return end.after; // the next block starts after this one: a BEGIN inside it is body
  });
  return unmatched ? { blocks, unmatched } : { blocks };
}

/** The 1-based line number of character offset `index` (one pass up to it). */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line += 1;
  return line;
}
