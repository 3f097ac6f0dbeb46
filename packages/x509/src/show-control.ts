/**
 * Control characters made visible: what a certificate, a capture or a file name says is shown, never obeyed.
 * A subject with ESC sequences could otherwise recolour a terminal, set its title or fake output lines
 * (ECMA-48 C0/C1 controls), and bidirectional overrides reorder what a reader sees (Unicode UAX #9, the
 * "Trojan Source" characters). Each becomes its escape as text: ESC is shown as `\x1b`, U+202E as `\u202e`.
 * Pure: the CLI, its JSON and the site use the same function.
 */

/** C0 (but tab and newline), DEL, C1, and the invisible format characters that reorder or break lines. */
const controlsButLayout = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same set plus tab and newline: inside one value (a name, a SAN), a newline would fake a line. */
const controlsAll = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeOne(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One value (a DN, a SAN, a file name) with every control character shown escaped, newlines and tabs included. */
export function showControl(value: string): string {
  return value.replace(controlsAll, escapeOne);
}

/** Output text with every control character shown escaped except the newlines and tabs that lay it out. */
export function showControlInText(text: string): string {
  return text.replace(controlsButLayout, escapeOne);
}

/**
 * JSON text of `value` (JSON.stringify with `indent`) in which every string has its control characters
 * shown escaped, so `"\x1b"` reads the same in JSON as in text instead of as an invisible `\u001b`.
 */
export function toShownJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? showControl(v) : v), indent);
}
